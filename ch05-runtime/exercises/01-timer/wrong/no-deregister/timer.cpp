// WRONG: leaves the destructor empty, so a timer dropped while waiting stays registered. Caught by: a timer destroyed while waiting deregisters
#include "timer.hpp"

#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <memory>

#include "common/syscall.hpp"
#include "runtime.hpp"

namespace exercise {

TimerFuture::TimerFuture(std::chrono::milliseconds duration) : duration_(duration), token_(async::next_id()) {}

TimerFuture::~TimerFuture() {
  // Nothing to do: the UniqueFd closes the timer.
}

async::PollState<void> TimerFuture::poll() {
  if (done_) throw async::FuturePolledAfterReady("TimerFuture");
  if (!timer_) {
    async::Registry& registry = async::registry("TimerFuture");  // no runtime: say so before arming
    // CLOCK_MONOTONIC: wall-clock jumps do not move it. Non-blocking, so a
    // read before the expiry fails with EAGAIN instead of waiting.
    timer_ = common::UniqueFd(
        common::check(::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC), "timerfd_create"));
    itimerspec spec{};
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(duration_);
    spec.it_value.tv_sec = seconds.count();
    spec.it_value.tv_nsec = std::chrono::duration_cast<std::chrono::nanoseconds>(duration_ - seconds).count();
    // A zero it_value would disarm the timer: expire after 1 ns instead.
    if (spec.it_value.tv_sec == 0 && spec.it_value.tv_nsec == 0) spec.it_value.tv_nsec = 1;
    common::check(::timerfd_settime(timer_.get(), 0, &spec, nullptr), "timerfd_settime");
    registry.register_(timer_.get(), token_, evq::Interest::READABLE);
    registered_ = true;
    return async::NotReady{};
  }
  std::uint64_t expirations = 0;
  const ssize_t n = ::read(timer_.get(), &expirations, sizeof expirations);
  // Not expired yet: a spurious wake-up, or another source's event.
  if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return async::NotReady{};
  common::check(n, "read(timerfd)");
  async::registry("TimerFuture").deregister(timer_.get());
  registered_ = false;
  timer_.reset();
  done_ = true;
  return async::Ready{};
}

async::FuturePtr<void> sleep_for(std::chrono::milliseconds duration) {
  return std::make_unique<TimerFuture>(duration);
}

}  // namespace exercise
