#include <doctest/doctest.h>

#include <cstring>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "runtime.hpp"
#include "support.hpp"

using fibers::Runtime;
using fibers_test::kStackSize;

namespace {

// Counts its lives (cppcoro's counted.hpp): every object made, by any
// constructor, must be destroyed exactly once.
struct Counted {
  static inline std::set<const Counted*> alive;
  static inline int destroyed_twice = 0;
  static inline int destroyed_with_value = 0;

  std::string value;
  explicit Counted(std::string v) : value(std::move(v)) { alive.insert(this); }
  Counted(const Counted& other) : value(other.value) { alive.insert(this); }
  Counted(Counted&& other) noexcept : value(std::move(other.value)) {
    other.value.clear();
    alive.insert(this);
  }
  ~Counted() {
    if (alive.erase(this) == 0) ++destroyed_twice;
    if (!value.empty()) ++destroyed_with_value;
  }
  static void reset() {
    alive.clear();
    destroyed_twice = destroyed_with_value = 0;
  }
};

int g_calls = 0;
void plain_function() { ++g_calls; }

}  // namespace

TEST_SUITE("ch02/spawn") {
  TEST_CASE("spawn with the pool full gives a clear error and changes nothing") {
    Runtime runtime({.max_threads = 3, .stack_size = kStackSize});
    runtime.spawn([] {});
    runtime.spawn([] {});
    try {
      runtime.spawn([] {});
      FAIL("spawn into a full pool did not throw");
    } catch (const fibers::PoolFull& e) {
      CHECK(std::strstr(e.what(), "no available thread") != nullptr);
      CHECK(std::strstr(e.what(), "max_threads = 3") != nullptr);
    }
    CHECK(runtime.available() == 0);
    runtime.run();
    CHECK(runtime.available() == 2);
  }

  TEST_CASE("a moved-in closure's captures arrive intact and are destroyed once, on the fiber") {
    Counted::reset();
    std::string seen;
    bool alive_in_fiber_after_yield = false;
    {
      Runtime runtime({.max_threads = 2, .stack_size = kStackSize});
      Counted payload("captured by move");
      runtime.spawn([&seen, &alive_in_fiber_after_yield, payload = std::move(payload)] {
        fibers::yield_thread();  // captures must survive while the fiber is suspended
        seen = payload.value;
        alive_in_fiber_after_yield = Counted::alive.count(&payload) == 1;
      });
      CHECK(Counted::destroyed_with_value == 0);
      runtime.run();
      CHECK(Counted::destroyed_with_value == 1);  // destroyed when the fiber returned, not later
    }
    CHECK(seen == "captured by move");
    CHECK(alive_in_fiber_after_yield);
    CHECK(Counted::alive.empty());
    CHECK(Counted::destroyed_twice == 0);
    CHECK(Counted::destroyed_with_value == 1);
  }

  TEST_CASE("move-only callables are accepted, like std::thread's") {
    Runtime runtime({.max_threads = 2, .stack_size = kStackSize});
    auto owned = std::make_unique<int>(42);
    int seen = 0;
    runtime.spawn([&seen, owned = std::move(owned)] { seen = *owned; });
    runtime.run();
    CHECK(seen == 42);
  }

  TEST_CASE("a callable that never ran is destroyed with the runtime") {
    Counted::reset();
    {
      Runtime runtime({.max_threads = 2, .stack_size = kStackSize});
      runtime.spawn([payload = Counted("never run")] { FAIL("ran"); });
    }
    CHECK(Counted::alive.empty());
    CHECK(Counted::destroyed_twice == 0);
    CHECK(Counted::destroyed_with_value == 1);
  }

  TEST_CASE("a plain function can be spawned, as in the book's c-fibers") {
    g_calls = 0;
    Runtime runtime({.max_threads = 2, .stack_size = kStackSize});
    runtime.spawn(&plain_function);
    runtime.run();
    runtime.spawn(plain_function);
    runtime.run();
    CHECK(g_calls == 2);
  }

  TEST_CASE("a fiber can spawn fibers, which run at their turn") {
    Runtime runtime({.max_threads = 4, .stack_size = kStackSize});
    std::vector<std::string> log;
    runtime.spawn([&] {
      log.push_back("parent starts");
      fibers::spawn([&] { log.push_back("child 1"); });
      runtime.spawn([&] { log.push_back("child 2"); });
      log.push_back("parent returns");
    });
    runtime.run();
    CHECK(log == std::vector<std::string>{"parent starts", "parent returns", "child 1", "child 2"});
  }

  TEST_CASE("exceptions thrown and caught inside a fiber work across yields") {
    Runtime runtime({.max_threads = 3, .stack_size = kStackSize});
    std::vector<std::string> caught;
    for (int f = 0; f < 2; ++f) {
      runtime.spawn([&caught, f] {
        for (int i = 0; i < 3; ++i) {
          try {
            fibers::yield_thread();
            throw std::runtime_error("fiber " + std::to_string(f) + " round " + std::to_string(i));
          } catch (const std::runtime_error& e) {
            caught.emplace_back(e.what());
          }
        }
      });
    }
    runtime.run();
    CHECK(caught == std::vector<std::string>{"fiber 0 round 0", "fiber 1 round 0", "fiber 0 round 1",
                                             "fiber 1 round 1", "fiber 0 round 2", "fiber 1 round 2"});
  }

  TEST_CASE("an exception that escapes a fiber ends the program, with a message") {
    int status = fibers_test::run_in_child([] {
      Runtime runtime({.max_threads = 2, .stack_size = kStackSize});
      runtime.spawn([] { throw std::runtime_error("lost in a fiber"); });
      runtime.run();
    });
    CHECK_MESSAGE(fibers_test::killed_by(status, SIGABRT), "wait status ", status);
  }
}
