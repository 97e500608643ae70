// Generated from twin.coro.cpp by `corofy twin.coro.cpp`: edit that file, not this one.
#include <memory>     // std::make_unique, for the generated code
#include <stdexcept>  // std::logic_error, for the generated code
#include <utility>    // std::move, for the generated code

// b-async-await's coroutine, for d-cpp20 to measure (see twin.hpp). corofy
// names the state machine of a coroutine `async_main` AsyncMainCoroutine.
#include "twin.hpp"

#include <iostream>

#include "http.hpp"

namespace twin {

// corofy rewrote the coroutine `async_main` (twin.coro.cpp:11) into the state
// machine AsyncMainCoroutine, with the states Start, Wait1, Wait2, Resolved,
// and the function async_main() that creates it. As written:
//
//   coroutine void async_main(std::string first_path, std::string second_path) {
//     std::cout << "Program starting\n";
//     std::string txt = async::Http::get(first_path).wait;
//     std::cout << txt << "\n";
//     txt = async::Http::get(second_path).wait;
//     std::cout << txt << "\n";
//   }
//

namespace {

class AsyncMainCoroutine final : public async::Future<void> {
 public:
  explicit AsyncMainCoroutine(std::string first_path, std::string second_path)
      : first_path(std::move(first_path)), second_path(std::move(second_path)) {}
  // It never moves: the code may keep pointers to its members.
  AsyncMainCoroutine(const AsyncMainCoroutine&) = delete;
  AsyncMainCoroutine& operator=(const AsyncMainCoroutine&) = delete;

  async::PollState<void> poll() override {
    for (;;) {
      switch (state_) {
        case State::Start: {
          // twin.coro.cpp:12
          std::cout << "Program starting\n";
          // twin.coro.cpp:13, the wait begins: std::string txt = async::Http::get(first_path).wait;
          wait1_ = async::Http::get(first_path);
          state_ = State::Wait1;
          break;  // round the loop: poll wait1_ at once
        }
        case State::Wait1: {
          // twin.coro.cpp:13, the wait ends when wait1_ is Ready
          auto polled = wait1_->poll();
          if (!polled.is_ready()) return async::NotReady{};
          wait1_.reset();
          txt = std::move(polled).value();
          // twin.coro.cpp:14
          std::cout << txt << "\n";
          // twin.coro.cpp:15, the wait begins: txt = async::Http::get(second_path).wait;
          wait2_ = async::Http::get(second_path);
          state_ = State::Wait2;
          break;  // round the loop: poll wait2_ at once
        }
        case State::Wait2: {
          // twin.coro.cpp:15, the wait ends when wait2_ is Ready
          auto polled = wait2_->poll();
          if (!polled.is_ready()) return async::NotReady{};
          wait2_.reset();
          txt = std::move(polled).value();
          // twin.coro.cpp:16
          std::cout << txt << "\n";
          return resolve_();
        }
        case State::Resolved:
          throw async::FuturePolledAfterReady("coroutine async_main");
      }
    }
  }

 private:
  enum class State { Start, Wait1, Wait2, Resolved };

  // Every `return` of the coroutine ends here.
  async::PollState<void> resolve_() {
    state_ = State::Resolved;
    return async::Ready<void>{};
  }

  State state_ = State::Start;
  // The parameters, kept for the states that use them.
  std::string first_path;
  std::string second_path;
  // The locals that live across a wait.
  std::string txt{};  // twin.coro.cpp:13, used at line 15
  // The future each wait is waiting on (empty in the other states).
  async::FuturePtr<std::string> wait1_;  // twin.coro.cpp:13
  async::FuturePtr<std::string> wait2_;  // twin.coro.cpp:15
};

}  // namespace

[[nodiscard]] async::FuturePtr<void> async_main(std::string first_path, std::string second_path) {
  return std::make_unique<AsyncMainCoroutine>(std::move(first_path), std::move(second_path));
}

std::size_t state_machine_size() { return sizeof(AsyncMainCoroutine); }

}  // namespace twin
