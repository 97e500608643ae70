// The heart of the a-epoll demo (the book's ch04/a-epoll main.rs), as
// functions the tests can run against the embedded delay server:
//
//  1. send_requests: N GETs with delays N..1 times the base delay, each on
//     its own socket, made non-blocking and registered edge-triggered for
//     READABLE with token = its index;
//  2. handle_events: for each event, drain that socket until EAGAIN, and
//     finish a request on its first EOF (a second EOF is a false wakeup);
//  3. run_requests: poll until every request has finished.
#pragma once

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "common/fd.hpp"
#include "common/server_address.hpp"
#include "common/timeline.hpp"
#include "evq.hpp"

namespace ch01 {

struct RequestsOptions {
  int requests = 5;
  std::chrono::milliseconds base_delay{1000};
  std::size_t events_capacity = 10;  // the book's Vec::with_capacity(10)
  bool raw = false;                  // print whole responses, headers too
  // Give up when no response arrives for this long beyond the longest delay
  // (something that is not a delay server may accept and never answer).
  std::chrono::milliseconds patience{10'000};
};

// One request in flight. Its index in the vector is its token.
struct Stream {
  std::string path;          // "/5000/request-0"
  common::UniqueFd socket;   // non-blocking, registered
  std::string received;      // the response bytes so far
  bool finished = false;     // its EOF has been seen
  std::size_t timeline_row = 0;
};

struct RequestsReport {
  std::vector<std::size_t> completion_order;  // request indices, as they finished
  std::vector<std::string> responses;         // raw response text, by index
  int polls = 0;                              // poll() calls that returned events
  int empty_polls = 0;                        // ...and ones that returned none
  int repeated_eofs = 0;                      // false wakeups: EOF seen again
};

// Where the demo reports what happens.
struct Output {
  std::ostream& out;
  common::Timeline& timeline;
  bool raw = false;
};

// Step 1. Connects once per request to the already resolved `endpoint`.
// Throws common::ServerUnreachable when nothing listens there.
[[nodiscard]] std::vector<Stream> send_requests(const evq::Registry& registry, const common::Endpoint& endpoint,
                                                const common::ServerAddress& server, const RequestsOptions& options,
                                                common::Timeline& timeline);

// Step 2. Returns how many streams reached EOF for the first time.
std::size_t handle_events(const evq::Events& events, std::vector<Stream>& streams, RequestsReport& report,
                          const Output& output);

// Steps 1 to 3, printing each response as it arrives.
[[nodiscard]] RequestsReport run_requests(const common::ServerAddress& server, const RequestsOptions& options,
                                          const Output& output);

}  // namespace ch01
