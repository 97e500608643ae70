// The sanitizer annotations of src/sanitizers.hpp, checked where they exist.
// (In a build without sanitizers this file has no test.) The other half of
// the check is the ctest entry that reruns the suite in sanitizer builds and
// fails on any sanitizer WARNING: without the ASan annotations, the
// exception test in test_spawn.cpp prints "ASan is ignoring requested
// __asan_handle_no_return", because ASan does not know the fiber's stack.
#include <doctest/doctest.h>

#include <vector>

#include "runtime.hpp"
#include "sanitizers.hpp"
#include "support.hpp"

#ifdef FIBERS_TSAN
TEST_SUITE("ch02/sanitizers") {
  // Without a TSan fiber per context, every fiber shares the OS thread's
  // shadow call stack, and each finished fiber leaves its last frames
  // (guard, t_return, t_yield) on it for good: about 16,000 fiber
  // lifetimes later TSan aborts with "CHECK failed".
  TEST_CASE("under TSan, every fiber runs as a TSan fiber of its own") {
    fibers::Runtime runtime({.max_threads = 3, .stack_size = fibers_test::kStackSize});
    void* const main_fiber = __tsan_get_current_fiber();
    std::vector<void*> seen;
    for (int f = 0; f < 2; ++f) {
      runtime.spawn([&seen] {
        seen.push_back(__tsan_get_current_fiber());
        fibers::yield_thread();
        seen.push_back(__tsan_get_current_fiber());
      });
    }
    runtime.run();
    REQUIRE(seen.size() == 4);
    CHECK(seen[0] != main_fiber);
    CHECK(seen[1] != main_fiber);
    CHECK(seen[0] != seen[1]);
    CHECK(seen[2] == seen[0]);  // the same fiber object after a yield
    CHECK(seen[3] == seen[1]);
    CHECK(__tsan_get_current_fiber() == main_fiber);
  }
}
#endif
