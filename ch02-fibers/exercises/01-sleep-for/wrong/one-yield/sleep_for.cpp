// WRONG: yields once and returns, as if one round of the other fibers took the whole duration. Caught by: a fiber that sleeps 50 ms resumes no earlier than 50 ms later
#include "sleep_for.hpp"

#include "runtime.hpp"

namespace exercise {

void sleep_for(std::chrono::steady_clock::duration duration) {
  const auto deadline = std::chrono::steady_clock::now() + duration;
  // do-while: yield at least once, so that sleep_for(0) is a fair yield.
  // Each pass lets every other Ready fiber run one step; when none is Ready,
  // yield_thread returns at once and this loop spins until the deadline.
  // One yield hands the CPU to the others; that is the wait.
  (void)deadline;
  fibers::yield_thread();
}

}  // namespace exercise
