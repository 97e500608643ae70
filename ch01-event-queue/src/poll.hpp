// Poll: one OS event queue (an epoll instance) and the wait on it.
//
//   evq::Poll poll;                                   // epoll_create1
//   poll.registry().register_(fd, evq::Token{0},      // epoll_ctl(ADD)
//                             evq::Interest::READABLE);
//   evq::Events events(10);
//   poll.poll(events, std::nullopt);                  // epoll_wait: sleeps until ready
//   for (evq::Event event : events) { ... read event.token()'s fd until EAGAIN ... }
//
// This is our mio: the book builds this type in its chapter 4 and switches to
// mio::Poll afterwards; our later chapters link this library instead.
#pragma once

#include <chrono>
#include <optional>

#include "event.hpp"
#include "registry.hpp"

namespace evq {

class Poll {
 public:
  // A new epoll instance (epoll_create1(EPOLL_CLOEXEC): not inherited by
  // programs we exec). Throws std::system_error "epoll_create1".
  Poll();

  // The registry of this queue. Usable from other threads while this one
  // polls. The reference lives as long as this Poll stays where it is; a
  // thread that needs its own, independent of this object, takes
  // registry().try_clone().
  [[nodiscard]] Registry& registry() noexcept { return registry_; }
  [[nodiscard]] const Registry& registry() const noexcept { return registry_; }

  // Blocks until at least one registered source is ready or `timeout` has
  // passed (std::nullopt: no timeout; zero: just look), then fills `events`
  // with at most events.capacity() events. On timeout `events` is empty.
  //
  // The contract, as for mio and epoll:
  //  - Events can be spurious. A readiness report is a hint, not a promise:
  //    the read it suggests may still fail with EAGAIN, or find the EOF you
  //    already saw. Handle both.
  //  - With the default edge trigger, read (or write) until EAGAIN before
  //    waiting again: the kernel reports a change once, and data you leave
  //    behind raises no new event.
  //  - A signal handler running during the wait does not end it: EINTR is
  //    retried with the time that is left. Negative timeouts count as zero;
  //    timeouts longer than INT_MAX ms (about 24.8 days) are cut to that.
  //
  // One thread polls at a time (that is why this is not const); any number
  // may use registry(). Throws std::system_error "epoll_wait".
  void poll(Events& events, std::optional<std::chrono::milliseconds> timeout);

 private:
  Registry registry_;  // owns the epoll fd, closed once when the Poll goes
};

}  // namespace evq
