// busy_poll_cost: what waiting costs when the only way to learn that a future
// has progressed is to poll it again.
//
// Joins --requests GETs to an in-process delay server (the longest waits
// --delay-ms) and polls the join to completion, once per pause length:
// spinning (no pause), then sleeping 1, 10 and 100 ms between polls. For each
// it prints the polls, the polling thread's CPU time, and how late the join
// finished after the longest delay. Spinning burns a core to be on time;
// sleeping saves the core and is late by up to one pause. Our chapter 5 gets
// both: sleep in epoll_wait until a socket is ready.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "common/cli.hpp"
#include "common/cost_meter.hpp"
#include "delayserver/embedded.hpp"
#include "http.hpp"
#include "join_all.hpp"

namespace {

struct Row {
  long long polls = 0;
  common::CostMeter::Cost cost{};
};

Row run(int requests, int delay_ms, std::chrono::milliseconds pause) {
  std::vector<async::FuturePtr<std::string>> gets;
  for (int i = 0; i < requests; ++i) {
    gets.push_back(async::Http::get("/" + std::to_string(delay_ms * (i + 1) / requests) + "/r" + std::to_string(i)));
  }
  auto all = async::join_all(std::move(gets));
  common::CostMeter meter(RUSAGE_THREAD);  // this thread: the server's thread is not ours to count
  Row row;
  for (;;) {
    ++row.polls;
    if (all->poll().is_ready()) break;
    if (pause.count() > 0) std::this_thread::sleep_for(pause);
  }
  row.cost = meter.measure();
  return row;
}

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"busy_poll_cost: polls, CPU time and lateness of a polled join, by pause between polls"};
  int requests = 5;
  app.add_option("--requests", requests, "GETs joined")->check(common::cli::Range(1, 500))->capture_default_str();
  // Not a multiple of the pauses, so a sleeping loop wakes up between answers.
  int delay_ms = 1050;
  app.add_option("--delay-ms", delay_ms, "the longest request's delay")
      ->check(common::cli::Range(1, 10'000))
      ->capture_default_str();
  if (auto status = app.parse(argc, argv)) {
    return *status;
  }

  delayserver::EmbeddedServer server;
  async::Http::set_server(server.address());

  std::printf("%d GETs, longest delay %d ms, delay server in-process on %s\n\n", requests, delay_ms,
              server.address().to_string().c_str());
  std::printf("%-14s %10s %9s %9s %9s %8s %8s\n", "between polls", "polls", "wall ms", "user ms", "sys ms",
              "core %", "late ms");
  for (int pause_ms : {0, 1, 10, 100}) {
    const Row row = run(requests, delay_ms, std::chrono::milliseconds(pause_ms));
    const std::string label = pause_ms == 0 ? "spin" : "sleep " + std::to_string(pause_ms) + " ms";
    std::printf("%-14s %10lld %9.0f %9.0f %9.0f %8.0f %8.0f\n", label.c_str(), row.polls, row.cost.wall_ms,
                row.cost.user_ms, row.cost.system_ms, row.cost.core_share(), row.cost.wall_ms - delay_ms);
  }
  return 0;
}
