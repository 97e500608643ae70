// a-coroutine: a coroutine written by hand as a state machine.
//
// The function in coroutine.hpp prints a line, waits for one GET, prints the
// response, waits for a second GET and prints that. Coroutine is that
// function cut at its waits into states (Start, Wait1, Wait2, Resolved).
// main() is our chapter 3's stand-in executor: it polls, and while the answer is
// NotReady it "schedules other tasks" (prints and pauses) and polls again.
// Each line shows the state the coroutine is in after the poll.
#include <chrono>
#include <iostream>
#include <string>
#include <thread>

#include "common/demo.hpp"
#include "coroutine.hpp"
#include "http.hpp"

int main(int argc, char** argv) {
  common::cli::App app{"a-coroutine: a state machine written by hand, polled until it is Ready"};
  common::ServerAddress server;
  common::add_server_option(app, server);
  int first_ms = 600;
  app.add_option("--first-delay-ms", first_ms, "delay of the first GET")->check(common::cli::Range(0, 60'000))->capture_default_str();
  int second_ms = 400;
  app.add_option("--second-delay-ms", second_ms, "delay of the second GET")->check(common::cli::Range(0, 60'000))->capture_default_str();
  int sleep_ms = 100;
  app.add_option("--sleep-ms", sleep_ms, "pause between polls: the other work this thread would do")
      ->check(common::cli::Range(0, 10'000))
      ->capture_default_str();

  return common::run_demo(app, argc, argv, [&] {
    async::Http::set_server(server);
    example::Coroutine coroutine(std::cout, "/" + std::to_string(first_ms) + "/HelloWorld1",
                                 "/" + std::to_string(second_ms) + "/HelloWorld2");
    std::cout << "[state " << coroutine.state_name() << "] created: nothing has run yet\n";
    for (int polls = 1;; ++polls) {
      const bool ready = coroutine.poll().is_ready();
      std::cout << "[state " << coroutine.state_name() << "] poll " << polls << ": "
                << (ready ? "Ready" : "NotReady -> schedule other tasks") << "\n";
      if (ready) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
    }
  });
}
