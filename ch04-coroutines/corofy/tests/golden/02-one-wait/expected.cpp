// Generated from input.cpp by `corofy input.cpp`: edit that file, not this one.
#include <memory>     // std::make_unique, for the generated code
#include <stdexcept>  // std::logic_error, for the generated code
#include <utility>    // std::move, for the generated code

// One wait: states Start and Wait1. The output of the child future goes
// into a local that is used in the same step, so it stays a local.
#include <string>
#include <vector>

#include "countdown.hpp"
#include "future.hpp"

namespace golden02 {

std::vector<std::string> events;

// corofy rewrote the coroutine `greet` (input.cpp:13) into the state machine
// GreetCoroutine, with the states Start, Wait1, Resolved, and the function
// greet() that creates it. As written:
//
//   coroutine void greet(std::string name) {
//     events.push_back("asking");
//     std::string reply = async::countdown(2, "hello " + name).wait;
//     events.push_back(reply);
//   }
//

namespace {

class GreetCoroutine final : public async::Future<void> {
 public:
  explicit GreetCoroutine(std::string name)
      : name(std::move(name)) {}
  // It never moves: the code may keep pointers to its members.
  GreetCoroutine(const GreetCoroutine&) = delete;
  GreetCoroutine& operator=(const GreetCoroutine&) = delete;

  async::PollState<void> poll() override {
    for (;;) {
      switch (state_) {
        case State::Start: {
          // input.cpp:14
          events.push_back("asking");
          // input.cpp:15, the wait begins: std::string reply = async::countdown(2, "hello " + name).wait;
          wait1_ = async::countdown(2, "hello " + name);
          state_ = State::Wait1;
          break;  // round the loop: poll wait1_ at once
        }
        case State::Wait1: {
          // input.cpp:15, the wait ends when wait1_ is Ready
          auto polled = wait1_->poll();
          if (!polled.is_ready()) return async::NotReady{};
          wait1_.reset();
          std::string reply = std::move(polled).value();
          // input.cpp:16
          events.push_back(reply);
          return resolve_();
        }
        case State::Resolved:
          throw async::FuturePolledAfterReady("coroutine greet");
      }
    }
  }

 private:
  enum class State { Start, Wait1, Resolved };

  // Every `return` of the coroutine ends here.
  async::PollState<void> resolve_() {
    state_ = State::Resolved;
    return async::Ready<void>{};
  }

  State state_ = State::Start;
  // The parameters, kept for the states that use them.
  std::string name;
  // The future each wait is waiting on (empty in the other states).
  async::FuturePtr<std::string> wait1_;  // input.cpp:15
};

}  // namespace

[[nodiscard]] async::FuturePtr<void> greet(std::string name) {
  return std::make_unique<GreetCoroutine>(std::move(name));
}

}  // namespace golden02
