// Requests with deadlines, all waited for in one poll loop. See README.md.
#pragma once

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "common/server_address.hpp"

namespace exercise {

struct Job {
  std::string path;                   // "/3000/slow"
  std::chrono::milliseconds deadline;  // from the moment the requests are sent
};

struct Outcome {
  bool completed = false;             // the whole response arrived in time
  std::string response;               // what arrived (all of it, if completed)
  std::chrono::milliseconds elapsed{};  // when it completed or was given up
};

// Sends every job's GET at once, as a-epoll does, then waits for the
// responses in one poll loop. A job whose response has not fully arrived by
// its deadline is given up: deregistered, closed, and reported on `out` as
// "request N took too long" (N = its index). Returns one Outcome per job, in
// job order, as soon as every job has completed or been given up. If `polls`
// is not null, *polls is set to the number of times the loop called poll()
// (the tests count them: a loop that spins polls thousands of times).
[[nodiscard]] std::vector<Outcome> fetch_with_deadlines(const common::ServerAddress& server,
                                                        const std::vector<Job>& jobs, std::ostream& out,
                                                        std::size_t* polls = nullptr);

}  // namespace exercise
