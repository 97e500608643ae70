// WRONG: registers one-shot but never re-arms, so the stream goes silent after its first wakeup. Caught by: each wakeup reads one chunk and re-arms: 64 bytes in 16-byte reads, then EOF
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
  const ssize_t n = ::read(fd_, buffer.data(), buffer.size());
  ++reads_;
  if (n == 0) {
    done_ = true;  // EOF: leave the registration disarmed; nothing more will come
    return true;
  }
  if (n > 0) {
    data_.append(buffer.data(), static_cast<std::size_t>(n));
  } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
    common::throw_errno("read");  // EAGAIN (a false wakeup) and EINTR: just re-arm
  }
  // Level-triggered: bytes still waiting are reported again by the next poll.
  return false;
}

}  // namespace exercise
