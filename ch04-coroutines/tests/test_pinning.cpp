// Book ch. 9 in C++: the self-referential state machine that a move breaks
// (f-moved-state-machine), and the two ways C++ keeps it whole (g-pin).
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "f-moved-state-machine/write_lines.hpp"
#include "g-pin/pinned.hpp"
#include "testing/run_program.hpp"

#if defined(__SANITIZE_ADDRESS__)
#define CH04_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CH04_ASAN 1
#endif
#endif
#ifndef CH04_ASAN
#define CH04_ASAN 0
#endif

namespace {

// Polls until Ready; counts the polls.
template <class F>
std::string run_to_ready(F& future, int* polls) {
  for (*polls = 1;; ++*polls) {
    auto state = future.poll();
    if (state.is_ready()) return std::move(state).value();
    REQUIRE(*polls < 100);
  }
}

constexpr const char* kAllLines = "first line\nsecond line\nthird line\n";

}  // namespace

TEST_SUITE("ch04/pinning") {
  TEST_CASE("WriteLines polled where it was created points into itself and writes every line") {
    example::WriteLines machine;
    CHECK(machine.writer_target() == nullptr);  // nothing runs before the first poll
    CHECK_FALSE(machine.poll().is_ready());
    CHECK(machine.writer_target() == machine.buffer_address());
    int polls = 0;
    CHECK(run_to_ready(machine, &polls) == kAllLines);
    CHECK(polls == 2);  // two more polls: one per countdown(1)
  }

  TEST_CASE("a moved WriteLines keeps pointing into the object it was moved from") {
    // The class can be moved: that is the problem.
    CHECK(std::is_move_constructible_v<example::WriteLines>);
    auto original = std::make_unique<example::WriteLines>();
    CHECK_FALSE(original->poll().is_ready());
    example::WriteLines moved = std::move(*original);
    // Comparing addresses only (the original is still alive): no dereference.
    CHECK(moved.writer_target() == original->buffer_address());
    CHECK(moved.writer_target() != moved.buffer_address());
  }

  TEST_CASE("polling a moved WriteLines after its original is freed is a heap-use-after-free") {
    if (!CH04_ASAN) {
      MESSAGE("skipped: this build has no AddressSanitizer to catch the use after free (configure with the asan preset)");
      return;
    }
    const auto result = testing::run_program({F_MOVED_STATE_MACHINE_PATH, "--dereference"});
    CHECK_FALSE(result.timed_out);
    CHECK(result.status != 0);
    CHECK_MESSAGE(result.err.find("heap-use-after-free") != std::string::npos, "stderr: " << result.err);
  }

  TEST_CASE("f-moved-state-machine without --dereference prints the dangling pointer and exits 0") {
    const auto result = testing::run_program({F_MOVED_STATE_MACHINE_PATH});
    CHECK_FALSE(result.timed_out);
    CHECK_MESSAGE(result.status == 0, "stderr: " << result.err);
    CHECK(result.out.find("(its own buffer_)") != std::string::npos);
    CHECK(result.out.find("(NOT its own buffer_)") != std::string::npos);
    CHECK(result.out.find("    third line\n") != std::string::npos);  // the in-place run finished
  }

  TEST_CASE("PinnedWriteLines can be neither copied nor moved, and a FuturePtr to it can") {
    CHECK_FALSE(std::is_copy_constructible_v<example::PinnedWriteLines>);
    CHECK_FALSE(std::is_move_constructible_v<example::PinnedWriteLines>);
    CHECK_FALSE(std::is_copy_assignable_v<example::PinnedWriteLines>);
    CHECK_FALSE(std::is_move_assignable_v<example::PinnedWriteLines>);
    CHECK(std::is_nothrow_move_constructible_v<async::FuturePtr<std::string>>);
  }

  TEST_CASE("a pinned state machine stays at one address while its FuturePtr moves between polls") {
    async::FuturePtr<std::string> pinned = example::pinned_write_lines();
    const auto* machine = dynamic_cast<const example::PinnedWriteLines*>(pinned.get());
    REQUIRE(machine != nullptr);
    CHECK_FALSE(pinned->poll().is_ready());
    CHECK(machine->writer_target() == machine->buffer_address());
    async::FuturePtr<std::string> moved = std::move(pinned);
    CHECK(moved.get() == machine);
    CHECK_FALSE(moved->poll().is_ready());
    CHECK(machine->writer_target() == machine->buffer_address());
    auto last = moved->poll();
    REQUIRE(last.is_ready());
    CHECK(std::move(last).value() == kAllLines);
  }

  TEST_CASE("a C++20 coroutine's local keeps its address when its Task moves between polls") {
    CHECK(std::is_move_constructible_v<async::Task<std::string>>);  // the handle moves ...
    std::vector<const std::string*> seen;
    auto task = example::write_lines_cpp20(&seen);
    CHECK(seen.empty());  // nothing runs before the first poll
    CHECK_FALSE(task.poll().is_ready());
    async::Task<std::string> moved = std::move(task);
    int polls = 0;
    CHECK(run_to_ready(moved, &polls) == kAllLines);
    REQUIRE(seen.size() == 3);
    CHECK(seen[1] == seen[0]);  // ... the frame does not
    CHECK(seen[2] == seen[0]);
  }
}
