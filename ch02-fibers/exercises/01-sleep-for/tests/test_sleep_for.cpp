#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "runtime.hpp"
#include "sleep_for.hpp"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {
fibers::RuntimeOptions options(std::size_t fibers) { return {.max_threads = fibers + 1, .stack_size = 256 * 1024}; }
}  // namespace

TEST_SUITE("ch02/exercise/01-sleep-for") {
  TEST_CASE("a fiber that sleeps 50 ms resumes no earlier than 50 ms later") {
    fibers::Runtime runtime(options(1));
    Clock::duration slept{};
    runtime.spawn([&] {
      const auto start = Clock::now();
      exercise::sleep_for(50ms);
      slept = Clock::now() - start;
    });
    runtime.run();
    CHECK(slept >= 50ms);
  }

  TEST_CASE("the other fibers keep running while one sleeps") {
    fibers::Runtime runtime(options(2));
    bool sleeper_done = false;
    long steps_meanwhile = 0;
    runtime.spawn([&] {
      exercise::sleep_for(30ms);
      sleeper_done = true;
    });
    runtime.spawn([&] {
      const auto give_up = Clock::now() + 10s;  // bounded, whatever sleep_for does
      while (!sleeper_done && Clock::now() < give_up) {
        ++steps_meanwhile;
        fibers::yield_thread();
      }
    });
    runtime.run();
    CHECK(sleeper_done);
    CHECK(steps_meanwhile > 10);  // a 30 ms sleep leaves time for many more steps than that
  }

  TEST_CASE("sleepers wake in the order of their deadlines, not of their spawns") {
    fibers::Runtime runtime(options(3));
    std::vector<int> woke;
    for (int ms : {60, 20, 40}) {
      runtime.spawn([&woke, ms] {
        exercise::sleep_for(std::chrono::milliseconds(ms));
        woke.push_back(ms);
      });
    }
    runtime.run();
    CHECK(woke == std::vector<int>{20, 40, 60});
  }

  TEST_CASE("sleep_for(0) still lets the other fibers take a turn") {
    fibers::Runtime runtime(options(2));
    std::vector<std::string> log;
    runtime.spawn([&] {
      log.push_back("a before");
      exercise::sleep_for(0ms);
      log.push_back("a after");
    });
    runtime.spawn([&] { log.push_back("b"); });
    runtime.run();
    CHECK(log == std::vector<std::string>{"a before", "b", "a after"});
  }

  TEST_CASE("sleeping on slot 0 with no fiber to run still waits") {
    fibers::Runtime runtime(options(1));
    const auto start = Clock::now();
    exercise::sleep_for(20ms);
    CHECK(Clock::now() - start >= 20ms);
  }
}
