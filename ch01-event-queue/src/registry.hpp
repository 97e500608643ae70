// Registry: tells the kernel which file descriptors to watch (epoll_ctl(2)).
//
// Obtained from Poll::registry(). Every method is const and safe to call from
// any thread while another thread sits in Poll::poll: epoll_ctl is
// thread-safe, and a source added while a thread waits is seen by that wait
// (epoll(7), "Questions and answers" 6/7 and NOTES). This is what lets a
// reactor thread wait while other threads register sockets (our chapter 6).
//
// `register_` has a trailing underscore because `register` is a C++ keyword.
//
// NB: like the book, we register raw file descriptors. mio inverts this: a
// source type (TcpStream, ...) registers itself, so a closed or reused fd is
// harder to get wrong. Here the caller must deregister (or close) a source
// before its fd number can be reused.
#pragma once

#include <utility>

#include "common/fd.hpp"
#include "interest.hpp"
#include "token.hpp"

namespace evq {

class Registry {
 public:
  // Watch `fd` and report its readiness with `token`. Edge-triggered unless
  // `trigger` says otherwise. READABLE also asks for EPOLLRDHUP, so that a
  // peer's FIN shows up as Event::is_read_closed().
  // Throws std::system_error "epoll_ctl(ADD)": EEXIST if `fd` is already
  // registered, EBADF for a bad fd, EPERM for a file that cannot be polled
  // (a regular file or a directory).
  void register_(int fd, Token token, Interest interest, Trigger trigger = Trigger::EDGE) const;

  // Replace the token, interest and trigger of a registered `fd`; also
  // re-arms a one-shot registration. Throws "epoll_ctl(MOD)" (ENOENT if `fd`
  // is not registered).
  void reregister(int fd, Token token, Interest interest, Trigger trigger = Trigger::EDGE) const;

  // Stop watching `fd`. Throws "epoll_ctl(DEL)" (ENOENT if not registered).
  // Closing the fd deregisters it too, unless a dup() of it is still open:
  // epoll watches the open file, not the fd number (epoll(7), Q6).
  void deregister(int fd) const;

  // A second Registry for the same epoll instance, on a duplicated fd
  // (fcntl(F_DUPFD_CLOEXEC)), as mio's Registry::try_clone. Give it to a
  // thread that must register sources for as long as it likes, whatever
  // happens to the Poll it came from. Throws "fcntl(F_DUPFD_CLOEXEC)".
  [[nodiscard]] Registry try_clone() const;

  // The epoll file descriptor (still owned by this Registry).
  [[nodiscard]] int as_raw_fd() const noexcept { return epoll_.get(); }

 private:
  friend class Poll;
  explicit Registry(common::UniqueFd epoll) noexcept : epoll_(std::move(epoll)) {}
  common::UniqueFd epoll_;
};

}  // namespace evq
