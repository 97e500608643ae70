// NEW (ch06): SleepFuture over a timerfd registered with the reactor.
#include "timer.hpp"

#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>
#include <exception>
#include <iostream>
#include <utility>

#include "common/syscall.hpp"
#include "reactor.hpp"

namespace async {

SleepFuture::~SleepFuture() {
  try {
    deregister();
  } catch (const std::exception& error) {
    std::cerr << "SleepFuture: " << error.what() << "\n";  // destructors never throw; close() follows
  }
}

PollState<void> SleepFuture::poll(const Waker& waker) {
  if (done_) throw FuturePolledAfterReady("SleepFuture");
  if (!timer_) {
    if (duration_ <= std::chrono::nanoseconds::zero()) {
      done_ = true;
      return Ready{};
    }
    Reactor& the_reactor = reactor("SleepFuture");
    timer_ = common::UniqueFd(
        common::check(::timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC), "timerfd_create"));
    itimerspec when{};  // it_interval zero: fires once
    when.it_value.tv_sec = static_cast<time_t>(duration_.count() / 1'000'000'000);
    when.it_value.tv_nsec = static_cast<long>(duration_.count() % 1'000'000'000);
    common::check(::timerfd_settime(timer_.get(), 0, &when, nullptr), "timerfd_settime");
    id_ = the_reactor.next_id();
    // The waker before the registration: an event that arrives in between
    // would otherwise find no waker, and the edge would be lost for good.
    the_reactor.set_waker(waker, id_);
    the_reactor.register_(timer_.get(), evq::Interest::READABLE, id_);
    registered_with_ = the_reactor.instance();
    return NotReady{};
  }
  // Again the waker first, then the look: if the timer fires between the
  // two, the reactor already holds this poll's waker.
  Reactor* current = current_reactor();
  if (current == nullptr || current->instance() != registered_with_) {
    throw NoReactor("SleepFuture, registered with a reactor that is gone,");
  }
  current->set_waker(waker, id_);
  std::uint64_t expirations = 0;
  for (;;) {
    const ssize_t n = ::read(timer_.get(), &expirations, sizeof expirations);
    if (n == -1 && errno == EINTR) continue;  // interrupted before reading: retry
    // Not yet: the event was spurious, or another child of our task woke it.
    if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) return NotReady{};
    common::check(n, "read(timerfd)");
    break;  // 8 bytes: the count of expirations, 1 for a one-shot timer
  }
  done_ = true;
  deregister();
  timer_.reset();
  return Ready{};
}

void SleepFuture::deregister() {
  if (registered_with_ == 0) return;
  const std::uint64_t instance = std::exchange(registered_with_, 0);
  Reactor* current = current_reactor();
  // The reactor we registered with is gone, and its epoll instance with it.
  if (current == nullptr || current->instance() != instance) return;
  current->deregister(timer_.get(), id_);
}

FuturePtr<void> sleep(std::chrono::nanoseconds duration) { return std::make_unique<SleepFuture>(duration); }

}  // namespace async
