// Generated from input.cpp by `corofy input.cpp`: edit that file, not this one.
#include <memory>     // std::make_unique, for the generated code
#include <stdexcept>  // std::logic_error, for the generated code
#include <utility>    // std::move, for the generated code

// A coroutine without a wait: one state, Start, runs the whole body on the
// first poll, and the future is Ready at once. Creating it runs nothing.
#include "future.hpp"

namespace golden01 {

int calls = 0;

// corofy rewrote the coroutine `count_call` (input.cpp:9) into the state
// machine CountCallCoroutine, with the states Start, Resolved, and the function
// count_call() that creates it. As written:
//
//   coroutine void count_call() {
//     ++calls;
//   }
//

namespace {

class CountCallCoroutine final : public async::Future<void> {
 public:
  CountCallCoroutine() = default;
  // It never moves: the code may keep pointers to its members.
  CountCallCoroutine(const CountCallCoroutine&) = delete;
  CountCallCoroutine& operator=(const CountCallCoroutine&) = delete;

  async::PollState<void> poll() override {
    for (;;) {
      switch (state_) {
        case State::Start: {
          // input.cpp:10
          ++calls;
          return resolve_();
        }
        case State::Resolved:
          throw async::FuturePolledAfterReady("coroutine count_call");
      }
    }
  }

 private:
  enum class State { Start, Resolved };

  // Every `return` of the coroutine ends here.
  async::PollState<void> resolve_() {
    state_ = State::Resolved;
    return async::Ready<void>{};
  }

  State state_ = State::Start;
};

}  // namespace

[[nodiscard]] async::FuturePtr<void> count_call() {
  return std::make_unique<CountCallCoroutine>();
}

}  // namespace golden01
