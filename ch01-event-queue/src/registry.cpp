#include "registry.hpp"

#include <fcntl.h>
#include <sys/epoll.h>

#include "common/syscall.hpp"

namespace evq {

namespace {

// The one place where Interest and Trigger become EPOLL* bits.
epoll_event to_epoll(Token token, Interest interest, Trigger trigger) {
  epoll_event event{};
  if (interest.is_readable()) event.events |= EPOLLIN | EPOLLRDHUP;
  if (interest.is_writable()) event.events |= EPOLLOUT;
  if (trigger.is_edge()) event.events |= EPOLLET;
  if (trigger.is_oneshot()) event.events |= EPOLLONESHOT;
  // EPOLLERR and EPOLLHUP need no asking: epoll_ctl(2) always reports them.
  event.data.u64 = token.value();
  return event;
}

}  // namespace

void Registry::register_(int fd, Token token, Interest interest, Trigger trigger) const {
  epoll_event event = to_epoll(token, interest, trigger);
  common::check(::epoll_ctl(epoll_.get(), EPOLL_CTL_ADD, fd, &event), "epoll_ctl(ADD)");
}

void Registry::reregister(int fd, Token token, Interest interest, Trigger trigger) const {
  epoll_event event = to_epoll(token, interest, trigger);
  common::check(::epoll_ctl(epoll_.get(), EPOLL_CTL_MOD, fd, &event), "epoll_ctl(MOD)");
}

void Registry::deregister(int fd) const {
  // Since Linux 2.6.9 the event argument of EPOLL_CTL_DEL is ignored and may
  // be null (epoll_ctl(2), BUGS); we have no older kernels to please.
  common::check(::epoll_ctl(epoll_.get(), EPOLL_CTL_DEL, fd, nullptr), "epoll_ctl(DEL)");
}

Registry Registry::try_clone() const {
  return Registry(common::UniqueFd(common::check(::fcntl(epoll_.get(), F_DUPFD_CLOEXEC, 0), "fcntl(F_DUPFD_CLOEXEC)")));
}

}  // namespace evq
