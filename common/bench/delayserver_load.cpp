// delayserver_load: shows that the delay server holds N concurrent delayed
// connections on one thread. The process forks: the parent runs the server
// (so its peak memory is the server's alone), the child opens N connections,
// each sending `GET /{delay}/...` with `Connection: close`, and reads every
// response. Prints a table; exits non-zero if any request went unanswered.
#include <poll.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <asio.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "common/cli.hpp"
#include "common/syscall.hpp"
#include "delayserver/embedded.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using asio::ip::tcp;

struct ClientResult {
  std::uint64_t answered = 0;
  std::uint64_t failed = 0;
  std::int64_t wall_ms = 0;   // first connect to last response
  std::int64_t connect_ms = 0;  // until every connection was established
};

// One client connection: connect, write, read to EOF, check the body.
class Client : public std::enable_shared_from_this<Client> {
 public:
  Client(asio::io_context& io, std::string request, std::string expected, ClientResult& result,
         std::function<void()> on_connected)
      : socket_(io), request_(std::move(request)), expected_(std::move(expected)), result_(result),
        on_connected_(std::move(on_connected)) {}

  void start(const tcp::endpoint& endpoint) {
    socket_.async_connect(endpoint, [self = shared_from_this()](std::error_code ec) {
      self->on_connected_();
      if (ec) return self->fail();
      asio::async_write(self->socket_, asio::buffer(self->request_),
                        [self](std::error_code write_ec, std::size_t) {
                          if (write_ec) return self->fail();
                          self->read();
                        });
    });
  }

 private:
  void read() {
    socket_.async_read_some(asio::buffer(chunk_), [self = shared_from_this()](std::error_code ec, std::size_t n) {
      self->response_.append(self->chunk_.data(), n);
      if (!ec) return self->read();
      if (ec != asio::error::eof) return self->fail();
      if (self->response_.starts_with("HTTP/1.1 200 ") && self->response_.ends_with("\r\n\r\n" + self->expected_)) {
        ++self->result_.answered;
      } else {
        self->fail();
      }
    });
  }
  void fail() { ++result_.failed; }

  tcp::socket socket_;
  std::string request_;
  std::string expected_;
  ClientResult& result_;
  std::function<void()> on_connected_;
  std::array<char, 512> chunk_{};
  std::string response_;
};

ClientResult run_clients(std::uint16_t port, int connections, int delay_ms, int connect_window, int ramp_ms) {
  asio::io_context io(1);
  const tcp::endpoint endpoint(asio::ip::address_v4::loopback(), port);
  ClientResult result;
  const auto start = Clock::now();
  int started = 0;
  int connected = 0;
  int allowed = 0;  // connects the ramp permits so far
  // At most `connect_window` connects in flight, so the listen backlog never
  // overflows (an overflow costs a 1 s SYN retransmit and would be measured).
  std::function<void()> start_next = [&] {
    if (started == connections) return;
    const int i = started++;
    const std::string message = "c" + std::to_string(i);
    std::make_shared<Client>(io,
                             "GET /" + std::to_string(delay_ms) + "/" + message +
                                 " HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n",
                             message, result,
                             [&] {
                               if (++connected == connections) {
                                 result.connect_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                                         Clock::now() - start).count();
                               }
                               if (started < allowed) start_next();
                             })
        ->start(endpoint);
  };
  // Connects are also spread over `ramp_ms`: a connect completes in the
  // kernel before the server accepts it, so a window alone cannot keep the
  // accept queue (at most SOMAXCONN, 4096) from overflowing when the server's
  // thread is briefly descheduled, and an overflow costs a 1 s SYN retransmit.
  asio::steady_timer ramp(io);
  std::function<void()> open_more = [&] {
    const auto since = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    const int target = ramp_ms == 0 ? connections
                                    : static_cast<int>(std::min<long long>(
                                          connections, (since + 1) * connections / ramp_ms));
    allowed = std::max(allowed, target);
    while (started < allowed && started - connected < connect_window) start_next();
    if (started < connections) {
      ramp.expires_after(std::chrono::milliseconds(1));
      ramp.async_wait([&](std::error_code) { open_more(); });
    }
  };
  open_more();
  io.run();
  result.wall_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  return result;
}

