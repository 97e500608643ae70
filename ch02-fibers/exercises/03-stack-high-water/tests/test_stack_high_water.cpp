#include <doctest/doctest.h>

#include <cstddef>
#include <vector>

#include "runtime.hpp"
#include "stack_high_water.hpp"

namespace {

constexpr std::size_t kStack = 256 * 1024;

// Uses a little more than `kBig` bytes of stack. Not instrumented by ASan,
// which could otherwise move the array to a heap "fake stack".
constexpr std::size_t kBig = 64 * 1024;
__attribute__((noinline, no_sanitize("address"))) int use_big_frame() {
  volatile char buffer[kBig];
  for (std::size_t i = 0; i < kBig; i += 64) buffer[i] = static_cast<char>(i);
  return buffer[kBig - 64];
}

}  // namespace

TEST_SUITE("ch02/exercise/03-stack-high-water") {
  TEST_CASE("a painted stack that nobody touched has a high-water mark of 0") {
    std::vector<std::byte> stack(4096, std::byte{0});
    exercise::paint_stack(stack);
    CHECK(stack.front() == exercise::kPaint);
    CHECK(stack.back() == exercise::kPaint);
    CHECK(exercise::stack_high_water(stack) == 0);
  }

  TEST_CASE("the mark is the distance from the top to the lowest changed byte") {
    std::vector<std::byte> stack(4096);
    exercise::paint_stack(stack);
    stack[4096 - 1] = std::byte{1};  // the top byte
    CHECK(exercise::stack_high_water(stack) == 1);
    stack[4096 - 100] = std::byte{1};  // deeper
    stack[4096 - 50] = exercise::kPaint;  // a write of the paint itself goes unseen
    CHECK(exercise::stack_high_water(stack) == 100);
    stack[0] = std::byte{2};  // the very bottom
    CHECK(exercise::stack_high_water(stack) == 4096);
  }

  TEST_CASE("a fiber with a 64 KiB frame reports at least that much, an idle one far less") {
    fibers::Runtime runtime({.max_threads = 3, .stack_size = kStack});
    exercise::StackReport report(runtime);
    runtime.spawn([] { (void)use_big_frame(); });
    runtime.spawn([] {});
    runtime.run();
    REQUIRE(report.fibers_measured() == 2);
    MESSAGE("big fiber: ", report.used(1), " bytes, idle fiber: ", report.used(2), " bytes");
    CHECK(report.used(1) >= kBig);
    CHECK(report.used(1) < kStack);
    CHECK(report.used(2) > 0);        // call, the callable, the final switch: something ran
    CHECK(report.used(2) < kBig / 2);
  }

  TEST_CASE("a fiber that is still running has no report yet") {
    fibers::Runtime runtime({.max_threads = 2, .stack_size = kStack});
    exercise::StackReport report(runtime);
    runtime.spawn([] { fibers::yield_thread(); });
    fibers::yield_thread();  // the fiber is suspended
    CHECK(report.fibers_measured() == 0);
    runtime.run();
    CHECK(report.fibers_measured() == 1);
  }
}
