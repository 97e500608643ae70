// WRONG: registers level-triggered without one-shot, so the stream is reported again before on_event has handled the last wakeup. Caught by: between a wakeup and its re-arm the stream is not reported again
#include "oneshot_reader.hpp"

#include <unistd.h>

#include <cerrno>
#include <vector>

#include "common/syscall.hpp"

namespace exercise {

namespace {
constexpr evq::Trigger kTrigger = evq::Trigger::LEVEL;
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
  // Level-triggered: if bytes are still waiting, the re-armed registration
  // is reported by the very next poll. No draining needed.
  registry_->reregister(fd_, token_, evq::Interest::READABLE, kTrigger);
  return false;
}

}  // namespace exercise
