// Exercise 02: select. See ../README.md.
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
    // TODO: this waits for the first future only. Poll both, with the same
    // waker; the first Ready wins, and the other is dropped at once.
    auto state = first_->poll(waker);
    if (!state.is_ready()) return async::NotReady{};
    return async::Ready{Selected<T>{0, std::move(state).value()}};
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
