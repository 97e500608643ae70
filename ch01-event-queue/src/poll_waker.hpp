// PollWaker: wakes a thread blocked in Poll::poll from any other thread
// (mio's `Waker`, renamed so it cannot be confused with the future-side
// `Waker` of our chapter 6, which *uses* one of these to unpark a thread).
//
// It is an eventfd(2) registered in the queue like any socket: wake() adds 1
// to the eventfd's counter, that makes the eventfd readable, and the poll
// returns an event carrying the waker's token. Our chapter 6's reactor thread
// sleeps in poll(); this is how another thread gets it to look up again (to
// shut down, or to notice new work) without a socket of its own.
//
//   evq::PollWaker waker(poll.registry(), evq::Token{kWakeToken});
//   std::thread other([&] { waker.wake(); });
//   poll.poll(events, std::nullopt);   // returns with an event for kWakeToken
//
// Wakes coalesce: several wake() calls before the next poll give one event.
#pragma once

#include "common/fd.hpp"
#include "registry.hpp"
#include "token.hpp"

namespace evq {

class PollWaker {
 public:
  // Creates the eventfd (non-blocking, close-on-exec) and registers it,
  // edge-triggered and READABLE, with `token`. Throws std::system_error
  // ("eventfd", "epoll_ctl(ADD)").
  PollWaker(const Registry& registry, Token token);

  // Makes the next (or the current) poll of that queue return an event with
  // the waker's token. Thread-safe. Throws std::system_error on failure.
  void wake() const;

  // The eventfd (owned by the waker; for tests and diagnostics).
  [[nodiscard]] int as_raw_fd() const noexcept { return eventfd_.get(); }

 private:
  common::UniqueFd eventfd_;
};

}  // namespace evq
