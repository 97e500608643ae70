// c-io-uring: a-epoll's workload on a completion queue. The same N delayed
// GETs, but every step (socket, connect, send, receive, close) is an
// operation handed to the kernel through io_uring's shared rings, and the
// loop sleeps until operations complete instead of until sockets are ready.
// Beyond the book, which describes completion queues but builds only epoll.
//
//   ./c-io-uring                      # 5 requests, delays 5000, 4000, ... 1000 ms
//   ./c-io-uring --requests 3 --base-delay-ms 200 --server 127.0.0.1:8080
#include <iostream>

#include "common/demo.hpp"
#include "uring_requests.hpp"

int main(int argc, char** argv) {
  common::cli::App app{
      "c-io-uring: send N delayed GETs through io_uring and reap their completions.\n"
      "Request i asks for a delay of (N - i) * base; responses arrive in reverse order, and\n"
      "one io_uring_enter submits many operations and waits for the next completion."};
  common::ServerAddress server;
  common::add_server_option(app, server);
  ch01::UringOptions options;
  app.add_option("--requests", options.requests, "number of requests, N (0: set up the ring and stop)")
      ->check(common::cli::Range(0, 10'000))
      ->capture_default_str();
  int base_delay_ms = 1000;
  app.add_option("--base-delay-ms", base_delay_ms, "delay step in milliseconds: request i waits (N - i) * this")
      ->check(common::cli::Range(0, 60'000))
      ->capture_default_str();
  app.add_option("--entries", options.entries, "submission queue slots (the completion queue gets twice as many)")
      ->check(common::cli::Range(4, 4096))
      ->capture_default_str();
  app.add_flag("--raw", options.raw, "print each whole HTTP response");
  bool quiet = false;
  app.add_flag("--quiet", quiet, "print only the summary line (for counting system calls)");

  // Where the kernel refuses io_uring, uring::Unavailable says so in one line
  // ("error: io_uring is not available: ...") and the status is 1.
  return common::run_demo(app, argc, argv, [&] {
    options.base_delay = std::chrono::milliseconds(base_delay_ms);
    common::Timeline timeline;
    std::ostream null_stream(nullptr);
    std::ostream& out = quiet ? null_stream : std::cout;
    const auto report = ch01::run_uring_requests(server, options, ch01::Output{out, timeline, options.raw});
    std::cout << "FINISHED: " << report.completion_order.size() << " responses; " << report.enters
              << " io_uring_enter calls for " << report.completions << " completions ("
              << report.receives << " receives with data)";
    if (report.socket_fallbacks > 0) std::cout << "; " << report.socket_fallbacks << " socket(2) fallbacks";
    std::cout << "\n";
    if (!quiet) {
      std::cout << "\n";
      timeline.print(std::cout);
    }
  });
}
