// Helpers the fiber tests share.
#pragma once

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstddef>
#include <cstdlib>
#include <functional>

#include "common/syscall.hpp"

namespace fibers_test {

// Roomy enough for doctest's CHECK macros and sanitizer-instrumented frames.
inline constexpr std::size_t kStackSize = 256 * 1024;

// Runs `body` in a forked child and returns its wait status (waitpid(2)).
// The child exits 0 if body returns. It gets the default SIGSEGV action, so
// that a fault kills it with SIGSEGV whatever handler the parent has
// (doctest's, or a sanitizer's, which would print a report and exit 1
// instead), no core file, and 20 seconds before SIGALRM ends a hang.
inline int run_in_child(const std::function<void()>& body) {
  pid_t pid = common::check(::fork(), "fork");
  if (pid == 0) {
    ::signal(SIGSEGV, SIG_DFL);
    ::signal(SIGBUS, SIG_DFL);
    ::signal(SIGABRT, SIG_DFL);
    rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    ::alarm(20);
    body();
    ::_exit(0);
  }
  int status = 0;
  // EINTR: a signal reached the test process while it waited; wait again.
  while (::waitpid(pid, &status, 0) == -1) {
    if (errno != EINTR) common::throw_errno("waitpid");
  }
  return status;
}

inline bool killed_by(int status, int signal) { return WIFSIGNALED(status) && WTERMSIG(status) == signal; }

}  // namespace fibers_test
