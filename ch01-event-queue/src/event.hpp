// Event:  one readiness report from the kernel: a token and what is ready.
// Events: the fixed-capacity buffer that Poll::poll fills (mio's `Events`).
#pragma once

#include <sys/epoll.h>

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <iterator>
#include <string>
#include <vector>

#include "token.hpp"

namespace evq {

// The kernel's `struct epoll_event` is { uint32_t events; uint64_t data; }.
// On x86-64 alone it is *packed*: 12 bytes, `data` at offset 4, alignment 1.
// The kernel's uapi header explains: x86-64 keeps the layout of 32-bit x86
// (where a uint64_t is only 4-byte aligned) so that 32-bit programs can make
// the same syscall without the kernel translating the struct. Every other
// 64-bit architecture (aarch64, riscv64...) aligns `data` naturally: 16
// bytes, `data` at offset 8, four bytes of padding after `events`.
//
// A program that declares the struct itself must get this right: the book's
// Rust version first marked it packed everywhere and read garbage tokens on
// aarch64. We include <sys/epoll.h>, which is right by construction; these
// asserts document the layout and stop the build if it ever differs.
// One consequence on x86-64: a reference or pointer to `ev.data.u64` would be
// misaligned (GCC refuses to bind one), so we always copy the field out.
#if defined(__x86_64__)
static_assert(sizeof(epoll_event) == 12, "x86-64: epoll_event is packed (12 bytes)");
static_assert(offsetof(epoll_event, data) == 4, "x86-64: data follows events directly");
static_assert(alignof(epoll_event) == 1, "x86-64: packed, so byte-aligned");
#else
static_assert(sizeof(epoll_event) == 16, "64-bit non-x86: epoll_event is naturally aligned (16 bytes)");
static_assert(offsetof(epoll_event, data) == 8, "64-bit non-x86: 4 bytes of padding before data");
#endif

class Event {
 public:
  // Wraps what epoll_wait wrote (public so tests can build one).
  explicit Event(const epoll_event& raw) noexcept : raw_(raw) {}

  // The token given to register_ / reregister.
  [[nodiscard]] Token token() const noexcept { return Token(static_cast<std::size_t>(raw_.data.u64)); }

  // Data can be read, or the peer closed its side (EOF reads as 0 bytes).
  [[nodiscard]] bool is_readable() const noexcept;
  // Bytes can be written, or a non-blocking connect(2) has finished.
  [[nodiscard]] bool is_writable() const noexcept;
  // The socket has a pending error (EPOLLERR): read it with SO_ERROR.
  [[nodiscard]] bool is_error() const noexcept;
  // The peer will send no more (FIN or shutdown(SHUT_WR), or a hang-up):
  // reading will reach EOF once the buffered bytes are consumed.
  [[nodiscard]] bool is_read_closed() const noexcept;
  // Writing can no longer succeed (hang-up or error).
  [[nodiscard]] bool is_write_closed() const noexcept;

  // The raw EPOLL* bits, for printing and for the curious; portable code
  // uses the accessors above.
  [[nodiscard]] std::uint32_t flags() const noexcept { return raw_.events; }

 private:
  epoll_event raw_;
};

// "EPOLLIN|EPOLLRDHUP" for flags(): what the demos print.
[[nodiscard]] std::string describe_flags(std::uint32_t flags);
// "Event { token: 3, flags: EPOLLIN|EPOLLRDHUP }"
std::ostream& operator<<(std::ostream& out, const Event& event);

class Poll;

// A buffer for up to capacity() events. One epoll_wait never returns more
// than that; the rest wait in the kernel for the next poll.
class Events {
 public:
  // Throws std::invalid_argument unless 1 <= capacity <= INT_MAX
  // (epoll_wait(2) takes maxevents as a positive int).
  explicit Events(std::size_t capacity);

  [[nodiscard]] std::size_t capacity() const noexcept { return buffer_.size(); }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  void clear() noexcept { size_ = 0; }

  // The i-th event of the last poll (i < size()).
  [[nodiscard]] Event operator[](std::size_t i) const;

  // Iteration yields Events by value: copies of 12 or 16 bytes, never a
  // reference into the (possibly packed) kernel structs.
  class const_iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using value_type = Event;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = Event;

    const_iterator() = default;
    Event operator*() const noexcept { return Event(*at_); }
    const_iterator& operator++() noexcept { ++at_; return *this; }
    const_iterator operator++(int) noexcept { auto old = *this; ++at_; return old; }
    friend bool operator==(const const_iterator&, const const_iterator&) = default;

   private:
    friend class Events;
    explicit const_iterator(const epoll_event* at) noexcept : at_(at) {}
    const epoll_event* at_ = nullptr;
  };
  [[nodiscard]] const_iterator begin() const noexcept { return const_iterator(buffer_.data()); }
  [[nodiscard]] const_iterator end() const noexcept { return const_iterator(buffer_.data() + size_); }

 private:
  friend class Poll;  // epoll_wait writes straight into buffer_
  std::vector<epoll_event> buffer_;
  std::size_t size_ = 0;
};

}  // namespace evq
