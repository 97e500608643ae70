// NEW (ch06): SleepFuture, a timer the reactor wakes, beyond the book.
//
//   co_await async::sleep(std::chrono::milliseconds(50));   // or .wait in corofy
//
// Its first poll creates a timerfd (timerfd_create(2), CLOCK_MONOTONIC),
// arms it for the duration, and registers it with the reactor like a
// socket: when the time is up the kernel makes the timerfd readable, the
// reactor's epoll_wait returns and wakes the task. So the reactor keeps no
// timer list of its own and its loop stays "wait, then wake whoever the
// token names". The price is a file descriptor and three syscalls per
// sleep; tokio keeps a timer wheel in the reactor and passes the nearest
// deadline to epoll_wait instead (see the README's limits, and exercise 01).
//
// A duration of zero or less is Ready at the first poll without a timerfd
// (an armed timerfd needs a non-zero time: zero disarms it, timerfd_settime(2)).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

#include "common/fd.hpp"
#include "future.hpp"

namespace async {

class SleepFuture final : public Future<void> {
 public:
  explicit SleepFuture(std::chrono::nanoseconds duration) : duration_(duration) {}
  ~SleepFuture() override;  // deregisters if still registered
  SleepFuture(const SleepFuture&) = delete;
  SleepFuture& operator=(const SleepFuture&) = delete;

  PollState<void> poll(const Waker& waker) override;

  [[nodiscard]] bool registered() const { return registered_with_ != 0; }

 private:
  void deregister();

  std::chrono::nanoseconds duration_;
  bool done_ = false;
  common::UniqueFd timer_;
  std::size_t id_ = 0;
  std::uint64_t registered_with_ = 0;  // the Reactor's instance(); 0: not registered
};

// A future that is Ready `duration` after its first poll.
[[nodiscard]] FuturePtr<void> sleep(std::chrono::nanoseconds duration);

}  // namespace async
