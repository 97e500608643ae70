// Where the delay server is, and connecting to it.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

#include "common/fd.hpp"

namespace common {

inline constexpr std::string_view kDefaultServer = "127.0.0.1:8080";
inline constexpr const char* kServerEnvironmentVariable = "DELAYSERVER";

struct ServerAddress {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;

  [[nodiscard]] std::string to_string() const;  // "host:port"
  friend bool operator==(const ServerAddress&, const ServerAddress&) = default;
};

// Parses "HOST:PORT" ("[::1]:8080" for IPv6). Throws std::invalid_argument
// with a message that quotes the text.
[[nodiscard]] ServerAddress parse_server_address(std::string_view text);

// $DELAYSERVER when set (parsed as above), otherwise 127.0.0.1:8080.
[[nodiscard]] ServerAddress default_server_address();

// A resolved socket address, ready for socket(2) and connect(2).
struct Endpoint {
  sockaddr_storage storage{};
  socklen_t length = 0;

  [[nodiscard]] int family() const { return storage.ss_family; }
  [[nodiscard]] const sockaddr* get() const {
    // SAFETY: sockaddr_storage is designed to be viewed as any sockaddr_*.
    return reinterpret_cast<const sockaddr*>(&storage);
  }
};

// getaddrinfo(3) once; demos resolve the server once, not per connection.
// Throws std::runtime_error naming the host when it cannot be resolved.
[[nodiscard]] Endpoint resolve(const ServerAddress& address);

// Thrown when nothing answers at the server's address (connection refused,
// unreachable, timed out). what(): "cannot reach the delay server at
// 127.0.0.1:8080: Connection refused".
class ServerUnreachable : public std::system_error {
 public:
  ServerUnreachable(int error, const ServerAddress& address);
  [[nodiscard]] const ServerAddress& address() const noexcept { return address_; }

 private:
  ServerAddress address_;
};

// True for the connect(2) errors that mean "no server there".
[[nodiscard]] bool is_unreachable_error(int error);

// A TCP socket connected to `endpoint` (blocking connect, SOCK_CLOEXEC).
// Throws ServerUnreachable when no server answers, std::system_error for any
// other failure. Chapters switch the socket to non-blocking themselves: that
// step is part of their lesson.
[[nodiscard]] UniqueFd connect_to(const Endpoint& endpoint, const ServerAddress& address);

// fcntl(F_SETFL, O_NONBLOCK), checked.
void set_nonblocking(int fd);

}  // namespace common
