#include "http_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <stdexcept>

#include "common/syscall.hpp"

namespace testing {

common::UniqueFd connect_loopback(std::uint16_t port, std::chrono::milliseconds timeout) {
  common::UniqueFd fd(common::check(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket"));
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  common::check(::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv), "setsockopt(SO_RCVTIMEO)");
  common::check(::setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv), "setsockopt(SO_SNDTIMEO)");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // SAFETY: sockaddr_in is a sockaddr for AF_INET, as connect(2) expects.
  common::check(::connect(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr), "connect");
  return fd;
}

void send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n == -1 && errno == EINTR) continue;
    common::check(n, "send");
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

namespace {
// One recv; 0 at EOF or reset. Throws on timeout.
std::size_t receive(int fd, char* buffer, std::size_t size) {
  for (;;) {
    const ssize_t n = ::recv(fd, buffer, size, 0);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno == EINTR) continue;
    if (errno == ECONNRESET) return 0;
    if (errno == EAGAIN || errno == EWOULDBLOCK) throw std::runtime_error("timed out waiting for the server");
    common::throw_errno("recv");
  }
}
}  // namespace

std::string read_to_end(int fd) {
  std::string out;
  char buffer[4096];
  while (std::size_t n = receive(fd, buffer, sizeof buffer)) out.append(buffer, n);
  return out;
}

common::HttpResponse read_one_response(int fd, std::string& pending) {
  char buffer[4096];
  for (;;) {
    if (const auto head_end = pending.find("\r\n\r\n"); head_end != std::string::npos) {
      // Content-Length tells where this response ends.
      std::size_t length = 0;
      const std::string head = pending.substr(0, head_end + 2);
      for (const char* name : {"\r\nContent-Length:", "\r\ncontent-length:"}) {
        if (const auto at = head.find(name); at != std::string::npos) {
          length = std::stoul(head.substr(at + std::string_view(name).size()));
        }
      }
      const std::size_t total = head_end + 4 + length;
      if (pending.size() >= total) {
        auto response = common::split_response(pending.substr(0, total));
        pending.erase(0, total);
        return response;
      }
    }
    const std::size_t n = receive(fd, buffer, sizeof buffer);
    if (n == 0) throw std::runtime_error("connection closed before a whole response arrived");
    pending.append(buffer, n);
  }
}

std::string exchange(std::uint16_t port, std::string_view raw, std::chrono::milliseconds timeout) {
  auto fd = connect_loopback(port, timeout);
  send_all(fd.get(), raw);
  return read_to_end(fd.get());
}

std::uint16_t unused_loopback_port() {
  common::UniqueFd fd(common::check(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket"));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // SAFETY: sockaddr_in is the sockaddr for AF_INET, as bind(2) and getsockname(2) expect.
  common::check(::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr), "bind");
  socklen_t len = sizeof addr;
  common::check(::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&addr), &len), "getsockname");
  return ntohs(addr.sin_port);
}

common::HttpResponse fetch(const common::ServerAddress& address, std::string_view path) {
  return common::split_response(testing::exchange(address.port, common::get_request(path, address.to_string())));
}

}  // namespace testing
