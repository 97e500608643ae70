// ThreeGets: the state machine of a coroutine with three waits, by hand.
//
//   coroutine std::string three_gets(std::string first, std::string second, std::string third) {
//     std::string a = async::Http::get(first).wait;
//     std::string b = async::Http::get(second).wait;
//     std::string c = async::Http::get(third).wait;
//     return body(a) + " " + body(b) + " " + body(c);   // body: common::split_response(x).body
//   }
//
// `a` is needed after the second and third waits, `b` after the third: a
// state must carry them from poll to poll.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "future.hpp"

namespace exercise {

class ThreeGets final : public async::Future<std::string> {
 public:
  ThreeGets(std::string first, std::string second, std::string third);

  async::PollState<std::string> poll() override;

  // "Start", "Wait1", "Wait2", "Wait3" or "Resolved".
  [[nodiscard]] std::string_view state_name() const;

 private:
  // Each state holds what the rest of the function needs, as the book's enum
  // does: the pending GET, and the bodies that arrived before it.
  struct Start {};
  struct Wait1 {
    async::FuturePtr<std::string> get;
  };
  struct Wait2 {
    async::FuturePtr<std::string> get;
    std::string a;
  };
  struct Wait3 {
    async::FuturePtr<std::string> get;
    std::string a;
    std::string b;
  };
  struct Resolved {};

  std::string first_;
  std::string second_;
  std::string third_;
  std::variant<Start, Wait1, Wait2, Wait3, Resolved> state_;
};

}  // namespace exercise
