// The delay server: `GET /{delay_ms}/{message}` answered with the message
// after delay_ms milliseconds. One thread, one asio::io_context, a timer per
// waiting request (never a thread per request), so it holds thousands of
// delayed connections at once.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>

#include "request.hpp"

namespace asio {
class io_context;
}

namespace delayserver {

struct Options {
  std::string bind = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: the kernel picks a free port
  Limits limits;
  // A client must send a whole request head within this time after it
  // connects (or after its previous response): a slow or idle client is
  // disconnected rather than held forever.
  std::chrono::milliseconds request_timeout{10'000};
  bool quiet = false;
  std::ostream* log = nullptr;  // nullptr: std::cout
};

// Counters that tests and the benchmark read from another thread.
struct Stats {
  std::atomic<std::uint64_t> requests{0};      // valid requests received
  std::atomic<std::uint64_t> responses{0};     // 200 responses written
  std::atomic<std::uint64_t> rejections{0};    // error statuses written
  std::atomic<std::uint64_t> pending_delays{0};  // requests waiting for their delay
  std::atomic<std::uint64_t> open_connections{0};
};

class Server {
 public:
  // Binds and listens at once (throws std::system_error on failure, e.g. the
  // port is in use); serves once `io` runs.
  Server(asio::io_context& io, Options options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  [[nodiscard]] std::uint16_t port() const;
  [[nodiscard]] const Stats& stats() const;

  // Stops accepting and closes every connection. Call it on the thread that
  // runs `io`, or when `io` is not running.
  void stop();

  struct Impl;  // defined in server.cpp, where the connections can see it

 private:
  // Shared with every connection and pending handler, so a Server destroyed
  // before its io_context leaves nothing dangling.
  std::shared_ptr<Impl> impl_;
  std::uint16_t port_ = 0;
};

// Raises RLIMIT_NOFILE's soft limit to its hard limit, so one process can hold
// as many sockets as it is allowed. Returns the new soft limit.
std::uint64_t raise_open_file_limit();

}  // namespace delayserver
