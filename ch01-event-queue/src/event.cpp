#include "event.hpp"

#include <climits>
#include <ostream>
#include <stdexcept>

namespace evq {

// The flag combinations follow mio's epoll selector (mio/src/sys/unix/
// selector/epoll.rs), which maps them to what each means for a socket.

bool Event::is_readable() const noexcept { return (raw_.events & (EPOLLIN | EPOLLPRI)) != 0; }

bool Event::is_writable() const noexcept { return (raw_.events & EPOLLOUT) != 0; }

bool Event::is_error() const noexcept { return (raw_.events & EPOLLERR) != 0; }

bool Event::is_read_closed() const noexcept {
  // EPOLLHUP: both directions are closed. EPOLLIN together with EPOLLRDHUP:
  // the peer shut down its writing side (it sent FIN). EPOLLRDHUP is only
  // reported because register_ asks for it with every READABLE interest.
  return (raw_.events & EPOLLHUP) != 0 ||
         ((raw_.events & EPOLLIN) != 0 && (raw_.events & EPOLLRDHUP) != 0);
}

bool Event::is_write_closed() const noexcept {
  // EPOLLHUP: hung up. EPOLLERR (alone, or with EPOLLOUT): the socket failed,
  // e.g. a connect was refused, so nothing more can be written.
  return (raw_.events & (EPOLLHUP | EPOLLERR)) != 0;
}

std::string describe_flags(std::uint32_t flags) {
  static constexpr struct {
    std::uint32_t bit;
    const char* name;
  } kNames[] = {{EPOLLIN, "EPOLLIN"},   {EPOLLPRI, "EPOLLPRI"}, {EPOLLOUT, "EPOLLOUT"},
                {EPOLLERR, "EPOLLERR"}, {EPOLLHUP, "EPOLLHUP"}, {EPOLLRDHUP, "EPOLLRDHUP"}};
  std::string text;
  for (const auto& [bit, name] : kNames) {
    if ((flags & bit) == 0) continue;
    if (!text.empty()) text += '|';
    text += name;
    flags &= ~bit;
  }
  if (flags != 0) {  // bits we have no name for: show them rather than hide them
    if (!text.empty()) text += '|';
    text += "0x" + [&] {
      static constexpr char kHex[] = "0123456789abcdef";
      std::string hex;
      for (int shift = 28; shift >= 0; shift -= 4) hex += kHex[(flags >> shift) & 0xf];
      return hex;
    }();
  }
  return text.empty() ? "0" : text;
}

std::ostream& operator<<(std::ostream& out, const Event& event) {
  return out << "Event { token: " << event.token().value() << ", flags: " << describe_flags(event.flags())
             << " }";
}

Events::Events(std::size_t capacity) {
  if (capacity == 0 || capacity > static_cast<std::size_t>(INT_MAX)) {
    throw std::invalid_argument("Events capacity must be between 1 and INT_MAX, not " +
                                std::to_string(capacity));
  }
  buffer_.resize(capacity);
}

Event Events::operator[](std::size_t i) const {
  if (i >= size_) {
    throw std::out_of_range("Events index " + std::to_string(i) + " but the last poll returned " +
                            std::to_string(size_));
  }
  return Event(buffer_[i]);
}

}  // namespace evq
