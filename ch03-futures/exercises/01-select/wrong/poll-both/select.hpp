// WRONG: polls both children on every poll and only then looks for a winner, so on a tie the second is polled, finishes, and its value is thrown away. Caught by: on a tie the first child wins and the second is not polled
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
    async::PollState<T> states[2] = {children_[0]->poll(), children_[1]->poll()};
    for (std::size_t i = 0; i < 2; ++i) {
      if (!states[i].is_ready()) continue;
      done_ = true;
      children_[0].reset();
      children_[1].reset();
      return async::Ready{Selected<T>{i, std::move(states[i]).value()}};
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
