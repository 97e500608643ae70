#include "poll.hpp"

#include <sys/epoll.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <climits>

#include "common/syscall.hpp"

namespace evq {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// epoll_wait's timeout argument: -1 waits forever, otherwise whole
// milliseconds in an int.
constexpr milliseconds kLongestWait{INT_MAX};

int to_epoll_timeout(milliseconds wait) {
  return static_cast<int>(std::clamp(wait, milliseconds::zero(), kLongestWait).count());
}

}  // namespace

Poll::Poll()
    : registry_(common::UniqueFd(common::check(::epoll_create1(EPOLL_CLOEXEC), "epoll_create1"))) {}

void Poll::poll(Events& events, std::optional<milliseconds> timeout) {
  events.clear();
  // Clamped before the addition, so that a huge timeout cannot overflow the
  // clock's nanoseconds.
  std::optional<Clock::time_point> deadline;
  int wait_ms = -1;
  if (timeout) {
    const milliseconds wait = std::clamp(*timeout, milliseconds::zero(), kLongestWait);
    deadline = Clock::now() + wait;
    wait_ms = to_epoll_timeout(wait);
  }

  for (;;) {
    const int n = ::epoll_wait(registry_.as_raw_fd(), events.buffer_.data(),
                               static_cast<int>(events.capacity()), wait_ms);
    if (n >= 0) {
      // epoll_wait(2): 0 means the timeout expired, which cannot happen
      // without one (libuv asserts the same).
      assert(n > 0 || deadline.has_value());
      // SAFETY: epoll_wait wrote exactly n <= capacity events into the buffer.
      events.size_ = static_cast<std::size_t>(n);
      return;
    }
    // EINTR: a signal handler ran while we waited. epoll_wait is never
    // restarted by the kernel, not even with SA_RESTART (signal(7)), so we
    // wait again ourselves, for the time that is left.
    if (errno != EINTR) common::throw_errno("epoll_wait");
    if (deadline) {
      const auto left = *deadline - Clock::now();
      if (left <= Clock::duration::zero()) return;  // timed out; events is empty
      // Rounded up: 0.4 ms left must not become a 0 ms wait that returns at
      // once and lets the caller see a timeout before its deadline.
      wait_ms = to_epoll_timeout(std::chrono::ceil<milliseconds>(left));
    }
  }
}

}  // namespace evq
