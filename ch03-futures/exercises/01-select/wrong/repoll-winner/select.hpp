// WRONG: drops only the loser and keeps no done flag of its own, so a poll after Ready reaches the finished winner again and lets it throw. Caught by: polling select after Ready throws FuturePolledAfterReady and polls no child
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
    for (std::size_t i = 0; i < 2; ++i) {
      if (!children_[i]) continue;  // the dropped loser
      auto state = children_[i]->poll();
      if (!state.is_ready()) continue;
      // The winner has given its value; the loser is cancelled.
      children_[1 - i].reset();
      return async::Ready{Selected<T>{i, std::move(state).value()}};
    }
    return async::NotReady{};
  }

 private:
  async::FuturePtr<T> children_[2];
};

template <class T>
[[nodiscard]] async::FuturePtr<Selected<T>> select(async::FuturePtr<T> first, async::FuturePtr<T> second) {
  return std::make_unique<Select<T>>(std::move(first), std::move(second));
}

}  // namespace exercise
