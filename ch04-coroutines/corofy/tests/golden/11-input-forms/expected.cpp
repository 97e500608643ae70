// Generated from input.cpp by `corofy input.cpp`: edit that file, not this one.
#include <memory>     // std::make_unique, for the generated code
#include <stdexcept>  // std::logic_error, for the generated code
#include <utility>    // std::move, for the generated code

// A file as some editors save it: a UTF-8 byte-order mark first (it stays at
// the very start of the output, before the banner), a macro continued over
// two lines, and a coroutine in a nested inline namespace.
#include <string>

#include "countdown.hpp"
#include "future.hpp"

#define GOLDEN11_GREETING(name) \
  ("hello " + std::string(name))

namespace golden11::inline v1 {

// corofy rewrote the coroutine `greet` (input.cpp:14) into the state machine
// GreetCoroutine, with the states Start, Wait1, Resolved, and the function
// greet() that creates it. As written:
//
//   coroutine std::string greet(std::string name) {
//     std::string reply = async::countdown(1, GOLDEN11_GREETING(name)).wait;
//     return reply + "!";
//   }
//

namespace {

class GreetCoroutine final : public async::Future<std::string> {
 public:
  explicit GreetCoroutine(std::string name)
      : name(std::move(name)) {}
  // It never moves: the code may keep pointers to its members.
  GreetCoroutine(const GreetCoroutine&) = delete;
  GreetCoroutine& operator=(const GreetCoroutine&) = delete;

  async::PollState<std::string> poll() override {
    for (;;) {
      switch (state_) {
        case State::Start: {
          // input.cpp:15, the wait begins: std::string reply = async::countdown(1, GOLDEN11_GREETING(name)).wait;
          wait1_ = async::countdown(1, GOLDEN11_GREETING(name));
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
          return resolve_(reply + "!");
        }
        case State::Resolved:
          throw async::FuturePolledAfterReady("coroutine greet");
      }
    }
  }

 private:
  enum class State { Start, Wait1, Resolved };

  // Every `return` of the coroutine ends here.
  async::PollState<std::string> resolve_(std::string value) {
    state_ = State::Resolved;
    return async::Ready<std::string>{std::move(value)};
  }

  State state_ = State::Start;
  // The parameters, kept for the states that use them.
  std::string name;
  // The future each wait is waiting on (empty in the other states).
  async::FuturePtr<std::string> wait1_;  // input.cpp:15
};

}  // namespace

[[nodiscard]] async::FuturePtr<std::string> greet(std::string name) {
  return std::make_unique<GreetCoroutine>(std::move(name));
}

}  // namespace golden11::inline v1
