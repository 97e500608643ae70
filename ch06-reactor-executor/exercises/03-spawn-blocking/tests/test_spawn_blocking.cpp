#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "executor.hpp"
#include "runtime.hpp"
#include "spawn_blocking.hpp"
#include "task.hpp"
#include "timer.hpp"

using namespace std::chrono_literals;

namespace {

async::Task<void> compute(int* result, bool* done) {
  *result = co_await exercise::spawn_blocking<int>([] {
    std::this_thread::sleep_for(20ms);  // stands in for blocking work (the test does not synchronise with it)
    return 6 * 7;
  });
  *done = true;
}

}  // namespace

TEST_SUITE("ch06/exercise 03: spawn_blocking") {
  TEST_CASE("a value computed on another thread wakes the task that waits for it") {
    async::Runtime runtime;  // the watchdog's timer needs the reactor
    int result = 0;
    bool done = false;
    // A deadline: if the task is never woken the executor would park for
    // ever, so this task looks every 10 ms for 3 s and then ends block_on
    // with an error. It only runs out when the answer is wrong.
    auto check_early = [&]() -> async::Task<void> {
      async::spawn(compute(&result, &done));
      for (int i = 0; i < 300 && !done; ++i) co_await async::sleep(10ms);
      if (!done) throw std::runtime_error("spawn_blocking's task was never woken (3 s)");
    };
    runtime.block_on(async::boxed(check_early()));
    CHECK(result == 42);
  }
}
