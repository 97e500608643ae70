// WRONG: returns after the first receive, as if one completion always carried the whole response. Caught by: a response that arrives in pieces is read whole
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
  for (;;) {
    ring.push(uring::recv(fd, buffer.data(), buffer.size()), 1);
    completions.clear();
    while (completions.empty()) {
      ring.submit_and_wait(1);
      ring.reap(completions);
    }
    const int res = completions.front().res;
    if (res < 0) common::throw_error(-res, "recv");  // -errno, never -1
    if (res == 0) {                                  // the end of the stream
      if (!common::response_complete(received, /*at_eof=*/true)) {
        throw std::runtime_error("the peer closed the connection mid-response");
      }
      return received;
    }
    // The kernel wrote `res` bytes into the buffer: only those are new.
    received.append(buffer.data(), static_cast<std::size_t>(res));
    return received;  // one completion, one response?
  }
}

}  // namespace exercise