double mib(long kib) { return static_cast<double>(kib) / 1024.0; }

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"delayserver_load: N concurrent delayed connections against a one-thread delay server"};
  int connections = 10'000;
  int delay_ms = 1000;
  int window = 256;
  int ramp_ms = 250;
  app.add_option("--connections,-n", connections, "concurrent connections")->capture_default_str()->check(common::cli::Range(1, 60'000));
  app.add_option("--delay-ms", delay_ms, "delay each request asks for")->capture_default_str()->check(common::cli::Range(0, 60'000));
  app.add_option("--connect-window", window, "connects in flight at once")->capture_default_str()->check(common::cli::Range(1, 4096));
  app.add_option("--ramp-ms", ramp_ms, "spread the connects over this long (0: as fast as the window allows)")
      ->capture_default_str()
      ->check(common::cli::Range(0, 60'000));
  if (auto status = app.parse(argc, argv)) {
    return *status;
  }

  const auto limit = delayserver::raise_open_file_limit();
  if (limit < static_cast<std::uint64_t>(connections) + 64) {
    std::cerr << "delayserver_load: RLIMIT_NOFILE is " << limit << ", too low for " << connections
              << " connections (raise the hard limit: ulimit -Hn)\n";
    return 1;
  }

  // Fork before any thread exists; the child waits for the server's port.
  int port_pipe[2];
  int result_pipe[2];
  common::check(::pipe(port_pipe), "pipe");
  common::check(::pipe(result_pipe), "pipe");
  const pid_t child = common::check(::fork(), "fork");
  if (child == 0) {
    ::close(port_pipe[1]);
    ::close(result_pipe[0]);
    std::uint16_t port = 0;
    if (::read(port_pipe[0], &port, sizeof port) != sizeof port) _exit(3);
    const ClientResult result = run_clients(port, connections, delay_ms, window, ramp_ms);
    if (::write(result_pipe[1], &result, sizeof result) != sizeof result) _exit(3);
    _exit(0);
  }
  ::close(port_pipe[0]);
  ::close(result_pipe[1]);

  ClientResult result;
  std::uint64_t server_requests = 0;
  std::uint64_t most_waiting = 0;
  {
    delayserver::EmbeddedServer server;  // quiet, 127.0.0.1, ephemeral port
    const std::uint16_t port = server.port();
    common::check(::write(port_pipe[1], &port, sizeof port), "write(port)");
    // While the clients run, sample how many requests wait at once.
    pollfd done{result_pipe[0], POLLIN, 0};
    while (common::check(::poll(&done, 1, 1), "poll") == 0) {
      most_waiting = std::max<std::uint64_t>(most_waiting, server.stats().pending_delays);
    }
    const ssize_t n = ::read(result_pipe[0], &result, sizeof result);
    if (n != sizeof result) {
      std::cerr << "delayserver_load: the client process failed\n";
      return 1;
    }
    server_requests = server.stats().requests;
  }
  int status = 0;
  common::check(::waitpid(child, &status, 0), "waitpid");

  rusage self{};
  rusage children{};
  common::check(::getrusage(RUSAGE_SELF, &self), "getrusage(SELF)");
  common::check(::getrusage(RUSAGE_CHILDREN, &children), "getrusage(CHILDREN)");

  std::printf("delay server under load: %d connections, each GET /%d/..., server on one thread\n\n", connections,
              delay_ms);
  std::printf("| measure                                   | value        |\n");
  std::printf("|-------------------------------------------|--------------|\n");
  const std::string correct = std::to_string(result.answered) + "/" + std::to_string(connections);
  std::printf("| responses correct                         | %12s |\n", correct.c_str());
  std::printf("| requests the server received              | %12llu |\n", static_cast<unsigned long long>(server_requests));
  std::printf("| most requests waiting at once (sampled)   | %12llu |\n", static_cast<unsigned long long>(most_waiting));
  std::printf("| all connected after                       | %9lld ms |\n", static_cast<long long>(result.connect_ms));
  std::printf("| wall time, first connect to last response | %9lld ms |\n", static_cast<long long>(result.wall_ms));
  std::printf("| server process peak RSS                   | %8.1f MiB |\n", mib(self.ru_maxrss));
  std::printf("| server peak RSS per connection            | %8.1f KiB |\n",
              static_cast<double>(self.ru_maxrss) / connections);
  std::printf("| server CPU time (user + system)           | %9.0f ms |\n",
              (static_cast<double>(self.ru_utime.tv_sec + self.ru_stime.tv_sec) * 1e3 +
               static_cast<double>(self.ru_utime.tv_usec + self.ru_stime.tv_usec) / 1e3));
  std::printf("| client process peak RSS                   | %8.1f MiB |\n", mib(children.ru_maxrss));
  const bool ok = result.answered == static_cast<std::uint64_t>(connections) && WIFEXITED(status) &&
                  WEXITSTATUS(status) == 0;
  if (!ok) std::printf("\nFAILED: %llu requests went unanswered\n", static_cast<unsigned long long>(result.failed));
  return ok ? 0 : 1;
}
