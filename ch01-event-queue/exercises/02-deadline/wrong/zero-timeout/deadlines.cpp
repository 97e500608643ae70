// WRONG: polls with a timeout of zero and checks the clock after each poll, spinning until the deadline. Caught by: with nothing arriving, the loop polls once per deadline
#include "deadlines.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <ostream>
#include <stdexcept>

#include "common/fd.hpp"
#include "common/http.hpp"
#include "common/syscall.hpp"
#include "evq.hpp"

namespace exercise {

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

struct Pending {
  common::UniqueFd socket;
  Clock::time_point deadline;
  bool finished = false;
};

// Reads until EAGAIN; true at EOF (the response is complete).
bool drain(int fd, std::string& into) {
  char buffer[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      into.append(buffer, static_cast<std::size_t>(n));
      continue;
    }
    if (n == 0) return true;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return false;  // expected: drained
    if (errno == EINTR) continue;                               // expected: read again
    common::throw_errno("read");
  }
}

}  // namespace

std::vector<Outcome> fetch_with_deadlines(const common::ServerAddress& server, const std::vector<Job>& jobs,
                                          std::ostream& out, std::size_t* polls) {
  std::size_t poll_calls = 0;
  const common::Endpoint endpoint = common::resolve(server);
  evq::Poll poll;
  const auto start = Clock::now();
  std::vector<Pending> pending(jobs.size());
  std::vector<Outcome> outcomes(jobs.size());
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    pending[i].socket = common::connect_to(endpoint, server);
    common::set_nonblocking(pending[i].socket.get());
    const std::string request = common::get_request(jobs[i].path, server.to_string());
    const ssize_t n = common::check(::send(pending[i].socket.get(), request.data(), request.size(), MSG_NOSIGNAL), "send");
    if (static_cast<std::size_t>(n) != request.size()) throw std::runtime_error("short write");
    pending[i].deadline = start + jobs[i].deadline;
    poll.registry().register_(pending[i].socket.get(), evq::Token{i}, evq::Interest::READABLE);
  }

  auto finish = [&](std::size_t i, bool completed) {
    pending[i].finished = true;
    outcomes[i].completed = completed;
    outcomes[i].elapsed = std::chrono::duration_cast<milliseconds>(Clock::now() - start);
    poll.registry().deregister(pending[i].socket.get());
    pending[i].socket.reset();
    if (!completed) out << "request " << i << " took too long\n";
  };

  evq::Events events(16);
  std::size_t left = jobs.size();
  while (left > 0) {
    // The poll timeout is the time to the nearest deadline still open: we
    // sleep until a response arrives or the next job runs out of time,
    // whichever comes first.
    std::optional<Clock::time_point> nearest;
    for (const auto& p : pending)
      if (!p.finished && (!nearest || p.deadline < *nearest)) nearest = p.deadline;
    ++poll_calls;
    // Never block: look for events, then check the deadlines, and again.
    (void)nearest;
    poll.poll(events, milliseconds::zero());

    for (evq::Event event : events) {
      const std::size_t i = event.token().value();
      if (pending.at(i).finished) continue;  // a false wakeup for a finished job
      if (drain(pending[i].socket.get(), outcomes[i].response)) {
        finish(i, true);
        --left;
      }
    }
    const auto now = Clock::now();
    for (std::size_t i = 0; i < pending.size(); ++i) {
      if (!pending[i].finished && pending[i].deadline <= now) {
        finish(i, false);
        --left;
      }
    }
  }
  if (polls != nullptr) *polls = poll_calls;
  return outcomes;
}

}  // namespace exercise
