#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "runtime.hpp"
#include "support.hpp"

extern "C" std::uintptr_t stack_pointer_at_call();  // tests/probe_*.S

using fibers::Runtime;
using fibers::State;
using fibers_test::kStackSize;

TEST_SUITE("ch02/runtime") {
  TEST_CASE("two fibers counting to 10 and 15 interleave one step at a time, as in c-fibers") {
    Runtime runtime({.max_threads = 4, .stack_size = kStackSize});
    std::vector<std::string> log;
    auto counter = [&log](int id, int count) {
      return [&log, id, count] {
        for (int i = 0; i < count; ++i) {
          log.push_back(std::to_string(id) + ":" + std::to_string(i));
          fibers::yield_thread();
        }
        log.push_back(std::to_string(id) + " finished");
      };
    };
    runtime.spawn(counter(1, 10));
    runtime.spawn(counter(2, 15));
    runtime.run();

    // Round robin over slots 0 (main), 1, 2: while both count they alternate;
    // then fiber 1 finishes and fiber 2 counts on alone.
    std::vector<std::string> expected;
    for (int i = 0; i < 10; ++i) {
      expected.push_back("1:" + std::to_string(i));
      expected.push_back("2:" + std::to_string(i));
    }
    expected.push_back("1 finished");
    for (int i = 10; i < 15; ++i) expected.push_back("2:" + std::to_string(i));
    expected.push_back("2 finished");
    CHECK(log == expected);
  }

  TEST_CASE("1,000 fibers each yielding 100 times all finish with the right counts") {
    constexpr std::size_t kFibers = 1000;
    constexpr int kYields = 100;
    Runtime runtime({.max_threads = kFibers + 1, .stack_size = 64 * 1024});
    std::vector<int> counts(kFibers, 0);
    std::vector<int> finished;
    for (std::size_t f = 0; f < kFibers; ++f) {
      runtime.spawn([&counts, &finished, f] {
        for (int i = 0; i < kYields; ++i) {
          ++counts[f];
          fibers::yield_thread();
        }
        finished.push_back(static_cast<int>(f));
      });
    }
    runtime.run();
    CHECK(std::count(counts.begin(), counts.end(), kYields) == static_cast<long>(kFibers));
    REQUIRE(finished.size() == kFibers);
    CHECK(std::is_sorted(finished.begin(), finished.end()));  // round robin: they end in spawn order
    // Each of the 101 rounds visits main and all 1,000 fibers: 1,001 switches.
    CHECK(runtime.switches() == 101u * 1001u);
    CHECK(runtime.available() == kFibers);
  }

  TEST_CASE("run returns at once when nothing was spawned") {
    Runtime runtime({.max_threads = 2, .stack_size = kStackSize});
    runtime.run();
    CHECK(runtime.switches() == 0);
    CHECK(runtime.t_yield() == false);
  }

  TEST_CASE("a slot goes Available -> Ready -> Running -> Ready -> Available") {
    Runtime runtime({.max_threads = 2, .stack_size = kStackSize});
    std::vector<std::string> seen;
    CHECK(runtime.state(1) == State::Available);
    runtime.spawn([&] {
      seen.push_back(to_string(runtime.state(1)));
      seen.push_back(to_string(runtime.state(0)));
      fibers::yield_thread();
    });
    CHECK(runtime.state(1) == State::Ready);
    CHECK(runtime.state(0) == State::Running);
    fibers::yield_thread();  // run the fiber up to its yield
    CHECK(runtime.state(1) == State::Ready);
    runtime.run();
    CHECK(runtime.state(1) == State::Available);
    CHECK(seen == std::vector<std::string>{"Running", "Ready"});
  }

  TEST_CASE("returning from a fiber lands in guard, which frees its slot for the next spawn") {
    Runtime runtime({.max_threads = 2, .stack_size = kStackSize});
    int runs = 0;
    for (int round = 0; round < 3; ++round) {
      runtime.spawn([&] { ++runs; });  // one fiber slot: only possible if the last one was freed
      CHECK(runtime.available() == 0);
      runtime.run();
      CHECK(runtime.available() == 1);
    }
    CHECK(runs == 3);
  }

  TEST_CASE("a fiber runs on its own stack, not on the main thread's") {
    Runtime runtime({.max_threads = 2, .stack_size = kStackSize});
    std::span<std::byte> stack;
    runtime.on_spawn([&](const fibers::FiberInfo& info) { stack = info.stack; });
    std::uintptr_t sp = 0;
    runtime.spawn([&] { sp = stack_pointer_at_call(); });
    runtime.run();
    const auto bottom = reinterpret_cast<std::uintptr_t>(stack.data());
    CHECK(sp >= bottom);
    CHECK(sp < bottom + stack.size());
  }

  TEST_CASE("fibers get unique ids, and ids are not reused with their slots") {
    Runtime runtime({.max_threads = 3, .stack_size = kStackSize});
    std::vector<std::uint64_t> ids;
    CHECK(fibers::current_fiber_id() == 0);
    for (int round = 0; round < 2; ++round) {
      runtime.spawn([&] { ids.push_back(fibers::current_fiber_id()); });
      runtime.spawn([&] { ids.push_back(fibers::current_fiber_id()); });
      runtime.run();
    }
    CHECK(ids == std::vector<std::uint64_t>{1, 2, 3, 4});
  }

  TEST_CASE("on_finish runs after the fiber has returned, on the next context, with its id and slot") {
    Runtime runtime({.max_threads = 3, .stack_size = kStackSize});
    std::vector<std::string> log;
    runtime.on_finish([&](const fibers::FiberInfo& info) {
      log.push_back("finished " + std::to_string(info.id) + " in slot " + std::to_string(info.slot) + ", now on slot " +
                    std::to_string(runtime.current()));
    });
    runtime.spawn([&] {
      log.push_back("1 returns");
    });
    runtime.spawn([&] {
      log.push_back("2 starts");
      fibers::yield_thread();
      log.push_back("2 returns");
    });
    runtime.run();
    CHECK(log == std::vector<std::string>{"1 returns", "finished 1 in slot 1, now on slot 2", "2 starts",
                                          "2 returns", "finished 2 in slot 2, now on slot 0"});
  }

  TEST_CASE("yield_thread with no other fiber ready returns at once") {
    Runtime runtime({.max_threads = 2, .stack_size = kStackSize});
    fibers::yield_thread();
    CHECK(runtime.switches() == 0);
  }

  TEST_CASE("misuse is reported: a second Runtime on one OS thread, run from a fiber, no Runtime at all") {
    {
      Runtime runtime({.max_threads = 2, .stack_size = kStackSize});
      CHECK_THROWS_AS(Runtime({.max_threads = 2, .stack_size = kStackSize}), std::logic_error);
      bool threw = false;
      runtime.spawn([&] {
        try {
          runtime.run();
        } catch (const std::logic_error&) {
          threw = true;
        }
      });
      runtime.run();
      CHECK(threw);
    }
    CHECK(Runtime::this_thread() == nullptr);
    CHECK_THROWS_AS(fibers::yield_thread(), std::logic_error);
    CHECK_THROWS_AS(fibers::spawn([] {}), std::logic_error);
    CHECK_THROWS_AS(Runtime({.max_threads = 1, .stack_size = kStackSize}), std::invalid_argument);
    CHECK_THROWS_AS(Runtime({.max_threads = 2, .stack_size = 1}), std::invalid_argument);
  }

  TEST_CASE("runtimes on two OS threads run their fibers independently") {
    auto work = [](int base, std::vector<int>& out) {
      Runtime runtime({.max_threads = 3, .stack_size = kStackSize});
      for (int f = 0; f < 2; ++f) {
        runtime.spawn([&out, base, f] {
          for (int i = 0; i < 50; ++i) {
            out.push_back(base + f);
            fibers::yield_thread();
          }
        });
      }
      runtime.run();
    };
    std::vector<int> a, b;
    std::thread other([&] { work(10, b); });
    work(0, a);
    other.join();
    CHECK(a.size() == 100);
    CHECK(b.size() == 100);
    CHECK(std::count(a.begin(), a.end(), 0) == 50);
    CHECK(std::count(b.begin(), b.end(), 11) == 50);
  }
}
