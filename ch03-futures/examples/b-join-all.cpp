// b-join-all: several GETs joined into one future and busy-polled.
//
// The requests have different delays (the first waits longest) and run at
// the same time: join_all polls each unfinished one on every poll. The loop
// in main() polls join_all as fast as it can (or sleeps --sleep-ms between
// polls), then prints the responses in order, the timeline of the requests,
// and what the waiting cost: the poll count and the CPU time. With no sleep,
// CPU time is about the wall time: one core spinning on "NotReady". Our chapter 5
// replaces this loop with one that sleeps in epoll_wait until there is news.
// With --svg FILE it also draws the run: the polls of each GET as ticks (a
// solid band when spinning) and the main thread, which never sleeps.
#include <chrono>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "common/cost_meter.hpp"
#include "common/demo.hpp"
#include "common/http.hpp"
#include "common/timeline.hpp"
#include "http.hpp"
#include "join_all.hpp"
#include "timed_future.hpp"

int main(int argc, char** argv) {
  common::cli::App app{"b-join-all: join several HTTP GET futures and busy-poll them to completion"};
  common::ServerAddress server;
  common::add_server_option(app, server);
  int requests = 5;
  app.add_option("--requests", requests, "how many GETs to join")->check(common::cli::Range(1, 1000))->capture_default_str();
  int step_ms = 300;
  app.add_option("--step-ms", step_ms, "request i waits (requests - i) * step-ms")
      ->check(common::cli::Range(0, 10'000))
      ->capture_default_str();
  int sleep_ms = 0;
  app.add_option("--sleep-ms", sleep_ms, "pause between polls (0: spin)")
      ->check(common::cli::Range(0, 10'000))
      ->capture_default_str();
  common::SvgFile svg;
  common::add_svg_option(app, svg);

  return common::run_demo(app, argc, argv, [&] {
    async::Http::set_server(server);
    common::Timeline timeline;
    timeline.record_events(svg.wanted());
    const std::size_t lane = timeline.add_lane("main thread");
    std::vector<async::FuturePtr<std::string>> gets;
    for (int i = 0; i < requests; ++i) {
      const std::string path = "/" + std::to_string((requests - i) * step_ms) + "/request-" + std::to_string(i);
      gets.push_back(example::timed(async::Http::get(path), path, timeline));
    }
    auto all = async::join_all(std::move(gets));
    std::cout << requests << " GETs joined; polling " << (sleep_ms == 0 ? "in a tight loop" : "with a pause")
              << "\n";

    common::CostMeter meter;
    long long polls = 0;
    for (;;) {
      ++polls;
      auto state = all->poll();
      if (state.is_ready()) {
        std::cout << "\nresponses, in the order they were joined:\n";
        for (const auto& raw : std::move(state).value()) {
          const auto response = common::split_response(raw);
          std::cout << "  " << response.status << " " << response.reason << ": " << response.body << "\n";
        }
        break;
      }
      if (sleep_ms > 0) {
        timeline.park(lane);
        std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
        timeline.unpark(lane);
        timeline.wake(lane, common::WakeSource::itself);  // its own timer, not news
      }
    }
    std::cout << "\n";
    timeline.print(std::cout);
    const std::string cost = meter.report(polls);
    std::cout << cost << "\n";
    svg.write(timeline, {"ch03 b-join-all: " + std::to_string(requests) + " GETs joined and polled " +
                             (sleep_ms == 0 ? "in a tight loop" : "every " + std::to_string(sleep_ms) + " ms"),
                         cost});
  });
}
