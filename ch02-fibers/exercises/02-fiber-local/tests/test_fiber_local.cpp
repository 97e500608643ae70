#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "fiber_local.hpp"
#include "runtime.hpp"

namespace {

fibers::RuntimeOptions options(std::size_t fibers) { return {.max_threads = fibers + 1, .stack_size = 256 * 1024}; }

// Counts destructions of values that were set.
struct Tracked {
  static inline int destroyed = 0;
  int value = 0;
  Tracked() = default;
  Tracked(const Tracked&) = delete;
  Tracked& operator=(const Tracked&) = delete;
  ~Tracked() {
    if (value != 0) ++destroyed;
  }
};

}  // namespace

TEST_SUITE("ch02/exercise/02-fiber-local") {
  TEST_CASE("each fiber sees its own value, across yields") {
    fibers::Runtime runtime(options(3));
    exercise::FiberLocal<int> local(runtime);
    std::vector<int> seen;
    for (int id = 1; id <= 3; ++id) {
      runtime.spawn([&local, &seen, id] {
        CHECK(local.get() == 0);  // default-constructed on first use
        local.get() = id;
        fibers::yield_thread();  // the others set theirs meanwhile
        seen.push_back(local.get());
      });
    }
    runtime.run();
    CHECK(seen == std::vector<int>{1, 2, 3});
  }

  TEST_CASE("slot 0, the thread that runs the Runtime, has a value of its own") {
    fibers::Runtime runtime(options(1));
    exercise::FiberLocal<std::string> local(runtime);
    local.get() = "main";
    runtime.spawn([&] { local.get() = "fiber"; });
    runtime.run();
    CHECK(local.get() == "main");
  }

  TEST_CASE("a fiber's value is destroyed when the fiber ends, not before, not later") {
    Tracked::destroyed = 0;
    fibers::Runtime runtime(options(2));
    exercise::FiberLocal<Tracked> local(runtime);
    int destroyed_while_a_ran = -1, destroyed_after_a = -1;
    std::size_t values_after_a = 0;
    runtime.spawn([&] {
      local.get().value = 1;
      destroyed_while_a_ran = Tracked::destroyed;
    });
    runtime.spawn([&] {
      fibers::yield_thread();  // by now the first fiber has ended
      destroyed_after_a = Tracked::destroyed;
      values_after_a = local.size();
    });
    runtime.run();
    CHECK(destroyed_while_a_ran == 0);
    CHECK(destroyed_after_a == 1);
    CHECK(values_after_a == 0);  // the second fiber never asked for one
  }

  TEST_CASE("a new fiber in a finished fiber's slot starts with a fresh value") {
    fibers::Runtime runtime(options(1));  // one slot: the second fiber reuses it
    exercise::FiberLocal<int> local(runtime);
    int second_saw = -1;
    runtime.spawn([&] { local.get() = 42; });
    runtime.run();
    runtime.spawn([&] { second_saw = local.get(); });
    runtime.run();
    CHECK(second_saw == 0);
  }

  TEST_CASE("a FiberLocal may be destroyed before its Runtime's fibers end") {
    fibers::Runtime runtime(options(1));
    {
      exercise::FiberLocal<int> local(runtime);
      runtime.spawn([] { fibers::yield_thread(); });
      fibers::yield_thread();  // the fiber is suspended when `local` goes away
      CHECK(local.size() == 0);
    }
    runtime.run();  // its end must not touch the destroyed FiberLocal
    CHECK(runtime.available() == 1);
  }
}
