// wait_cost: what waiting costs, our chapter 3's way against this chapter's.
//
// The same workload each time: --requests GETs to an in-process delay
// server, their delays spread evenly up to --delay-ms, joined. Three ways to
// drive the join to completion:
//   spin         our chapter 3's loop: poll again at once after NotReady
//   sleep 10 ms  our chapter 3's loop with a pause: cheap, but late by up to a pause
//   block_on     this chapter: sleep in epoll_wait until a socket has news
// For each it prints the polls of the join, the polls of the GETs inside it
// (join_all polls every unfinished GET each time it is polled), the epoll
// waits, the polling thread's CPU time, and how late the join finished after
// the longest delay.
// The busy loops are re-made here over this chapter's futures, which need a
// Runtime to register with even when nobody sleeps on it (the coupling).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "common/cli.hpp"
#include "common/cost_meter.hpp"
#include "delayserver/embedded.hpp"
#include "http.hpp"
#include "join_all.hpp"
#include "runtime.hpp"

namespace {

struct Row {
  long long polls = 0;
  long long leaf_polls = 0;
  long long waits = 0;
  common::CostMeter::Cost cost{};
};

// A GET that counts its polls in a shared counter.
class CountedGet final : public async::Future<std::string> {
 public:
  CountedGet(async::FuturePtr<std::string> inner, long long& polls) : inner_(std::move(inner)), polls_(polls) {}
  async::PollState<std::string> poll() override {
    ++polls_;
    return inner_->poll();
  }

 private:
  async::FuturePtr<std::string> inner_;
  long long& polls_;
};

async::FuturePtr<std::vector<std::string>> workload(int requests, int delay_ms, long long& leaf_polls) {
  std::vector<async::FuturePtr<std::string>> gets;
  for (int i = 0; i < requests; ++i) {
    auto get = async::Http::get("/" + std::to_string(delay_ms * (i + 1) / requests) + "/r" + std::to_string(i));
    gets.push_back(std::make_unique<CountedGet>(std::move(get), leaf_polls));
  }
  return async::join_all(std::move(gets));
}

// Our chapter 3's loop. pause 0: spin.
Row busy_poll(int requests, int delay_ms, std::chrono::milliseconds pause) {
  async::Runtime runtime;  // only so that the GETs have a registry to register with
  Row row;
  auto all = workload(requests, delay_ms, row.leaf_polls);
  common::CostMeter meter(RUSAGE_THREAD);  // this thread: the server's thread is not ours to count
  for (;;) {
    ++row.polls;
    if (all->poll().is_ready()) break;
    if (pause.count() > 0) std::this_thread::sleep_for(pause);
  }
  row.cost = meter.measure();
  return row;
}

Row run_block_on(int requests, int delay_ms) {
  async::Runtime runtime;
  Row row;
  auto all = workload(requests, delay_ms, row.leaf_polls);
  common::CostMeter meter(RUSAGE_THREAD);
  runtime.block_on(std::move(all));
  row.cost = meter.measure();
  row.polls = runtime.stats().polls;
  row.waits = runtime.stats().waits;
  return row;
}

void print(const char* label, const Row& row, int delay_ms, bool sleeps_in_epoll) {
  const std::string waits = sleeps_in_epoll ? std::to_string(row.waits) : "-";
  std::printf("%-13s %10lld %11lld %7s %8.0f %8.1f %8.1f %7.1f %8.0f\n", label, row.polls, row.leaf_polls, waits.c_str(), row.cost.wall_ms,
              row.cost.user_ms, row.cost.system_ms, row.cost.core_share(), row.cost.wall_ms - delay_ms);
}

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"wait_cost: polls and CPU time while waiting, busy polling (ch03) against Runtime::block_on (ch05)"};
  std::vector<int> request_counts{5, 100, 1000};
  app.add_option("--requests", request_counts, "GETs joined, one table section per count")
      ->check(common::cli::Range(1, 1000))
      ->capture_default_str();
  // Not a multiple of the pause, so a sleeping loop wakes up between answers.
  int delay_ms = 1050;
  app.add_option("--delay-ms", delay_ms, "the longest request's delay")
      ->check(common::cli::Range(1, 10'000))
      ->capture_default_str();
  if (auto status = app.parse(argc, argv)) {
    return *status;
  }

  delayserver::EmbeddedServer server;
  async::Http::set_server(server.address());
  std::printf("longest delay %d ms, delays spread evenly, delay server in-process on %s\n",
              delay_ms, server.address().to_string().c_str());
  std::printf("CPU time is the polling thread's (getrusage RUSAGE_THREAD)\n\n");
  std::printf("%-13s %10s %11s %7s %8s %8s %8s %7s %8s\n", "how", "polls", "GET polls", "waits", "wall ms",
              "user ms", "sys ms", "core %", "late ms");
  for (int requests : request_counts) {
    std::printf("-- %d GETs\n", requests);
    print("spin", busy_poll(requests, delay_ms, std::chrono::milliseconds(0)), delay_ms, false);
    print("sleep 10 ms", busy_poll(requests, delay_ms, std::chrono::milliseconds(10)), delay_ms, false);
    print("block_on", run_block_on(requests, delay_ms), delay_ms, true);
  }
  return 0;
}
