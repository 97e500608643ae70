// Future<T> and PollState<T>: the whole interface of a poll-based future.
//
// A future is an object you poll. It does nothing until the first poll; each
// poll does as much work as it can without blocking and then answers either
// Ready(value) or NotReady. The book's Rust version:
//
//   trait Future { type Output; fn poll(&mut self) -> PollState<Self::Output>; }
//   enum PollState<T> { Ready(T), NotReady }
//
// Our C++ version is an abstract class template, owned through FuturePtr<T>
// (std::unique_ptr), the way the book boxes its futures.
//
// CHANGED (ch06): poll takes the Waker of the task it runs in,
//   fn poll(&mut self, waker: &Waker) -> PollState<Self::Output>;
// A future that answers NotReady must make sure that waker (or a later one)
// is woken when it can make progress; nobody polls it otherwise.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

#include "waker.hpp"  // NEW (ch06)

namespace async {

// The two answers of poll(), as tags: `return Ready{value};`, `return NotReady{};`
struct NotReady {};

template <class T = void>
struct Ready {
  T value;
};
template <>
struct Ready<void> {};
Ready() -> Ready<void>;
template <class T>
Ready(T) -> Ready<T>;

// What poll() returns: Ready with a value, or NotReady.
template <class T>
class PollState {
 public:
  PollState(NotReady) {}  // NOLINT(google-explicit-constructor): reads like the book's enum
  template <class U>
    requires std::is_constructible_v<T, U&&>
  PollState(Ready<U> ready) : value_(std::in_place, std::move(ready.value)) {}  // NOLINT

  [[nodiscard]] bool is_ready() const { return value_.has_value(); }

  // The value of a Ready state; throws std::logic_error on NotReady.
  [[nodiscard]] T& value() & {
    if (!value_) throw std::logic_error("PollState::value() on NotReady");
    return *value_;
  }
  [[nodiscard]] T&& value() && { return std::move(value()); }

 private:
  std::optional<T> value_;
};

template <>
class PollState<void> {
 public:
  PollState(NotReady) {}                        // NOLINT
  PollState(Ready<void>) : ready_(true) {}      // NOLINT
  [[nodiscard]] bool is_ready() const { return ready_; }

  // Nothing to return, but the same spelling as PollState<T>, so generated
  // code can write `std::move(state).value();` for every T. Throws
  // std::logic_error on NotReady, as PollState<T>::value() does.
  void value() const {
    if (!ready_) throw std::logic_error("PollState::value() on NotReady");
  }

 private:
  bool ready_ = false;
};

template <class T>
class Future {
 public:
  using Output = T;
  virtual ~Future() = default;

  // Makes as much progress as possible without blocking. Returns Ready with
  // the output once, then must not be polled again: doing so is a programming
  // error, and the futures in this chapter throw FuturePolledAfterReady.
  // CHANGED (ch06): before answering NotReady, arrange for `waker` to be
  // woken (register it with the reactor, or hand it to a child's poll). The
  // waker may differ from one poll to the next: the latest one counts.
  virtual PollState<T> poll(const Waker& waker) = 0;
};

template <class T>
using FuturePtr = std::unique_ptr<Future<T>>;

// Thrown by a future polled again after it returned Ready.
class FuturePolledAfterReady : public std::logic_error {
 public:
  explicit FuturePolledAfterReady(const std::string& which)
      : std::logic_error(which + " polled again after it returned Ready") {}
};

}  // namespace async
