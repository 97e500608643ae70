// The heart of c-io-uring: a-epoll's workload (N GETs with delays N..1 times
// the base delay, printed as they arrive) on a completion queue instead of a
// readiness queue. Kept out of main() so the tests can run it too.
//
// Every step of every request is an operation handed to the kernel:
//
//   SOCKET  ->  CONNECT -> SEND -> RECV   (linked: each starts when the one
//                                          before succeeds)
//                                  RECV   (again, until it completes with 0)
//                                  CLOSE
//
// and the loop only ever does one thing: submit what is queued, sleep until
// something completes, and queue each request's next step. Compare
// requests.cpp: there, the loop is told "readable" and makes the reads itself,
// until EAGAIN.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "common/server_address.hpp"
#include "requests.hpp"  // Output

namespace ch01 {

struct UringOptions {
  int requests = 5;
  std::chrono::milliseconds base_delay{1000};
  unsigned entries = 64;  // SQ slots; the CQ gets twice as many
  std::chrono::milliseconds patience{10'000};  // as RequestsOptions::patience
  bool raw = false;
};

struct UringReport {
  std::vector<std::size_t> completion_order;  // request indices, as they finished
  std::vector<std::string> responses;         // raw response text, by index
  std::uint64_t enters = 0;                   // io_uring_enter calls
  std::uint64_t completions = 0;              // CQEs reaped
  std::uint64_t receives = 0;                 // RECV operations that returned bytes
  int socket_fallbacks = 0;                   // socket(2) calls, where IORING_OP_SOCKET is missing
};

// Throws common::ServerUnreachable when nothing listens at `server`,
// uring::Unavailable when the kernel refuses io_uring.
// `requests` may be 0: the ring is set up and torn down, nothing is sent
// (the fixed cost, for counting system calls per request).
[[nodiscard]] UringReport run_uring_requests(const common::ServerAddress& server, const UringOptions& options,
                                             const Output& output);

}  // namespace ch01
