// Exercise 04: reactor dispatch. See ../README.md.
#include "reactor.hpp"

#include <vector>

namespace exercise {

void Reactor::register_(int fd, evq::Interest interest, std::size_t id) {
  poll_.registry().register_(fd, evq::Token{id}, interest);
}

void Reactor::set_waker(const async::Waker& waker, std::size_t id) {
  std::lock_guard lock(mutex_);
  (void)waker;
  (void)id;
  // TODO: keep `waker` for `id`; a later call for the same id replaces it.
}

void Reactor::deregister(int fd, std::size_t id) {
  {
    std::lock_guard lock(mutex_);
    wakers_.erase(id);
  }
  poll_.registry().deregister(fd);
}

std::size_t Reactor::turn(std::optional<std::chrono::milliseconds> timeout) {
  poll_.poll(events_, timeout);
  std::lock_guard lock(mutex_);
  ++stats_.turns;
  // TODO: for each event in events_, find the waker stored for its id (the
  // event's token) and wake it. Count stats_.events, stats_.wakes, and
  // stats_.orphans (an event whose id has no waker). Wake after releasing
  // the lock. Return how many wakers were woken.
  return 0;
}

Reactor::Stats Reactor::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

std::size_t Reactor::wakers() const {
  std::lock_guard lock(mutex_);
  return wakers_.size();
}

}  // namespace exercise
