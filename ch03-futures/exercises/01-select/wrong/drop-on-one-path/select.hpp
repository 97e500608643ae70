// WRONG: writes the two children out one after the other and drops both when the second wins, but forgets to when the first does. Caught by: when the first child wins the second is dropped at once too
#pragma once

#include <cstddef>
#include <stdexcept>
#include <utility>

#include "future.hpp"

namespace exercise {

template <class T>
struct Selected {
  std::size_t winner;  // 0: the first child, 1: the second
  T value;
};

template <class T>
class Select final : public async::Future<Selected<T>> {
 public:
  Select(async::FuturePtr<T> first, async::FuturePtr<T> second) {
    if (!first || !second) throw std::invalid_argument("select: a child future is null");
    children_[0] = std::move(first);
    children_[1] = std::move(second);
  }

  async::PollState<Selected<T>> poll() override {
    if (done_) throw async::FuturePolledAfterReady("select");
    auto first = children_[0]->poll();
    if (first.is_ready()) {
      done_ = true;
      return async::Ready{Selected<T>{0, std::move(first).value()}};
    }
    auto second = children_[1]->poll();
    if (second.is_ready()) {
      done_ = true;
      children_[0].reset();
      children_[1].reset();
      return async::Ready{Selected<T>{1, std::move(second).value()}};
    }
    return async::NotReady{};
  }

 private:
  async::FuturePtr<T> children_[2];
  bool done_ = false;
};

template <class T>
[[nodiscard]] async::FuturePtr<Selected<T>> select(async::FuturePtr<T> first, async::FuturePtr<T> second) {
  return std::make_unique<Select<T>>(std::move(first), std::move(second));
}

}  // namespace exercise
