#include "deadlines.hpp"

#include <sys/socket.h>
#include <unistd.h>

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
    // TODO: this waits until some response arrives, however long that takes.
    // Wait no longer than the nearest deadline of a job still open.
    ++poll_calls;
    poll.poll(events, std::nullopt);

    for (evq::Event event : events) {
      const std::size_t i = event.token().value();
      if (pending.at(i).finished) continue;  // a false wakeup for a finished job
      if (drain(pending[i].socket.get(), outcomes[i].response)) {
        finish(i, true);
        --left;
      }
    }
    // TODO: give up every open job whose deadline has passed: finish(i, false).
  }
  if (polls != nullptr) *polls = poll_calls;
  return outcomes;
}

}  // namespace exercise
