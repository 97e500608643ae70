// A small blocking HTTP client for tests: bounded by a timeout, never hangs.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "common/fd.hpp"
#include "common/http.hpp"
#include "common/server_address.hpp"

namespace testing {

using namespace std::chrono_literals;

// A blocking TCP connection to 127.0.0.1:port whose reads and writes give up
// after `timeout` (SO_RCVTIMEO/SO_SNDTIMEO).
[[nodiscard]] common::UniqueFd connect_loopback(std::uint16_t port, std::chrono::milliseconds timeout = 10s);

// Writes all of `bytes`; throws std::system_error on failure.
void send_all(int fd, std::string_view bytes);

// Reads until EOF or until `timeout` passes without data (then throws
// std::runtime_error). A reset connection ends the read like EOF does, after
// whatever arrived before it.
[[nodiscard]] std::string read_to_end(int fd);

// Reads exactly one response (head plus Content-Length bytes) from a
// keep-alive connection; `pending` keeps bytes that belong to the next one.
[[nodiscard]] common::HttpResponse read_one_response(int fd, std::string& pending);

// Sends `raw` on a new connection and returns everything the server sent
// back until it closed the connection.
[[nodiscard]] std::string exchange(std::uint16_t port, std::string_view raw, std::chrono::milliseconds timeout = 10s);

// A loopback port with no listener: bound to port 0, read back, closed again.
// Connecting to it is refused (unless another program grabs it meanwhile).
[[nodiscard]] std::uint16_t unused_loopback_port();

// GET `path` with `Connection: close`, split into status, headers and body.
[[nodiscard]] common::HttpResponse fetch(const common::ServerAddress& address, std::string_view path);

}  // namespace testing
