// a-busy-poll: one HTTP GET future, polled by hand.
//
// main() is the stand-in executor: it polls the future, and while the answer
// is NotReady it "schedules other tasks" (prints a line and sleeps a moment)
// before polling again. Nothing happens until the first poll: the future is
// created, left alone for --idle-ms (watch the delay server: it logs nothing),
// and only the first poll connects and sends the request.
#include <chrono>
#include <iostream>
#include <string>
#include <thread>

#include "common/cost_meter.hpp"
#include "common/demo.hpp"
#include "common/http.hpp"
#include "http.hpp"

int main(int argc, char** argv) {
  common::cli::App app{"a-busy-poll: poll one HTTP GET future in a loop, doing other work between polls"};
  common::ServerAddress server;
  common::add_server_option(app, server);
  int delay_ms = 1000;
  app.add_option("--delay-ms", delay_ms, "how long the server waits before it answers")
      ->check(common::cli::Range(0, 60'000))
      ->capture_default_str();
  std::string message = "HelloAsyncWorld";
  app.add_option("--message", message, "the text the server sends back (goes into the URL: %20 for a space)")
      ->check([](const std::string& m) { return m.empty() ? "must not be empty" : ""; })
      ->capture_default_str();
  int sleep_ms = 100;
  app.add_option("--sleep-ms", sleep_ms, "pause between polls: the other work this thread would do")
      ->check(common::cli::Range(0, 10'000))
      ->capture_default_str();
  int idle_ms = 500;
  app.add_option("--idle-ms", idle_ms, "wait this long after creating the future before the first poll")
      ->check(common::cli::Range(0, 10'000))
      ->capture_default_str();

  return common::run_demo(app, argc, argv, [&] {
    async::Http::set_server(server);
    common::CostMeter meter;
    const auto stamp = [&] { return "[" + std::to_string(meter.elapsed().count()) + " ms] "; };

    auto future = async::Http::get("/" + std::to_string(delay_ms) + "/" + message);
    std::cout << stamp() << "future created: no connection yet, nothing sent\n";
    std::this_thread::sleep_for(std::chrono::milliseconds(idle_ms));

    long long polls = 0;
    for (;;) {
      ++polls;
      auto state = future->poll();
      if (state.is_ready()) {
        std::cout << stamp() << "poll " << polls << ": Ready\n\n" << std::move(state).value() << "\n\n";
        break;
      }
      std::cout << stamp() << "poll " << polls << ": NotReady"
                << (polls == 1 ? " (connected, GET sent)" : "") << " -> schedule other tasks\n";
      std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
    }
    std::cout << meter.report(polls) << "\n";
  });
}
