// WRONG: takes turns, polling one child per poll to be fair, so each child moves at half speed and a child that is Ready is not seen until its turn. Caught by: select is Ready with the child that finishes first
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
    const std::size_t i = next_;
    next_ = 1 - next_;
    auto state = children_[i]->poll();
    if (!state.is_ready()) return async::NotReady{};
    done_ = true;
    children_[0].reset();
    children_[1].reset();
    return async::Ready{Selected<T>{i, std::move(state).value()}};
  }

 private:
  async::FuturePtr<T> children_[2];
  bool done_ = false;
  std::size_t next_ = 0;  // whose turn it is
};

template <class T>
[[nodiscard]] async::FuturePtr<Selected<T>> select(async::FuturePtr<T> first, async::FuturePtr<T> second) {
  return std::make_unique<Select<T>>(std::move(first), std::move(second));
}

}  // namespace exercise
