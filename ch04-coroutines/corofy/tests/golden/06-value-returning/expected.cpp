// Generated from input.cpp by `corofy input.cpp`: edit that file, not this one.
#include <memory>     // std::make_unique, for the generated code
#include <stdexcept>  // std::logic_error, for the generated code
#include <utility>    // std::move, for the generated code

// A coroutine that returns a value: it is a Future<std::size_t>. Every
// `return` leaves through resolve_(), the early one in the `if` included; the
// `return` inside the lambda belongs to the lambda and stays as it is.
#include <cstddef>
#include <string>

#include "countdown.hpp"
#include "future.hpp"

namespace golden06 {

// corofy rewrote the coroutine `total_length` (input.cpp:12) into the state
// machine TotalLengthCoroutine, with the states Start, Wait1, Wait2, Resolved,
// and the function total_length() that creates it. As written:
//
//   coroutine std::size_t total_length(std::string first_path, std::string second_path) {
//     if (first_path.empty()) return 0;
//     std::string first = async::countdown(1, first_path + "!").wait;
//     std::string second = async::countdown(1, second_path + "!").wait;
//     auto length_of = [](const std::string& s) { return s.size(); };
//     return length_of(first) + length_of(second);
//   }
//

namespace {

class TotalLengthCoroutine final : public async::Future<std::size_t> {
 public:
  explicit TotalLengthCoroutine(std::string first_path, std::string second_path)
      : first_path(std::move(first_path)), second_path(std::move(second_path)) {}
  // It never moves: the code may keep pointers to its members.
  TotalLengthCoroutine(const TotalLengthCoroutine&) = delete;
  TotalLengthCoroutine& operator=(const TotalLengthCoroutine&) = delete;

  async::PollState<std::size_t> poll() override {
    for (;;) {
      switch (state_) {
        case State::Start: {
          // input.cpp:13
          if (first_path.empty()) return resolve_(0);
          // input.cpp:14, the wait begins: std::string first = async::countdown(1, first_path + "!").wait;
          wait1_ = async::countdown(1, first_path + "!");
          state_ = State::Wait1;
          break;  // round the loop: poll wait1_ at once
        }
        case State::Wait1: {
          // input.cpp:14, the wait ends when wait1_ is Ready
          auto polled = wait1_->poll();
          if (!polled.is_ready()) return async::NotReady{};
          wait1_.reset();
          first = std::move(polled).value();
          // input.cpp:15, the wait begins: std::string second = async::countdown(1, second_path + "!").wait;
          wait2_ = async::countdown(1, second_path + "!");
          state_ = State::Wait2;
          break;  // round the loop: poll wait2_ at once
        }
        case State::Wait2: {
          // input.cpp:15, the wait ends when wait2_ is Ready
          auto polled = wait2_->poll();
          if (!polled.is_ready()) return async::NotReady{};
          wait2_.reset();
          std::string second = std::move(polled).value();
          // input.cpp:16-17
          auto length_of = [](const std::string& s) { return s.size(); };
          return resolve_(length_of(first) + length_of(second));
        }
        case State::Resolved:
          throw async::FuturePolledAfterReady("coroutine total_length");
      }
    }
  }

 private:
  enum class State { Start, Wait1, Wait2, Resolved };

  // Every `return` of the coroutine ends here.
  async::PollState<std::size_t> resolve_(std::size_t value) {
    state_ = State::Resolved;
    return async::Ready<std::size_t>{std::move(value)};
  }

  State state_ = State::Start;
  // The parameters, kept for the states that use them.
  std::string first_path;
  std::string second_path;
  // The locals that live across a wait.
  std::string first{};  // input.cpp:14, used at line 17
  // The future each wait is waiting on (empty in the other states).
  async::FuturePtr<std::string> wait1_;  // input.cpp:14
  async::FuturePtr<std::string> wait2_;  // input.cpp:15
};

}  // namespace

[[nodiscard]] async::FuturePtr<std::size_t> total_length(std::string first_path, std::string second_path) {
  return std::make_unique<TotalLengthCoroutine>(std::move(first_path), std::move(second_path));
}

}  // namespace golden06
