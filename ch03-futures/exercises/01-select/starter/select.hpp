// Exercise 01: select(a, b) is Ready with the output of whichever child is
// Ready first, and drops the other one unfinished. See ../README.md.
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
    // TODO:
    //  - polled again after Ready: throw async::FuturePolledAfterReady("select");
    //  - poll the first child, then (only if the first is NotReady) the second;
    //  - the first that is Ready wins: destroy both children (the loser is
    //    cancelled by dropping it) and return Ready{Selected<T>{index, value}};
    //  - neither Ready: NotReady.
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
