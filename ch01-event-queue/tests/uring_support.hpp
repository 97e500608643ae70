// Where the kernel refuses io_uring (qemu-user, an old kernel, a seccomp
// filter, io_uring_disabled), the io_uring tests skip, printing why; ctest
// reports them as skipped (SKIP_REGULAR_EXPRESSION in CMakeLists.txt). CI
// sets ASYNC_REQUIRE_IO_URING=1 on machines where io_uring works, and there a
// skip is a failure.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "uring/ring.hpp"

#define URING_OR_SKIP()                                                                      \
  do {                                                                                       \
    if (const auto reason_ = uring::unavailable_reason()) {                                  \
      const char* required_ = std::getenv("ASYNC_REQUIRE_IO_URING");                         \
      if (required_ != nullptr && std::string(required_) == "1") {                           \
        FAIL("io_uring is required here (ASYNC_REQUIRE_IO_URING=1) but: " << *reason_);      \
      }                                                                                      \
      MESSAGE("skipped: io_uring unavailable: " << *reason_);                                \
      return;                                                                                \
    }                                                                                        \
  } while (false)
