// Exercise 01, reference solution: select(a, b) is Ready with the output of
// whichever child is Ready first, and drops the other one unfinished.
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
      // Dropping a future cancels it: the loser's socket closes here, and it
      // is never polled again. The first child wins a tie, because the
      // second is not polled once the first is Ready.
      children_[0].reset();
      children_[1].reset();
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
