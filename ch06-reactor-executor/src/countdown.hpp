// CountdownFuture<T>: NotReady `n` times, then Ready(value). A stand-in for
// real work that needs several polls, with no I/O and no timing, so tests can
// count exactly how often a combinator polls its children.
//
// CHANGED (ch06): before each NotReady it wakes the waker it was given, so
// its task goes straight back onto the ready queue and the executor polls it
// again (Rust's `yield_now` does the same). Our chapter 5 could not run it on the
// runtime at all: nothing it registered could ever wake the runtime.
#pragma once

#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

#include "future.hpp"

namespace async {

template <class T = void>
class CountdownFuture final : public Future<T> {
  // A void future has no value to keep; std::monostate fills the slot.
  using Stored = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

 public:
  explicit CountdownFuture(int not_ready_polls)
    requires std::is_void_v<T>
      : remaining_(checked(not_ready_polls)) {}
  CountdownFuture(int not_ready_polls, Stored value)
    requires(!std::is_void_v<T>)
      : remaining_(checked(not_ready_polls)), value_(std::move(value)) {}

  PollState<T> poll(const Waker& waker) override {  // CHANGED (ch06): the waker
    if (done_) throw FuturePolledAfterReady("CountdownFuture");
    if (remaining_ > 0) {
      --remaining_;
      waker.wake();  // NEW (ch06): "poll me again", or nobody ever will
      return NotReady{};
    }
    done_ = true;
    if constexpr (std::is_void_v<T>) {
      return Ready{};
    } else {
      return Ready{std::move(value_)};
    }
  }

  // How many more polls will answer NotReady.
  [[nodiscard]] int remaining() const { return remaining_; }

 private:
  static int checked(int n) {
    if (n < 0) throw std::invalid_argument("CountdownFuture: negative count");
    return n;
  }

  int remaining_;
  bool done_ = false;
  [[no_unique_address]] Stored value_;
};

// countdown(2, 'x'): NotReady, NotReady, Ready('x').
template <class T>
[[nodiscard]] FuturePtr<std::decay_t<T>> countdown(int not_ready_polls, T&& value) {
  return std::make_unique<CountdownFuture<std::decay_t<T>>>(not_ready_polls, std::forward<T>(value));
}

// countdown(2): NotReady, NotReady, Ready.
[[nodiscard]] inline FuturePtr<void> countdown(int not_ready_polls) {
  return std::make_unique<CountdownFuture<void>>(not_ready_polls);
}

}  // namespace async
