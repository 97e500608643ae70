// TimerFuture: Ready once `duration` has passed since its first poll.
//
// The runtime can only sleep on what is registered with its event queue, so
// a timer has to be a file descriptor: a timerfd (timerfd_create(2)) becomes
// readable when it expires. The first poll arms it and registers it with
// async::registry(); the poll after the expiry reads it and returns Ready.
#pragma once

#include <chrono>

#include "common/fd.hpp"
#include "future.hpp"
#include "token.hpp"

namespace exercise {

class TimerFuture final : public async::Future<void> {
 public:
  explicit TimerFuture(std::chrono::milliseconds duration);
  ~TimerFuture() override;  // deregisters a timer still registered
  TimerFuture(const TimerFuture&) = delete;
  TimerFuture& operator=(const TimerFuture&) = delete;

  async::PollState<void> poll() override;

 private:
  std::chrono::milliseconds duration_;
  common::UniqueFd timer_;  // open from the first poll until Ready
  evq::Token token_;
  bool registered_ = false;
  bool done_ = false;
};

// sleep_for(50ms): a future that is Ready 50 ms after its first poll.
[[nodiscard]] async::FuturePtr<void> sleep_for(std::chrono::milliseconds duration);

}  // namespace exercise
