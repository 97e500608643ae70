#include "oneshot_reader.hpp"

#include <unistd.h>

#include <cerrno>
#include <vector>

#include "common/syscall.hpp"

namespace exercise {

OneshotReader::OneshotReader(const evq::Registry& registry, int fd, evq::Token token, std::size_t chunk)
    : registry_(&registry), fd_(fd), token_(token), chunk_(chunk) {
  // TODO: this is a-epoll's registration (edge-triggered). Register
  // level-triggered and one-shot instead.
  registry_->register_(fd_, token_, evq::Interest::READABLE, evq::Trigger::EDGE);
}

bool OneshotReader::on_event(const evq::Event& event) {
  (void)event;
  if (done_) return true;
  std::vector<char> buffer(chunk_);
  const ssize_t n = ::read(fd_, buffer.data(), buffer.size());
  ++reads_;
  if (n == 0) {
    done_ = true;
    return true;
  }
  if (n > 0) {
    data_.append(buffer.data(), static_cast<std::size_t>(n));
  } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
    common::throw_errno("read");
  }
  // TODO: one read per wakeup leaves bytes behind. Re-arm the one-shot
  // registration (Registry::reregister) so the next poll reports them.
  return false;
}

}  // namespace exercise
