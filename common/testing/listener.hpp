// Listener: a bare TCP listening socket on 127.0.0.1 and a port the kernel
// picks, for tests that must see exactly what a future does on the wire
// (when it connects, what it sends) or make the peer misbehave (reset).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "common/fd.hpp"
#include "common/server_address.hpp"
#include "common/syscall.hpp"

namespace testing {

// The local (or, with peer = true, remote) port of a connected socket.
inline std::uint16_t port_of(int fd, bool peer = false) {
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  // SAFETY: an AF_INET socket's address is a sockaddr_in.
  auto* raw = reinterpret_cast<sockaddr*>(&addr);
  common::check(peer ? ::getpeername(fd, raw, &len) : ::getsockname(fd, raw, &len),
                peer ? "getpeername" : "getsockname");
  return ntohs(addr.sin_port);
}

// Waits until `fd` is readable, or throws after `timeout`.
inline void wait_readable(int fd, std::chrono::milliseconds timeout) {
  pollfd p{fd, POLLIN, 0};
  int n = 0;
  while ((n = ::poll(&p, 1, static_cast<int>(timeout.count()))) == -1 && errno == EINTR) {
  }
  common::check(n, "poll");
  if (n == 0) throw std::runtime_error("timed out waiting for a socket to become readable");
}

class Listener {
 public:
  Listener() : fd_(common::check(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket")) {
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // SAFETY: sockaddr_in is the sockaddr for AF_INET.
    common::check(::bind(fd_.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr), "bind");
    common::check(::listen(fd_.get(), 16), "listen");
    port_ = port_of(fd_.get());
  }

  [[nodiscard]] common::ServerAddress address() const { return {"127.0.0.1", port_}; }
  [[nodiscard]] std::uint16_t port() const { return port_; }

  // The next connection in the accept queue, waiting at most `timeout`.
  [[nodiscard]] common::UniqueFd accept(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    wait_readable(fd_.get(), timeout);
    return common::UniqueFd(common::check(::accept4(fd_.get(), nullptr, nullptr, SOCK_CLOEXEC), "accept4"));
  }

 private:
  common::UniqueFd fd_;
  std::uint16_t port_ = 0;
};

// Reads from `fd` until the end of an HTTP request head ("\r\n\r\n").
inline std::string read_request_head(int fd, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  std::string head;
  char buffer[512];
  while (head.find("\r\n\r\n") == std::string::npos) {
    wait_readable(fd, timeout);
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n == -1 && errno == EINTR) continue;
    if (common::check(n, "recv") == 0) throw std::runtime_error("peer closed before the end of the head");
    head.append(buffer, static_cast<std::size_t>(n));
  }
  return head;
}

}  // namespace testing
