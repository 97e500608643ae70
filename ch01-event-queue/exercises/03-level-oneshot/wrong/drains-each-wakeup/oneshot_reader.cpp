// WRONG: keeps a-epoll's drain loop and reads until EAGAIN on every wakeup instead of one chunk. Caught by: each wakeup reads one chunk and re-arms: 64 bytes in 16-byte reads, then EOF
#include "oneshot_reader.hpp"

#include <unistd.h>

#include <cerrno>
#include <vector>

#include "common/syscall.hpp"

namespace exercise {

namespace {
constexpr evq::Trigger kTrigger = evq::Trigger::LEVEL.oneshot();
}

OneshotReader::OneshotReader(const evq::Registry& registry, int fd, evq::Token token, std::size_t chunk)
    : registry_(&registry), fd_(fd), token_(token), chunk_(chunk) {
  registry_->register_(fd_, token_, evq::Interest::READABLE, kTrigger);
}

bool OneshotReader::on_event(const evq::Event& event) {
  (void)event;  // every event for this token means the same: try one read
  if (done_) return true;
  std::vector<char> buffer(chunk_);
  // Drain to EAGAIN, as a-epoll does: nothing can be left behind.
  for (;;) {
    const ssize_t n = ::read(fd_, buffer.data(), buffer.size());
    ++reads_;
    if (n == 0) {
      done_ = true;  // EOF: leave the registration disarmed; nothing more will come
      return true;
    }
    if (n > 0) {
      data_.append(buffer.data(), static_cast<std::size_t>(n));
      continue;
    }
    if (errno == EAGAIN || errno == EWOULDBLOCK) break;
    if (errno != EINTR) common::throw_errno("read");
  }
  // Level-triggered: if bytes are still waiting, the re-armed registration
  // is reported by the very next poll. No draining needed.
  registry_->reregister(fd_, token_, evq::Interest::READABLE, kTrigger);
  return false;
}

}  // namespace exercise
