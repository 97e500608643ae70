// Coroutine: the state machine for this function, written by hand.
//
//   coroutine void async_main() {
//     std::cout << "Program starting\n";
//     std::string txt = async::Http::get("/600/HelloWorld1").wait;
//     std::cout << txt << "\n";
//     txt = async::Http::get("/400/HelloWorld2").wait;
//     std::cout << txt << "\n";
//   }
//
// Each wait splits the function: a poll() can only return in between. So the
// function becomes four states, each holding what it needs to go on:
//
//   Start ──first poll──> Wait1 {first GET} ──Ready──> Wait2 {second GET} ──Ready──> Resolved
//                            │  ^                          │  ^
//                            └──┘ NotReady                 └──┘ NotReady
//
// The states are a std::variant, the C++ spelling of the book's Rust enum
// with data: a state that waits carries the future it waits on, and
// switching state destroys the old one (and its future) for us.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <variant>

#include "future.hpp"
#include "http.hpp"

namespace example {

class Coroutine final : public async::Future<void> {
 public:
  // Prints to `out`; fetches the two paths in turn.
  Coroutine(std::ostream& out, std::string first_path, std::string second_path)
      : out_(out), first_path_(std::move(first_path)), second_path_(std::move(second_path)) {}

  async::PollState<void> poll() override {
    // Each pass of the loop handles one state; a state that finishes its work
    // moves to the next and loops, so one poll() goes as far as it can.
    for (;;) {
      if (std::holds_alternative<Start>(state_)) {
        out_ << "Program starting\n";
        state_ = Wait1{async::Http::get(first_path_)};
      } else if (auto* wait1 = std::get_if<Wait1>(&state_)) {
        auto polled = wait1->future->poll();
        if (!polled.is_ready()) return async::NotReady{};
        out_ << std::move(polled).value() << "\n";
        state_ = Wait2{async::Http::get(second_path_)};  // destroys Wait1 and its finished future
      } else if (auto* wait2 = std::get_if<Wait2>(&state_)) {
        auto polled = wait2->future->poll();
        if (!polled.is_ready()) return async::NotReady{};
        out_ << std::move(polled).value() << "\n";
        state_ = Resolved{};
        return async::Ready<void>{};
      } else {
        throw async::FuturePolledAfterReady("Coroutine");
      }
    }
  }

  // "Start", "Wait1", "Wait2" or "Resolved": for the demo's printout and the tests.
  [[nodiscard]] std::string_view state_name() const {
    static constexpr std::string_view kNames[] = {"Start", "Wait1", "Wait2", "Resolved"};
    return kNames[state_.index()];
  }

 private:
  struct Start {};
  struct Wait1 {
    async::FuturePtr<std::string> future;
  };
  struct Wait2 {
    async::FuturePtr<std::string> future;
  };
  struct Resolved {};

  std::ostream& out_;
  std::string first_path_;
  std::string second_path_;
  std::variant<Start, Wait1, Wait2, Resolved> state_;
};

}  // namespace example
