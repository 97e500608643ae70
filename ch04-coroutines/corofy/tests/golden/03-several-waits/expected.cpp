// Generated from input.cpp by `corofy input.cpp`: edit that file, not this one.
#include <memory>     // std::make_unique, for the generated code
#include <stdexcept>  // std::logic_error, for the generated code
#include <utility>    // std::move, for the generated code

// Three waits in the three forms corofy knows: a declaration that receives
// the output, a statement that waits for a Future<void>, and an assignment
// to a variable declared earlier (which therefore lives across the waits).
#include <string>
#include <vector>

#include "countdown.hpp"
#include "future.hpp"

namespace golden03 {

// corofy rewrote the coroutine `three_steps` (input.cpp:12) into the state
// machine ThreeStepsCoroutine, with the states Start, Wait1, Wait2, Wait3,
// Resolved, and the function three_steps() that creates it. As written:
//
//   coroutine void three_steps(std::vector<std::string>* log) {
//     log->push_back("start");
//     std::string word = async::countdown(1, std::string("one")).wait;
//     log->push_back(word);
//     async::countdown(2).wait;
//     log->push_back("after the void wait");
//     word = async::countdown(0, std::string("two")).wait;
//     log->push_back(word);
//   }
//

namespace {

class ThreeStepsCoroutine final : public async::Future<void> {
 public:
  explicit ThreeStepsCoroutine(std::vector<std::string>* log)
      : log(std::move(log)) {}
  // It never moves: the code may keep pointers to its members.
  ThreeStepsCoroutine(const ThreeStepsCoroutine&) = delete;
  ThreeStepsCoroutine& operator=(const ThreeStepsCoroutine&) = delete;

  async::PollState<void> poll() override {
    for (;;) {
      switch (state_) {
        case State::Start: {
          // input.cpp:13
          log->push_back("start");
          // input.cpp:14, the wait begins: std::string word = async::countdown(1, std::string("one")).wait;
          wait1_ = async::countdown(1, std::string("one"));
          state_ = State::Wait1;
          break;  // round the loop: poll wait1_ at once
        }
        case State::Wait1: {
          // input.cpp:14, the wait ends when wait1_ is Ready
          auto polled = wait1_->poll();
          if (!polled.is_ready()) return async::NotReady{};
          wait1_.reset();
          word = std::move(polled).value();
          // input.cpp:15
          log->push_back(word);
          // input.cpp:16, the wait begins: async::countdown(2).wait;
          wait2_ = async::countdown(2);
          state_ = State::Wait2;
          break;  // round the loop: poll wait2_ at once
        }
        case State::Wait2: {
          // input.cpp:16, the wait ends when wait2_ is Ready
          if (!wait2_->poll().is_ready()) return async::NotReady{};
          wait2_.reset();
          // input.cpp:17
          log->push_back("after the void wait");
          // input.cpp:18, the wait begins: word = async::countdown(0, std::string("two")).wait;
          wait3_ = async::countdown(0, std::string("two"));
          state_ = State::Wait3;
          break;  // round the loop: poll wait3_ at once
        }
        case State::Wait3: {
          // input.cpp:18, the wait ends when wait3_ is Ready
          auto polled = wait3_->poll();
          if (!polled.is_ready()) return async::NotReady{};
          wait3_.reset();
          word = std::move(polled).value();
          // input.cpp:19
          log->push_back(word);
          return resolve_();
        }
        case State::Resolved:
          throw async::FuturePolledAfterReady("coroutine three_steps");
      }
    }
  }

 private:
  enum class State { Start, Wait1, Wait2, Wait3, Resolved };

  // Every `return` of the coroutine ends here.
  async::PollState<void> resolve_() {
    state_ = State::Resolved;
    return async::Ready<void>{};
  }

  State state_ = State::Start;
  // The parameters, kept for the states that use them.
  std::vector<std::string>* log;
  // The locals that live across a wait.
  std::string word{};  // input.cpp:14, used at line 18
  // The future each wait is waiting on (empty in the other states).
  async::FuturePtr<std::string> wait1_;  // input.cpp:14
  async::FuturePtr<void> wait2_;  // input.cpp:16
  async::FuturePtr<std::string> wait3_;  // input.cpp:18
};

}  // namespace

[[nodiscard]] async::FuturePtr<void> three_steps(std::vector<std::string>* log) {
  return std::make_unique<ThreeStepsCoroutine>(std::move(log));
}

}  // namespace golden03
