// Tests of a cross build run under qemu-user, which emulates the processor
// but not all of Linux: no io_uring, its own file descriptors in /proc/self,
// and a slower clock for tight timings. A test that needs what qemu-user
// cannot give starts with
//
//   ASYNC_SKIP_UNDER_EMULATOR("io_uring is not emulated");
//
// which, in a cross build only, prints the reason and returns; ctest counts the
// test as skipped (async_tests sets SKIP_REGULAR_EXPRESSION) and
// scripts/cross-aarch64.sh lists every reason. Nothing is dropped silently.
#pragma once

#include <doctest/doctest.h>

namespace testing {

#ifdef ASYNC_UNDER_EMULATOR
inline constexpr bool kUnderEmulator = true;
#else
inline constexpr bool kUnderEmulator = false;
#endif

}  // namespace testing

#define ASYNC_SKIP_UNDER_EMULATOR(reason)                 \
  do {                                                    \
    if (::testing::kUnderEmulator) {                      \
      MESSAGE("SKIPPED under qemu-user: " reason);        \
      return;                                             \
    }                                                     \
  } while (false)
