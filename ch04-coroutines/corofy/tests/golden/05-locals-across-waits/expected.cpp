// Generated from input.cpp by `corofy input.cpp`: edit that file, not this one.
#include <memory>     // std::make_unique, for the generated code
#include <stdexcept>  // std::logic_error, for the generated code
#include <utility>    // std::move, for the generated code

// Locals that live across a wait become members of the state machine, each
// declared with the type written here; their declarations become
// assignments. Unlike the book's corofy, their values survive the wait.
// `later` is declared with auto, which is fine: it is used in its own step only.
#include <string>
#include <vector>

#include "countdown.hpp"
#include "future.hpp"

namespace golden05 {

// corofy rewrote the coroutine `sum_of_locals` (input.cpp:13) into the state
// machine SumOfLocalsCoroutine, with the states Start, Wait1, Resolved, and the
// function sum_of_locals() that creates it. As written:
//
//   coroutine int sum_of_locals() {
//     std::string text = "ab";
//     std::vector<int> numbers{1, 2};
//     std::string stars(3, '*');
//     int counted;
//     const int base = 100;
//     counted = static_cast<int>(text.size());
//     int got = async::countdown(1, 5).wait;
//     numbers.push_back(got);
//     auto later = static_cast<int>(stars.size());
//     return base + counted + later + numbers[0] + numbers[1] + numbers[2];
//   }
//

namespace {

class SumOfLocalsCoroutine final : public async::Future<int> {
 public:
  SumOfLocalsCoroutine() = default;
  // It never moves: the code may keep pointers to its members.
  SumOfLocalsCoroutine(const SumOfLocalsCoroutine&) = delete;
  SumOfLocalsCoroutine& operator=(const SumOfLocalsCoroutine&) = delete;

  async::PollState<int> poll() override {
    for (;;) {
      switch (state_) {
        case State::Start: {
          // input.cpp:14-19
          std::string text = "ab";
          numbers = std::vector<int>{1, 2};
          stars = std::string(3, '*');
          counted = int{};
          base = 100;
          counted = static_cast<int>(text.size());
          // input.cpp:20, the wait begins: int got = async::countdown(1, 5).wait;
          wait1_ = async::countdown(1, 5);
          state_ = State::Wait1;
          break;  // round the loop: poll wait1_ at once
        }
        case State::Wait1: {
          // input.cpp:20, the wait ends when wait1_ is Ready
          auto polled = wait1_->poll();
          if (!polled.is_ready()) return async::NotReady{};
          wait1_.reset();
          int got = std::move(polled).value();
          // input.cpp:21-23
          numbers.push_back(got);
          auto later = static_cast<int>(stars.size());
          return resolve_(base + counted + later + numbers[0] + numbers[1] + numbers[2]);
        }
        case State::Resolved:
          throw async::FuturePolledAfterReady("coroutine sum_of_locals");
      }
    }
  }

 private:
  enum class State { Start, Wait1, Resolved };

  // Every `return` of the coroutine ends here.
  async::PollState<int> resolve_(int value) {
    state_ = State::Resolved;
    return async::Ready<int>{std::move(value)};
  }

  State state_ = State::Start;
  // The locals that live across a wait.
  std::vector<int> numbers{};  // input.cpp:15, used at line 21
  std::string stars{};  // input.cpp:16, used at line 22
  int counted{};  // input.cpp:17, used at line 23
  int base{};  // input.cpp:18, used at line 23
  // The future each wait is waiting on (empty in the other states).
  async::FuturePtr<int> wait1_;  // input.cpp:20
};

}  // namespace

[[nodiscard]] async::FuturePtr<int> sum_of_locals() {
  return std::make_unique<SumOfLocalsCoroutine>();
}

}  // namespace golden05
