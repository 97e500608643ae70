#include <doctest/doctest.h>
#include <sys/mman.h>

#include <cerrno>
#include <csignal>
#include <stdexcept>

#include "runtime.hpp"
#include "stack.hpp"
#include "support.hpp"

using fibers::Stack;
using fibers_test::killed_by;
using fibers_test::run_in_child;

namespace {

// Uses about 1 KiB of stack per level, without end as far as a 256 KiB
// stack is concerned (the bound keeps the compiler from calling it infinite).
int recurse(int depth) {
  volatile char pad[1024];
  pad[0] = static_cast<char>(depth);
  if (depth > 1'000'000) return pad[0];
  return recurse(depth + 1) + pad[0];
}

}  // namespace

TEST_SUITE("ch02/stack") {
  TEST_CASE("a stack is rounded up to whole pages and every byte of it is writable") {
    const std::size_t page = Stack::page_size();
    Stack stack(page + 1);
    REQUIRE(stack.size() == 2 * page);
    CHECK(stack.top() - stack.bottom() == static_cast<std::ptrdiff_t>(stack.size()));
    CHECK(reinterpret_cast<std::uintptr_t>(stack.top()) % page == 0);
    for (std::byte& b : stack.bytes()) b = std::byte{0x5a};
    CHECK(stack.bottom()[0] == std::byte{0x5a});
    CHECK(stack.top()[-1] == std::byte{0x5a});
  }

  TEST_CASE("a stack of zero bytes is refused") { CHECK_THROWS_AS(Stack(0), std::invalid_argument); }

  TEST_CASE("a moved-from stack owns nothing and the new owner keeps the memory") {
    Stack a(Stack::page_size());
    std::byte* bottom = a.bottom();
    Stack b(std::move(a));
    CHECK(a.empty());  // NOLINT(bugprone-use-after-move): checking the moved-from state is the point
    CHECK(b.bottom() == bottom);
    b.bottom()[0] = std::byte{1};
  }

  TEST_CASE("the page below a stack is reserved and touching it kills the process with SIGSEGV") {
    const std::size_t page = Stack::page_size();
    Stack stack(page);
    std::byte* guard = stack.bottom() - page;

    // Reserved: the kernel will not map anything else there. (Without a
    // guard page it would, and an overflow would write into that mapping.)
    void* other = ::mmap(guard, page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    const int error = errno;
    if (other != MAP_FAILED) ::munmap(other, page);
    CHECK_MESSAGE(other != static_cast<void*>(guard), "the page below the stack was free");
    if (other == MAP_FAILED) CHECK(error == EEXIST);

    // Inaccessible: one byte below the stack faults.
    int status = run_in_child([&] {
      volatile std::byte* below = stack.bottom() - 1;
      *below = std::byte{1};
    });
    CHECK_MESSAGE(killed_by(status, SIGSEGV), "wait status ", status);
  }

  TEST_CASE("a fiber that overflows its stack dies of SIGSEGV instead of writing past it") {
    int status = run_in_child([] {
      fibers::Runtime runtime({.max_threads = 2, .stack_size = 64 * 1024});
      runtime.spawn([] { (void)recurse(0); });
      runtime.run();
    });
    CHECK_MESSAGE(killed_by(status, SIGSEGV), "wait status ", status);
  }
}
