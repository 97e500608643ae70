// Either: the state machine of a coroutine that waits inside an if, by hand.
//
//   coroutine std::string either(bool fast, std::string fast_path, std::string slow_path) {
//     std::string answer;
//     if (fast) {
//       answer = async::Http::get(fast_path).wait;
//     } else {
//       answer = async::Http::get(slow_path).wait;
//     }
//     return body(answer) + "!";   // body: common::split_response(x).body
//   }
//
// corofy refuses this function: a wait inside a branch. By hand it is two
// wait states, one per branch, that end in the same code.
#pragma once

#include <string>
#include <string_view>
#include <variant>

#include "future.hpp"

namespace exercise {

class Either final : public async::Future<std::string> {
 public:
  Either(bool fast, std::string fast_path, std::string slow_path);

  async::PollState<std::string> poll() override;

  // "Start", "WaitFast", "WaitSlow" or "Resolved".
  [[nodiscard]] std::string_view state_name() const;

 private:
  struct Start {};
  struct WaitFast {
    async::FuturePtr<std::string> get;
  };
  struct WaitSlow {
    async::FuturePtr<std::string> get;
  };
  struct Resolved {};

  // The code after the if, which both branches reach.
  async::PollState<std::string> finish(const std::string& answer);

  bool fast_;
  std::string fast_path_;
  std::string slow_path_;
  std::variant<Start, WaitFast, WaitSlow, Resolved> state_;
};

}  // namespace exercise
