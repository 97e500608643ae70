// exercise::Reactor: the part of chapter 6's async::Reactor that turns the
// events epoll returns into wakes, copied here so that it can be changed
// without touching src/. One difference: no thread of its own. Whoever owns
// it calls turn(), one epoll_wait and its dispatch, as the real reactor's
// thread does in a loop; a test calls it when it chooses, which makes every
// batch of events exactly what the test arranged.
//
//   exercise::Reactor reactor;
//   reactor.register_(fd, evq::Interest::READABLE, 17);  // events for fd carry id 17
//   reactor.set_waker(waker, 17);                         // the task to wake for id 17
//   reactor.turn(std::chrono::milliseconds(0));           // epoll_wait, then wake
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "poll.hpp"
#include "waker.hpp"

namespace exercise {

class Reactor {
 public:
  struct Stats {
    long long turns = 0;    // epoll_wait calls
    long long events = 0;   // events they returned
    long long wakes = 0;    // wakers woken
    long long orphans = 0;  // events for an id with no waker
  };

  // Watch `fd` for `interest` (edge-triggered); its events carry `id`.
  void register_(int fd, evq::Interest interest, std::size_t id);
  // Keep `waker` for `id`, replacing any earlier one.
  void set_waker(const async::Waker& waker, std::size_t id);
  // Forget the waker for `id` and stop watching `fd`.
  void deregister(int fd, std::size_t id);

  // One turn of the event loop: waits for events (up to `timeout`;
  // nullopt: until there is one), then wakes the waker stored for each
  // event's id. Returns how many wakers it woke. Thread-safe against the
  // three calls above, which executor threads make while it runs.
  std::size_t turn(std::optional<std::chrono::milliseconds> timeout);

  [[nodiscard]] Stats stats() const;
  [[nodiscard]] std::size_t wakers() const;

 private:
  evq::Poll poll_;           // only turn() polls it
  evq::Events events_{100};  // as the book: up to 100 events per wait
  mutable std::mutex mutex_;  // guards wakers_ and stats_
  std::unordered_map<std::size_t, async::Waker> wakers_;
  Stats stats_;
};

}  // namespace exercise
