// WRONG: keeps the "already yielded" flag in a static, shared by every yield_now future, so only the first yield of the program yields. Caught by: two tasks that yield after every step take turns
#pragma once

#include <memory>

#include "future.hpp"

namespace exercise {

class YieldNow final : public async::Future<void> {
 public:
  async::PollState<void> poll(const async::Waker& waker) override {
    if (yielded_) return async::Ready{};
    yielded_ = true;
    // Back of the ready queue: every task woken before us runs first. With
    // no wake, nobody would ever poll us again and block_on would park for ever.
    waker.wake();
    return async::NotReady{};
  }

 private:
  static inline bool yielded_ = false;
};

[[nodiscard]] inline async::FuturePtr<void> yield_now() { return std::make_unique<YieldNow>(); }

}  // namespace exercise
