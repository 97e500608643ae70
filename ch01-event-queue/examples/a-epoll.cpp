// a-epoll: book ch. 4's demo. N GETs with decreasing delays go out
// on non-blocking sockets; one thread waits for all of them in epoll_wait and
// prints each response as it arrives: last sent, first back.
//
//   ./a-epoll                      # 5 requests, delays 5000, 4000, ... 1000 ms
//   ./a-epoll --requests 3 --base-delay-ms 200 --server 127.0.0.1:8080
//   ./a-epoll --svg run.svg        # also draw the run: rows, reads, sleeps
#include <iostream>

#include "common/demo.hpp"
#include "requests.hpp"

int main(int argc, char** argv) {
  common::cli::App app{
      "a-epoll: send N delayed GETs on non-blocking sockets and wait for all of them with epoll.\n"
      "Request i asks for a delay of (N - i) * base; responses arrive in reverse order and the\n"
      "whole run takes about the longest delay, not the sum."};
  common::ServerAddress server;
  common::add_server_option(app, server);
  ch01::RequestsOptions options;
  app.add_option("--requests", options.requests, "number of requests, N (0: set up the queue and stop)")
      ->check(common::cli::Range(0, 10'000))
      ->capture_default_str();
  int base_delay_ms = 1000;
  app.add_option("--base-delay-ms", base_delay_ms, "delay step in milliseconds: request i waits (N - i) * this")
      ->check(common::cli::Range(0, 60'000))
      ->capture_default_str();
  app.add_option("--capacity", options.events_capacity, "events one epoll_wait may return (Events capacity)")
      ->check(common::cli::Range(1, 1024))
      ->capture_default_str();
  app.add_flag("--raw", options.raw, "print each whole HTTP response, as the book does");
  common::SvgFile svg;
  common::add_svg_option(app, svg);

  return common::run_demo(app, argc, argv, [&] {
    options.base_delay = std::chrono::milliseconds(base_delay_ms);
    common::Timeline timeline;
    timeline.record_events(svg.wanted());
    const auto report = ch01::run_requests(server, options, ch01::Output{std::cout, timeline, options.raw});
    std::cout << "FINISHED: " << report.completion_order.size() << " responses; " << report.polls
              << " wakeups with events, " << report.empty_polls << " without; " << report.repeated_eofs
              << " repeated EOFs (false wakeups)\n\n";
    timeline.print(std::cout);
    svg.write(timeline, {"ch01 a-epoll: " + std::to_string(options.requests) +
                             " GETs on non-blocking sockets, one thread waiting in epoll_wait",
                         std::to_string(report.polls) + " wakeups with events; a tick is a socket read, a grey "
                                                        "stretch the thread asleep in epoll_wait",
                         "socket read"});
  });
}
