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
  // TODO: if the timer is still registered and a runtime exists
  // (async::current_registry()), deregister it. Never throw from here.
}

async::PollState<void> TimerFuture::poll() {
  if (done_) throw async::FuturePolledAfterReady("TimerFuture");
  // TODO, first poll (timer_ is empty):
  //   - async::registry("TimerFuture"): throws NoRuntime without a runtime;
  //   - timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  //   - timerfd_settime with it_value = duration_ (a zero it_value disarms:
  //     use 1 ns for a zero duration);
  //   - register it READABLE with token_; return NotReady.
  // TODO, later polls: read 8 bytes; EAGAIN means not yet (NotReady);
  //   otherwise deregister, close, and return Ready.
  (void)duration_;
  (void)registered_;
  return async::NotReady{};
}

async::FuturePtr<void> sleep_for(std::chrono::milliseconds duration) {
  return std::make_unique<TimerFuture>(duration);
}

}  // namespace exercise
