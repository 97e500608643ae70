#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "executor.hpp"
#include "task.hpp"
#include "yield_now.hpp"

namespace {

async::Task<void> worker(char name, int steps, std::string* log) {
  for (int i = 0; i < steps; ++i) {
    *log += name;
    co_await exercise::yield_now();
  }
}

async::Task<void> two_workers(std::string* log) {
  async::spawn(worker('a', 3, log));
  async::spawn(worker('b', 3, log));
  co_return;
}

}  // namespace

TEST_SUITE("ch06/exercise 01: yield_now") {
  TEST_CASE("two tasks that yield after every step take turns") {
    async::Executor executor;
    std::string log;
    executor.block_on(async::boxed(two_workers(&log)));
    CHECK(log == "ababab");
  }

  TEST_CASE("yield_now is NotReady once and wakes its task once and is then Ready") {
    async::Executor executor;
    executor.block_on(exercise::yield_now());
    CHECK(executor.stats().polls == 2);
    CHECK(executor.wakes() == 2);  // block_on's spawn, then the yield's own wake
    CHECK(executor.stats().parks == 0);  // it never waited for anything
    CHECK(executor.stats().stale == 0);  // no wake for a task already finished
  }
}
