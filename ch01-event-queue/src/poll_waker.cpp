#include "poll_waker.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

#include "common/syscall.hpp"

namespace evq {

PollWaker::PollWaker(const Registry& registry, Token token)
    : eventfd_(common::check(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK), "eventfd")) {
  registry.register_(eventfd_.get(), token, Interest::READABLE, Trigger::EDGE);
}

void PollWaker::wake() const {
  // Edge-triggered, and every write to an eventfd is a new edge: the poller
  // need not read the counter for the next wake to be reported (mio relies
  // on the same). The counter only grows; see the EAGAIN case below.
  const std::uint64_t one = 1;
  for (int attempt = 0; attempt < 2; ++attempt) {
    const ssize_t n = ::write(eventfd_.get(), &one, sizeof one);
    if (n == static_cast<ssize_t>(sizeof one)) return;
    // EAGAIN: the counter is at its maximum (2^64 - 2, eventfd(2)) and a
    // non-blocking write would overflow it. Reset it by reading, as mio
    // does, then write again. The poller has an event pending already.
    if (n == -1 && errno == EAGAIN) {
      std::uint64_t drained = 0;
      common::check(::read(eventfd_.get(), &drained, sizeof drained), "read(eventfd)");
      continue;
    }
    common::check(n, "write(eventfd)");
    common::throw_error(EIO, "write(eventfd): short write");  // eventfd writes are all or nothing
  }
  common::throw_error(EAGAIN, "write(eventfd)");
}

}  // namespace evq
