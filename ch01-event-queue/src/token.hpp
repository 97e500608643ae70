// Token: the number you hand the event queue with a registration and get back
// with every event for it (mio's `Token(usize)`).
//
// epoll gives each registration 64 bits of user data (`epoll_event.data`)
// that the kernel stores and hands back untouched. We put a Token there.
// What the number means is up to the caller; the usual choice, and the
// demo's, is an index into the caller's table of sources, so an event leads
// straight to its socket without a search.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <ostream>

namespace evq {

// A strong type, not a bare std::size_t, so that a token cannot be passed
// where a file descriptor or a count is expected (they are all integers).
class Token {
 public:
  constexpr explicit Token(std::size_t value) noexcept : value_(value) {}

  [[nodiscard]] constexpr std::size_t value() const noexcept { return value_; }

  friend constexpr auto operator<=>(Token, Token) noexcept = default;

  friend std::ostream& operator<<(std::ostream& out, Token token) {
    return out << "Token(" << token.value_ << ")";
  }

 private:
  std::size_t value_;
};

// Every Token fits in epoll_data.u64, whatever the width of std::size_t.
static_assert(sizeof(std::size_t) <= sizeof(std::uint64_t));

}  // namespace evq

// Tokens as keys of std::unordered_map (later chapters map tokens to wakers).
template <>
struct std::hash<evq::Token> {
  std::size_t operator()(evq::Token token) const noexcept { return std::hash<std::size_t>{}(token.value()); }
};
