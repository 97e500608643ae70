// Exercise 04: read a whole HTTP response through io_uring. Complete
// receive_response (see README.md).
#pragma once

#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/http.hpp"
#include "common/syscall.hpp"
#include "uring/ring.hpp"

namespace exercise {

// Reads the response on the connected socket `fd` through `ring`, one RECV
// operation at a time into `buffer`, until the response is complete: its
// Content-Length bytes of body are in, or, without Content-Length, the peer
// closed the stream. Returns the response's bytes.
inline std::string receive_response(uring::Ring& ring, int fd, std::span<char> buffer) {
  std::string received;
  std::vector<uring::Completion> completions;
  // One receive, submitted and waited for. TODO: look at its result (bytes,
  // end of stream, or -errno), keep the new bytes, and receive again until
  // the response is complete.
  ring.push(uring::recv(fd, buffer.data(), buffer.size()), 1);
  while (completions.empty()) {
    ring.submit_and_wait(1);
    ring.reap(completions);
  }
  return received;
}

}  // namespace exercise
