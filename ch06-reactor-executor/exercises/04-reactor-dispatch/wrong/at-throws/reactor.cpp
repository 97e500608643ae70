// WRONG: looks the waker up with at(), as if every event had one: an event for a source without a waker throws out of the event loop. Caught by: an event for an id without a waker is counted and wakes nothing
#include "reactor.hpp"

#include <vector>

namespace exercise {

void Reactor::register_(int fd, evq::Interest interest, std::size_t id) {
  poll_.registry().register_(fd, evq::Token{id}, interest);
}

void Reactor::set_waker(const async::Waker& waker, std::size_t id) {
  std::lock_guard lock(mutex_);
  // insert_or_assign, not emplace: emplace keeps the old waker, and a
  // future polled by another task since would wake the wrong one.
  wakers_.insert_or_assign(id, waker);
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
  std::vector<async::Waker> to_wake;
  {
    std::lock_guard lock(mutex_);
    ++stats_.turns;
    for (const evq::Event event : events_) {
      ++stats_.events;
      to_wake.push_back(wakers_.at(event.token().value()));
    }
    stats_.wakes += static_cast<long long>(to_wake.size());
  }
  // After the unlock: a wake takes the executor's queue lock, and an
  // executor thread calling set_waker must not wait for it.
  for (const async::Waker& waker : to_wake) waker.wake();
  return to_wake.size();
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
