#include "wakeups.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/fd.hpp"
#include "common/syscall.hpp"

namespace ch01 {

namespace {
constexpr std::size_t kMaxBytes = 64 * 1024;  // well below a UNIX socket's buffer
}

WakeupCount count_wakeups(evq::Trigger trigger, std::size_t bytes, std::size_t chunk, bool drain,
                          std::chrono::milliseconds quiet) {
  if (bytes == 0 || chunk == 0) throw std::invalid_argument("bytes and chunk must be at least 1");
  if (bytes > kMaxBytes) throw std::invalid_argument("at most " + std::to_string(kMaxBytes) + " bytes");

  int fds[2];
  common::check(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds), "socketpair");
  const common::UniqueFd reader(fds[0]);
  const common::UniqueFd writer(fds[1]);

  // All the bytes arrive before the first poll: one change of state.
  const std::string payload(bytes, '.');
  const ssize_t written = common::check(::write(writer.get(), payload.data(), payload.size()), "write");
  if (static_cast<std::size_t>(written) != bytes) throw std::runtime_error("short write into the socket pair");

  evq::Poll poll;
  poll.registry().register_(reader.get(), evq::Token{0}, evq::Interest::READABLE, trigger);
  evq::Events events(1);
  WakeupCount count;
  std::vector<char> buffer(chunk);
  // Bounded: every wakeup reads at least one byte, so there are at most
  // `bytes` wakeups with data, and one quiet poll ends the loop.
  while (count.bytes_read < bytes) {
    poll.poll(events, quiet);
    if (events.empty()) break;  // quiet: no event will come for what is left
    ++count.wakeups;
    do {
      const ssize_t n = ::read(reader.get(), buffer.data(), buffer.size());
      if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;  // expected: drained
      if (n == -1 && errno == EINTR) continue;                          // expected: read again
      const auto got = static_cast<std::size_t>(common::check(n, "read"));
      if (got == 0) break;  // EOF cannot happen (the writer is open), but never spin on it
      count.bytes_read += got;
    } while (drain);
  }
  count.bytes_left = bytes - count.bytes_read;
  return count;
}

}  // namespace ch01
