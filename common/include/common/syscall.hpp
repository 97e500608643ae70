// check(): turn a failed syscall into std::system_error naming the call.
#pragma once

#include <cerrno>
#include <concepts>
#include <system_error>

namespace common {

// Throws std::system_error(errno, system_category(), what); `what` names the
// call and, where it helps, its operation: "epoll_ctl(ADD)".
[[noreturn]] void throw_errno(const char* what);
[[noreturn]] void throw_error(int error, const char* what);

// The one helper every syscall result passes through (mio's `syscall!`):
//   int fd = common::check(::epoll_create1(EPOLL_CLOEXEC), "epoll_create1");
// Returns the result unchanged when it is not -1. Call sites that expect a
// particular errno (EAGAIN, EINTR) test for -1 themselves and say why.
template <std::signed_integral T>
T check(T result, const char* what) {
  if (result == -1) throw_errno(what);
  return result;
}

// True when `error` is the errno of a system_error thrown by check().
[[nodiscard]] inline bool is_errno(const std::system_error& e, int error) {
  return e.code() == std::error_code(error, std::system_category());
}

}  // namespace common
