// WRONG: returns the winner but keeps the loser until the Select is destroyed, so its socket and waker stay with the reactor. Caught by: the loser is dropped at once: its socket and its waker leave the reactor
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
    if (done_) throw async::FuturePolledAfterReady("select");
    // Both get our waker: whichever has news first wakes this task, and
    // this poll looks at both. Polling one that has no news is cheap (a
    // read that says EAGAIN), and a spurious poll is allowed.
    for (std::size_t index = 0; index < 2; ++index) {
      auto state = (index == 0 ? first_ : second_)->poll(waker);
      if (!state.is_ready()) continue;
      done_ = true;  // the loser goes when the Select goes
      return async::Ready{Selected<T>{index, std::move(state).value()}};
    }
    return async::NotReady{};
  }

 private:
  async::FuturePtr<T> first_;
  async::FuturePtr<T> second_;
  bool done_ = false;
};

template <class T>
[[nodiscard]] async::FuturePtr<Selected<T>> select(async::FuturePtr<T> first, async::FuturePtr<T> second) {
  return std::make_unique<Select<T>>(std::move(first), std::move(second));
}

}  // namespace exercise
