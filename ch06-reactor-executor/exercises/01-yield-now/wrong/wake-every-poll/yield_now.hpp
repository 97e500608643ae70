// WRONG: wakes its task on every poll, the Ready one too, so the executor is handed a task that has already finished. Caught by: yield_now is NotReady once and wakes its task once and is then Ready
#pragma once

#include <memory>

#include "future.hpp"

namespace exercise {

class YieldNow final : public async::Future<void> {
 public:
  async::PollState<void> poll(const async::Waker& waker) override {
    waker.wake();  // polled again soon, whatever this poll answers
    if (yielded_) return async::Ready{};
    yielded_ = true;
    return async::NotReady{};
  }

 private:
  bool yielded_ = false;
};

[[nodiscard]] inline async::FuturePtr<void> yield_now() { return std::make_unique<YieldNow>(); }

}  // namespace exercise
