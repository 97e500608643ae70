// WRONG: polls the two one after the other and drops the loser when the first wins but not when the second does. Caught by: when the second wins the first is dropped at once too
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <utility>

#include "future.hpp"

namespace exercise {

// Which of the two futures finished first, and its output.
template <class T>
struct Selected {
  std::size_t index;  // 0: the first, 1: the second
  T value;
};

template <class T>
class Select final : public async::Future<Selected<T>> {
 public:
  Select(async::FuturePtr<T> first, async::FuturePtr<T> second) : first_(std::move(first)), second_(std::move(second)) {
    if (!first_ || !second_) throw std::invalid_argument("select: a future is null");
  }

  async::PollState<Selected<T>> poll(const async::Waker& waker) override {
    if (!first_) throw async::FuturePolledAfterReady("select");
    // Both get our waker: whichever has news first wakes this task, and
    // this poll looks at both. Polling one that has no news is cheap (a
    // read that says EAGAIN), and a spurious poll is allowed.
    auto one = first_->poll(waker);
    if (one.is_ready()) {
      first_.reset();
      second_.reset();  // the loser: its socket closes now
      return async::Ready{Selected<T>{0, std::move(one).value()}};
    }
    auto two = second_->poll(waker);
    if (two.is_ready()) {
      second_.reset();
      return async::Ready{Selected<T>{1, std::move(two).value()}};
    }
    return async::NotReady{};
  }

 private:
  async::FuturePtr<T> first_;
  async::FuturePtr<T> second_;
};

template <class T>
[[nodiscard]] async::FuturePtr<Selected<T>> select(async::FuturePtr<T> first, async::FuturePtr<T> second) {
  return std::make_unique<Select<T>>(std::move(first), std::move(second));
}

}  // namespace exercise
