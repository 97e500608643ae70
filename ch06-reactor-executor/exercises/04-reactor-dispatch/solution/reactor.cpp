// Exercise 04: reactor dispatch, one answer. See ../README.md.
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
    for (const evq::Event event : events_) {  // every event of the batch, not just the first
      ++stats_.events;
      // The token is the id the future registered with: the key of its
      // waker. Not the event's place in the batch, not the fd.
      const auto found = wakers_.find(event.token().value());
      if (found == wakers_.end()) {
        ++stats_.orphans;  // deregistered while the event was on its way: nobody to wake
        continue;
      }
      to_wake.push_back(found->second);  // a copy: the map may change once we unlock
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
