// Generated from input.cpp by `corofy input.cpp --waker`: edit that file, not this one.
#include <memory>     // std::make_unique, for the generated code
#include <stdexcept>  // std::logic_error, for the generated code
#include <utility>    // std::move, for the generated code

// The Waker flavour (corofy --waker), for chapter 6's Future: poll() takes
// the waker and hands it to every child it polls.
#include <string>

#include "waker_future.hpp"

namespace golden07 {

// corofy rewrote the coroutine `two_parts` (input.cpp:9) into the state machine
// TwoPartsCoroutine, with the states Start, Wait1, Wait2, Resolved, and the
// function two_parts() that creates it. As written:
//
//   coroutine std::string two_parts(std::string first, std::string second) {
//     std::string a = fake::after(1, first).wait;
//     std::string b = fake::after(2, second).wait;
//     return a + b;
//   }
//

namespace {

class TwoPartsCoroutine final : public async::Future<std::string> {
 public:
  explicit TwoPartsCoroutine(std::string first, std::string second)
      : first(std::move(first)), second(std::move(second)) {}
  // It never moves: the code may keep pointers to its members.
  TwoPartsCoroutine(const TwoPartsCoroutine&) = delete;
  TwoPartsCoroutine& operator=(const TwoPartsCoroutine&) = delete;

  async::PollState<std::string> poll(const async::Waker& waker) override {
    for (;;) {
      switch (state_) {
        case State::Start: {
          // input.cpp:10, the wait begins: std::string a = fake::after(1, first).wait;
          wait1_ = fake::after(1, first);
          state_ = State::Wait1;
          break;  // round the loop: poll wait1_ at once
        }
        case State::Wait1: {
          // input.cpp:10, the wait ends when wait1_ is Ready
          auto polled = wait1_->poll(waker);
          if (!polled.is_ready()) return async::NotReady{};
          wait1_.reset();
          a = std::move(polled).value();
          // input.cpp:11, the wait begins: std::string b = fake::after(2, second).wait;
          wait2_ = fake::after(2, second);
          state_ = State::Wait2;
          break;  // round the loop: poll wait2_ at once
        }
        case State::Wait2: {
          // input.cpp:11, the wait ends when wait2_ is Ready
          auto polled = wait2_->poll(waker);
          if (!polled.is_ready()) return async::NotReady{};
          wait2_.reset();
          std::string b = std::move(polled).value();
          // input.cpp:12
          return resolve_(a + b);
        }
        case State::Resolved:
          throw async::FuturePolledAfterReady("coroutine two_parts");
      }
    }
  }

 private:
  enum class State { Start, Wait1, Wait2, Resolved };

  // Every `return` of the coroutine ends here.
  async::PollState<std::string> resolve_(std::string value) {
    state_ = State::Resolved;
    return async::Ready<std::string>{std::move(value)};
  }

  State state_ = State::Start;
  // The parameters, kept for the states that use them.
  std::string first;
  std::string second;
  // The locals that live across a wait.
  std::string a{};  // input.cpp:10, used at line 12
  // The future each wait is waiting on (empty in the other states).
  async::FuturePtr<std::string> wait1_;  // input.cpp:10
  async::FuturePtr<std::string> wait2_;  // input.cpp:11
};

}  // namespace

[[nodiscard]] async::FuturePtr<std::string> two_parts(std::string first, std::string second) {
  return std::make_unique<TwoPartsCoroutine>(std::move(first), std::move(second));
}

}  // namespace golden07
