// WRONG: checks the deadline before the first yield, so sleep_for(0) returns without letting anyone run. Caught by: sleep_for(0) still lets the other fibers take a turn
#include "sleep_for.hpp"

#include "runtime.hpp"

namespace exercise {

void sleep_for(std::chrono::steady_clock::duration duration) {
  const auto deadline = std::chrono::steady_clock::now() + duration;
  // do-while: yield at least once, so that sleep_for(0) is a fair yield.
  // Each pass lets every other Ready fiber run one step; when none is Ready,
  // yield_thread returns at once and this loop spins until the deadline.
  while (std::chrono::steady_clock::now() < deadline) {
    fibers::yield_thread();
  }
}

}  // namespace exercise
