// Small helpers for the chapter's tests: pairs of connected descriptors, and
// collecting what one poll returned (mio's tests/util: expect_events).
#pragma once

#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/syscall.hpp"
#include "evq.hpp"
#include "testing/wait.hpp"

namespace ch01_test {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// Two ends of a connected, non-blocking UNIX stream socket.
inline std::pair<common::UniqueFd, common::UniqueFd> socket_pair() {
  int fds[2];
  common::check(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds), "socketpair");
  return {common::UniqueFd(fds[0]), common::UniqueFd(fds[1])};
}

struct Pipe {
  common::UniqueFd read_end;
  common::UniqueFd write_end;
};
inline Pipe make_pipe() {
  int fds[2];
  common::check(::pipe2(fds, O_NONBLOCK | O_CLOEXEC), "pipe2");
  return {common::UniqueFd(fds[0]), common::UniqueFd(fds[1])};
}

inline common::UniqueFd make_eventfd() {
  return common::UniqueFd(common::check(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC), "eventfd"));
}

// Writes all of `bytes` (small test payloads: one write is enough, and a short
// write is a test failure, not something to retry).
inline void put(int fd, std::string_view bytes) {
  const ssize_t n = common::check(::write(fd, bytes.data(), bytes.size()), "write");
  if (static_cast<std::size_t>(n) != bytes.size()) common::throw_error(EIO, "write: short write in a test");
}

// One read of at most `max` bytes: the bytes, "" at EOF, nullopt on EAGAIN.
inline std::optional<std::string> take(int fd, std::size_t max) {
  std::string buffer(max, '\0');
  const ssize_t n = ::read(fd, buffer.data(), max);
  if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) return std::nullopt;  // expected: drained
  buffer.resize(static_cast<std::size_t>(common::check(n, "read")));
  return buffer;
}

// Everything readable now, up to EAGAIN or EOF.
inline std::string drain(int fd) {
  std::string all;
  while (auto chunk = take(fd, 4096)) {
    if (chunk->empty()) break;  // EOF
    all += *chunk;
  }
  return all;
}

// The events of one poll, copied out.
inline std::vector<evq::Event> poll_once(evq::Poll& poll, std::optional<std::chrono::milliseconds> timeout,
                                         std::size_t capacity = 16) {
  evq::Events events(capacity);
  poll.poll(events, timeout);
  return {events.begin(), events.end()};
}

// How long to wait for an event that must come: long, because a test that
// passes never waits this long, and a loaded machine may be slow.
inline constexpr auto kMustArrive = 5s;
// How long to wait to show that an event does *not* come: short, because
// every passing test waits all of it. Events for ready descriptors are queued
// before epoll_wait is even called, so no real delivery takes this long.
inline constexpr auto kMustNotArrive = 50ms;

using testing::ms_since;

}  // namespace ch01_test
