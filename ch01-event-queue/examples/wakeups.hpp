// The heart of b-level-vs-edge: the same bytes, read in small pieces, under
// different triggers, counting how often the queue wakes us.
#pragma once

#include <chrono>
#include <cstddef>

#include "evq.hpp"

namespace ch01 {

struct WakeupCount {
  int wakeups = 0;             // polls that returned an event for the socket
  std::size_t bytes_read = 0;
  std::size_t bytes_left = 0;  // still unread when the queue went quiet
};

// Writes `bytes` bytes into one end of a socket pair and registers the other
// end with `trigger`. Then polls; on every wakeup it reads `chunk` bytes once
// or, with `drain`, until EAGAIN. It stops when everything is read, or when a
// poll waits `quiet` without an event (the queue has nothing more to say).
// Throws std::invalid_argument for a zero `bytes` or `chunk`, or for more
// bytes than the socket pair takes in one write.
[[nodiscard]] WakeupCount count_wakeups(evq::Trigger trigger, std::size_t bytes, std::size_t chunk, bool drain,
                                        std::chrono::milliseconds quiet);

}  // namespace ch01
