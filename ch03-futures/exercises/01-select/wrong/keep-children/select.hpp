// WRONG: returns the winner's value but drops neither child, so the loser lives on, unfinished, until the select itself is destroyed. Caught by: the loser is dropped as soon as select is Ready, and never polled again
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
    for (std::size_t i = 0; i < 2; ++i) {
      auto state = children_[i]->poll();
      if (!state.is_ready()) continue;
      done_ = true;
      // The children go when the select goes.
      return async::Ready{Selected<T>{i, std::move(state).value()}};
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
