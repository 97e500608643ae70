// Interest: which readiness you want to hear about (mio's `Interest`).
// Trigger:  how the kernel reports it: edge- or level-triggered, optionally
//           one-shot (epoll(7)). mio has no such type: it is always edge-
//           triggered. We keep the choice because this chapter teaches it.
//
// Neither type exposes an EPOLL* constant: registry.cpp translates them, so
// the code that uses the queue reads the same as it would on kqueue.
//
//   registry.register_(fd, Token{0}, Interest::READABLE);                  // edge
//   registry.register_(fd, Token{1}, Interest::READABLE | Interest::WRITABLE);
//   registry.register_(fd, Token{2}, Interest::READABLE, Trigger::LEVEL.oneshot());
#pragma once

#include <cstdint>

namespace evq {

class Interest {
 public:
  static const Interest READABLE;
  static const Interest WRITABLE;

  // Both readiness kinds: Interest::READABLE | Interest::WRITABLE.
  [[nodiscard]] constexpr Interest operator|(Interest other) const noexcept {
    return Interest(static_cast<std::uint8_t>(bits_ | other.bits_));
  }
  [[nodiscard]] constexpr bool is_readable() const noexcept { return (bits_ & kReadable) != 0; }
  [[nodiscard]] constexpr bool is_writable() const noexcept { return (bits_ & kWritable) != 0; }

  friend constexpr bool operator==(Interest, Interest) noexcept = default;

 private:
  static constexpr std::uint8_t kReadable = 1;
  static constexpr std::uint8_t kWritable = 2;
  // Private, so an empty Interest cannot be made: registering for nothing is
  // a mistake (mio forbids it the same way).
  constexpr explicit Interest(std::uint8_t bits) noexcept : bits_(bits) {}
  std::uint8_t bits_;
};

inline constexpr Interest Interest::READABLE{Interest::kReadable};
inline constexpr Interest Interest::WRITABLE{Interest::kWritable};

class Trigger {
 public:
  // Report a source when it *becomes* ready (EPOLLET). One event per change:
  // the reader must drain the source until EAGAIN, or it may never hear of
  // the bytes it left behind. The default, as in mio and the book.
  static const Trigger EDGE;
  // Report a source on every poll *while* it is ready. Forgiving: bytes left
  // unread are reported again.
  static const Trigger LEVEL;

  // The same trigger, disarmed after one event until Registry::reregister
  // arms it again (EPOLLONESHOT). Lets a program hand a source to exactly
  // one handler at a time.
  [[nodiscard]] constexpr Trigger oneshot() const noexcept { return Trigger(edge_, true); }

  [[nodiscard]] constexpr bool is_edge() const noexcept { return edge_; }
  [[nodiscard]] constexpr bool is_oneshot() const noexcept { return oneshot_; }

  friend constexpr bool operator==(Trigger, Trigger) noexcept = default;

 private:
  constexpr Trigger(bool edge, bool oneshot) noexcept : edge_(edge), oneshot_(oneshot) {}
  bool edge_;
  bool oneshot_;
};

inline constexpr Trigger Trigger::EDGE{true, false};
inline constexpr Trigger Trigger::LEVEL{false, false};

}  // namespace evq
