// A stand-in for chapter 6's Future, whose poll() takes a Waker: just enough
// for the code `corofy --waker` generates to compile and run here, before
// chapter 6 exists. fake::after() is a child future that records the waker
// every poll hands it, so a test can check that the state machine passes
// its own waker down to each child.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace async {

class Waker {
 public:
  explicit Waker(int id) : id_(id) {}
  [[nodiscard]] int id() const { return id_; }

 private:
  int id_;
};

struct NotReady {};

template <class T>
struct Ready {
  T value;
};

template <class T>
class PollState {
 public:
  PollState(NotReady) {}                                                    // NOLINT
  PollState(Ready<T> ready) : value_(std::in_place, std::move(ready.value)) {}  // NOLINT
  [[nodiscard]] bool is_ready() const { return value_.has_value(); }
  [[nodiscard]] T&& value() && { return std::move(*value_); }

 private:
  std::optional<T> value_;
};

template <class T>
class Future {
 public:
  virtual ~Future() = default;
  virtual PollState<T> poll(const Waker& waker) = 0;
};

template <class T>
using FuturePtr = std::unique_ptr<Future<T>>;

class FuturePolledAfterReady : public std::logic_error {
 public:
  explicit FuturePolledAfterReady(const std::string& which) : std::logic_error(which + " polled after Ready") {}
};

}  // namespace async

namespace fake {

// The id of the waker of every poll of every After future, in order.
inline std::vector<int> wakers_seen;

// NotReady `n` times, then Ready(value).
template <class T>
class After final : public async::Future<T> {
 public:
  After(int n, T value) : remaining_(n), value_(std::move(value)) {}
  async::PollState<T> poll(const async::Waker& waker) override {
    wakers_seen.push_back(waker.id());
    if (remaining_-- > 0) return async::NotReady{};
    return async::Ready<T>{std::move(value_)};
  }

 private:
  int remaining_;
  T value_;
};

template <class T>
[[nodiscard]] async::FuturePtr<T> after(int n, T value) {
  return std::make_unique<After<T>>(n, std::move(value));
}

}  // namespace fake
