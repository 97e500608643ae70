// ReadyFuture<T>: the smallest future there is. Its first poll returns
// Ready(value); it never returns NotReady. Tests use it as a child that is
// already done, and readers as the base case of every combinator.
#pragma once

#include <optional>
#include <type_traits>
#include <utility>

#include "future.hpp"

namespace async {

template <class T>
class ReadyFuture final : public Future<T> {
 public:
  explicit ReadyFuture(T value) : value_(std::move(value)) {}

  PollState<T> poll(const Waker& /*waker*/) override {  // CHANGED (ch06): never NotReady, never wakes
    if (!value_) throw FuturePolledAfterReady("ReadyFuture");
    T value = std::move(*value_);
    value_.reset();  // empty from now on: a second poll is caught above
    return Ready{std::move(value)};
  }

 private:
  std::optional<T> value_;
};

template <>
class ReadyFuture<void> final : public Future<void> {
 public:
  PollState<void> poll(const Waker& /*waker*/) override {  // CHANGED (ch06)
    if (done_) throw FuturePolledAfterReady("ReadyFuture");
    done_ = true;
    return Ready{};
  }

 private:
  bool done_ = false;
};

// ready(42) is a FuturePtr<int> whose first poll returns Ready(42).
template <class T>
[[nodiscard]] FuturePtr<std::decay_t<T>> ready(T&& value) {
  return std::make_unique<ReadyFuture<std::decay_t<T>>>(std::forward<T>(value));
}

// ready() is a FuturePtr<void> whose first poll returns Ready.
[[nodiscard]] inline FuturePtr<void> ready() { return std::make_unique<ReadyFuture<void>>(); }

}  // namespace async
