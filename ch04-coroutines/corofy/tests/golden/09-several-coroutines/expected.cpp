// Generated from input.cpp by `corofy input.cpp`: edit that file, not this one.
#include <memory>     // std::make_unique, for the generated code
#include <stdexcept>  // std::logic_error, for the generated code
#include <utility>    // std::move, for the generated code

// Several coroutines in one file, in nested namespaces: a declaration first
// (it becomes the declaration of the function), a static coroutine, and one
// coroutine that waits on the others, collected in a vector and joined.
#include <string>
#include <vector>

#include "countdown.hpp"
#include "future.hpp"
#include "join_all.hpp"

namespace golden09::inner {

// corofy rewrote the declaration of the coroutine `square` (input.cpp:13) into
// the declaration of the function that creates it. As written:
//
//   coroutine int square(int n);
//

[[nodiscard]] async::FuturePtr<int> square(int n);

// corofy rewrote the coroutine `square_later` (input.cpp:15) into the state
// machine SquareLaterCoroutine, with the states Start, Wait1, Resolved, and the
// function square_later() that creates it. As written:
//
//   static coroutine int square_later(int n) {
//     int result = square(n).wait;
//     return result;
//   }
//

namespace {

class SquareLaterCoroutine final : public async::Future<int> {
 public:
  explicit SquareLaterCoroutine(int n)
      : n(std::move(n)) {}
  // It never moves: the code may keep pointers to its members.
  SquareLaterCoroutine(const SquareLaterCoroutine&) = delete;
  SquareLaterCoroutine& operator=(const SquareLaterCoroutine&) = delete;

  async::PollState<int> poll() override {
    for (;;) {
      switch (state_) {
        case State::Start: {
          // input.cpp:16, the wait begins: int result = square(n).wait;
          wait1_ = square(n);
          state_ = State::Wait1;
          break;  // round the loop: poll wait1_ at once
        }
        case State::Wait1: {
          // input.cpp:16, the wait ends when wait1_ is Ready
          auto polled = wait1_->poll();
          if (!polled.is_ready()) return async::NotReady{};
          wait1_.reset();
          int result = std::move(polled).value();
          // input.cpp:17
          return resolve_(result);
        }
        case State::Resolved:
          throw async::FuturePolledAfterReady("coroutine square_later");
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
  // The parameters, kept for the states that use them.
  int n;
  // The future each wait is waiting on (empty in the other states).
  async::FuturePtr<int> wait1_;  // input.cpp:16
};

}  // namespace

[[nodiscard]] static async::FuturePtr<int> square_later(int n) {
  return std::make_unique<SquareLaterCoroutine>(std::move(n));
}

// corofy rewrote the coroutine `sum_of_squares` (input.cpp:20) into the state
// machine SumOfSquaresCoroutine, with the states Start, Wait1, Resolved, and
// the function sum_of_squares() that creates it. As written:
//
//   coroutine int sum_of_squares(int count) {
//     std::vector<async::FuturePtr<int>> parts;
//     for (int i = 1; i <= count; ++i) parts.push_back(square_later(i));
//     std::vector<int> squares = async::join_all(std::move(parts)).wait;
//     int sum = 0;
//     for (int s : squares) sum += s;
//     return sum;
//   }
//

namespace {

class SumOfSquaresCoroutine final : public async::Future<int> {
 public:
  explicit SumOfSquaresCoroutine(int count)
      : count(std::move(count)) {}
  // It never moves: the code may keep pointers to its members.
  SumOfSquaresCoroutine(const SumOfSquaresCoroutine&) = delete;
  SumOfSquaresCoroutine& operator=(const SumOfSquaresCoroutine&) = delete;

  async::PollState<int> poll() override {
    for (;;) {
      switch (state_) {
        case State::Start: {
          // input.cpp:21-22
          std::vector<async::FuturePtr<int>> parts;
          for (int i = 1; i <= count; ++i) parts.push_back(square_later(i));
          // input.cpp:23, the wait begins: std::vector<int> squares = async::join_all(std::move(parts)).wait;
          wait1_ = async::join_all(std::move(parts));
          state_ = State::Wait1;
          break;  // round the loop: poll wait1_ at once
        }
        case State::Wait1: {
          // input.cpp:23, the wait ends when wait1_ is Ready
          auto polled = wait1_->poll();
          if (!polled.is_ready()) return async::NotReady{};
          wait1_.reset();
          std::vector<int> squares = std::move(polled).value();
          // input.cpp:24-26
          int sum = 0;
          for (int s : squares) sum += s;
          return resolve_(sum);
        }
        case State::Resolved:
          throw async::FuturePolledAfterReady("coroutine sum_of_squares");
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
  // The parameters, kept for the states that use them.
  int count;
  // The future each wait is waiting on (empty in the other states).
  async::FuturePtr<std::vector<int>> wait1_;  // input.cpp:23
};

}  // namespace

[[nodiscard]] async::FuturePtr<int> sum_of_squares(int count) {
  return std::make_unique<SumOfSquaresCoroutine>(std::move(count));
}

// corofy rewrote the coroutine `square` (input.cpp:29) into the state machine
// SquareCoroutine2, with the states Start, Wait1, Resolved, and the function
// square() that creates it. As written:
//
//   coroutine int square(int n) {
//     int same = async::countdown(n, n).wait;
//     return same * n;
//   }
//

namespace {

class SquareCoroutine2 final : public async::Future<int> {
 public:
  explicit SquareCoroutine2(int n)
      : n(std::move(n)) {}
  // It never moves: the code may keep pointers to its members.
  SquareCoroutine2(const SquareCoroutine2&) = delete;
  SquareCoroutine2& operator=(const SquareCoroutine2&) = delete;

  async::PollState<int> poll() override {
    for (;;) {
      switch (state_) {
        case State::Start: {
          // input.cpp:30, the wait begins: int same = async::countdown(n, n).wait;
          wait1_ = async::countdown(n, n);
          state_ = State::Wait1;
          break;  // round the loop: poll wait1_ at once
        }
        case State::Wait1: {
          // input.cpp:30, the wait ends when wait1_ is Ready
          auto polled = wait1_->poll();
          if (!polled.is_ready()) return async::NotReady{};
          wait1_.reset();
          int same = std::move(polled).value();
          // input.cpp:31
          return resolve_(same * n);
        }
        case State::Resolved:
          throw async::FuturePolledAfterReady("coroutine square");
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
  // The parameters, kept for the states that use them.
  int n;
  // The future each wait is waiting on (empty in the other states).
  async::FuturePtr<int> wait1_;  // input.cpp:30
};

}  // namespace

[[nodiscard]] async::FuturePtr<int> square(int n) {
  return std::make_unique<SquareCoroutine2>(std::move(n));
}

}  // namespace golden09::inner
