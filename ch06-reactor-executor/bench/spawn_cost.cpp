// spawn_cost: what a task costs the executor, in ns: spawning it (the map
// insert and the ready-queue push) and running it (one poll, Ready, the
// task destroyed), for a boxed future and for a C++20 coroutine Task.
#include <chrono>
#include <cstdio>


#include "common/cli.hpp"
#include "executor.hpp"
#include "ready.hpp"
#include "task.hpp"

namespace {

using Clock = std::chrono::steady_clock;

async::Task<void> nothing() { co_return; }

double ns_per(Clock::duration d, int n) { return std::chrono::duration<double, std::nano>(d).count() / n; }

template <class Make>
void measure(const char* what, int tasks, Make make) {
  async::Executor executor;
  const auto t0 = Clock::now();
  for (int i = 0; i < tasks; ++i) executor.spawn(make());
  const auto t1 = Clock::now();
  executor.block_on(async::ready());  // runs every task spawned above, then this one
  const auto t2 = Clock::now();
  std::printf("| %-34s | %9d | %10.0f | %10.0f | %10.0f |\n", what, tasks, ns_per(t1 - t0, tasks), ns_per(t2 - t1, tasks),
              ns_per(t2 - t0, tasks));
}

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"spawn_cost: ns per task to spawn and to run to completion on one executor"};
  int tasks = 1'000'000;
  int rounds = 3;
  app.add_option("--tasks", tasks, "tasks per round")->capture_default_str()->check(common::cli::Range(1, 100'000'000));
  app.add_option("--rounds", rounds, "rounds of each")->capture_default_str()->check(common::cli::Range(1, 100));
  if (auto status = app.parse(argc, argv)) {
    return *status;
  }

  std::printf("| task                               | tasks     | spawn ns   | run ns     | total ns   |\n");
  std::printf("|------------------------------------|-----------|------------|------------|------------|\n");
  for (int r = 0; r < rounds; ++r) {
    measure("ready() (a boxed Future<void>)", tasks, [] { return async::ready(); });
    measure("Task<void> coroutine (boxed frame)", tasks, [] { return async::boxed(nothing()); });
  }
  return 0;
}
