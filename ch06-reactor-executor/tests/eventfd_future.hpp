// EventFdFuture: a leaf future over an eventfd the test writes to, so a test
// decides exactly when the reactor sees an event and whom it must wake.
// It does what every leaf future of this chapter does: set_waker before
// register_, set_waker again on every poll, deregister when Ready.
#pragma once

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <functional>
#include <utility>

#include "common/fd.hpp"
#include "common/syscall.hpp"
#include "future.hpp"
#include "reactor.hpp"

namespace testing {

// An eventfd that a test can make readable.
class EventFd {
 public:
  EventFd() : fd_(common::check(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC), "eventfd")) {}
  void signal() const {
    const std::uint64_t one = 1;
    common::check(::write(fd_.get(), &one, sizeof one), "write(eventfd)");
  }
  [[nodiscard]] int get() const { return fd_.get(); }

 private:
  common::UniqueFd fd_;
};

class EventFdFuture final : public async::Future<void> {
 public:
  // Ready once `fd` has been signalled; then calls `on_ready` (may be empty).
  EventFdFuture(const EventFd& fd, int& polls, std::function<void()> on_ready = {})
      : fd_(fd), polls_(polls), on_ready_(std::move(on_ready)) {}

  async::PollState<void> poll(const async::Waker& waker) override {
    ++polls_;
    async::Reactor& reactor = async::reactor("EventFdFuture");
    if (id_ == 0) {
      id_ = reactor.next_id();
      reactor.set_waker(waker, id_);
      reactor.register_(fd_.get(), evq::Interest::READABLE, id_);
      return async::NotReady{};
    }
    reactor.set_waker(waker, id_);
    std::uint64_t count = 0;
    if (::read(fd_.get(), &count, sizeof count) == -1) {
      if (errno == EAGAIN) return async::NotReady{};  // not signalled yet: a spurious wake
      common::check(-1, "read(eventfd)");
    }
    reactor.deregister(fd_.get(), id_);
    if (on_ready_) on_ready_();
    return async::Ready{};
  }

 private:
  const EventFd& fd_;
  int& polls_;
  std::function<void()> on_ready_;
  std::size_t id_ = 0;
};

}  // namespace testing
