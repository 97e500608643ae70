#include "common/server_address.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

#include "common/syscall.hpp"

namespace common {

std::string ServerAddress::to_string() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

ServerAddress parse_server_address(std::string_view text) {
  const auto bad = [&](const char* why) {
    return std::invalid_argument("bad server address '" + std::string(text) + "': " + why +
                                 " (expected HOST:PORT, e.g. 127.0.0.1:8080)");
  };
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos) throw bad("no ':PORT'");
  std::string_view host = text.substr(0, colon);
  std::string_view port = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty()) throw bad("empty host");
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || ec != std::errc{} || end != port.data() + port.size() || value == 0 ||
      value > 65535) {
    throw bad("the port must be a number from 1 to 65535");
  }
  return ServerAddress{std::string(host), static_cast<std::uint16_t>(value)};
}

ServerAddress default_server_address() {
  if (const char* env = std::getenv(kServerEnvironmentVariable); env != nullptr && *env != '\0') {
    try {
      return parse_server_address(env);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(std::string("$") + kServerEnvironmentVariable + ": " + e.what());
    }
  }
  return parse_server_address(kDefaultServer);
}

Endpoint resolve(const ServerAddress& address) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* result = nullptr;
  const std::string port = std::to_string(address.port);
  if (int rc = ::getaddrinfo(address.host.c_str(), port.c_str(), &hints, &result); rc != 0) {
    // getaddrinfo reports through its return value, not errno (EAI_SYSTEM aside).
    throw std::runtime_error("cannot resolve '" + address.host + "': " + ::gai_strerror(rc));
  }
  Endpoint endpoint;
  std::memcpy(&endpoint.storage, result->ai_addr, result->ai_addrlen);
  endpoint.length = result->ai_addrlen;
  ::freeaddrinfo(result);
  return endpoint;
}

ServerUnreachable::ServerUnreachable(int error, const ServerAddress& address)
    : std::system_error(error, std::system_category(),
                        "cannot reach the delay server at " + address.to_string()),
      address_(address) {}

bool is_unreachable_error(int error) {
  return error == ECONNREFUSED || error == ENETUNREACH || error == EHOSTUNREACH ||
         error == ETIMEDOUT || error == EADDRNOTAVAIL;
}

UniqueFd connect_to(const Endpoint& endpoint, const ServerAddress& address) {
  UniqueFd fd(check(::socket(endpoint.family(), SOCK_STREAM | SOCK_CLOEXEC, 0), "socket"));
  if (::connect(fd.get(), endpoint.get(), endpoint.length) == -1) {
    int error = errno;
    if (error == EINTR) {
      // connect(2): after EINTR the connection is still being set up
      // asynchronously; wait for writability and read the outcome from SO_ERROR.
      pollfd p{fd.get(), POLLOUT, 0};
      while (::poll(&p, 1, -1) == -1) {
        if (errno != EINTR) throw_errno("poll(connect)");
      }
      socklen_t len = sizeof error;
      check(::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &error, &len), "getsockopt(SO_ERROR)");
    }
    if (error != 0) {
      if (is_unreachable_error(error)) throw ServerUnreachable(error, address);
      throw_error(error, "connect");
    }
  }
  return fd;
}

void set_nonblocking(int fd) {
  const int flags = check(::fcntl(fd, F_GETFL), "fcntl(F_GETFL)");
  check(::fcntl(fd, F_SETFL, flags | O_NONBLOCK), "fcntl(F_SETFL, O_NONBLOCK)");
}

}  // namespace common
