// The given part of exercise 05: a reactor with its own event-loop thread,
// a copy of chapter 6's async::Reactor cut to what the exercise needs (not
// global: a future is handed the one it uses), and read_some, the read the
// exercise's future must use, with the hook the tests use to choose the
// moment data arrives.
//
// The reactor's thread sleeps in epoll_wait; for each event it wakes the
// waker stored for the event's id, after unlocking. An event whose id has no
// waker wakes nobody: it is counted as an orphan, and with edge-triggered
// registrations nothing will report that readiness again.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "poll.hpp"
#include "poll_waker.hpp"
#include "waker.hpp"

namespace exercise {

class Reactor {
 public:
  struct Stats {
    long long events = 0;      // events returned (the shutdown event not included)
    long long wakes = 0;       // wakers woken
    long long orphans = 0;     // events for an id with no waker: nobody woken
    long long dispatched = 0;  // batches fully handled, wakes done (for tests: "the loop is past it")
  };

  Reactor();   // starts the event-loop thread
  ~Reactor();  // stops it (a PollWaker on token 0) and joins it
  Reactor(const Reactor&) = delete;
  Reactor& operator=(const Reactor&) = delete;

  // Watch `fd` for `interest`, edge-triggered, as `id`.
  void register_(int fd, evq::Interest interest, std::size_t id);
  // Keep `waker` for `id`, replacing any earlier one.
  void set_waker(const async::Waker& waker, std::size_t id);
  // Forget the waker for `id` and stop watching `fd`.
  void deregister(int fd, std::size_t id);
  // A new id (1, 2, 3...; 0 is the shutdown token).
  [[nodiscard]] std::size_t next_id();

  [[nodiscard]] Stats stats() const;
  [[nodiscard]] std::size_t sources() const;
  [[nodiscard]] std::size_t wakers() const;

 private:
  void event_loop();
  evq::Poll poll_;
  evq::PollWaker shutdown_;
  mutable std::mutex mutex_;  // guards everything below but the thread
  std::unordered_map<std::size_t, async::Waker> wakers_;
  std::size_t next_id_ = 1;
  std::size_t sources_ = 0;
  bool stop_ = false;
  Stats stats_;
  std::thread thread_;  // last: started once the rest exists
};

// read(2) on a non-blocking fd, retried on EINTR: bytes read, 0 at EOF, or
// -1 with errno EAGAIN when there is nothing to read now. Throws
// std::system_error("read") on any other error.
//
// Test hook: right after a read that says EAGAIN, read_some calls the
// function given to on_next_eagain (once, then forgets it). The tests use it
// to make data arrive at exactly that moment, the worst one for a future
// that has not yet left its waker with the reactor.
ssize_t read_some(int fd, char* buffer, std::size_t size);
void on_next_eagain(std::function<void()> hook);

}  // namespace exercise
