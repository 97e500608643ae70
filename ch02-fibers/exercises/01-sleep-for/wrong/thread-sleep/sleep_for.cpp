// WRONG: puts the whole OS thread to sleep with std::this_thread, stopping every other fiber until the deadline. Caught by: the other fibers keep running while one sleeps
#include "sleep_for.hpp"

#include "runtime.hpp"

#include <thread>

namespace exercise {

void sleep_for(std::chrono::steady_clock::duration duration) {
  const auto deadline = std::chrono::steady_clock::now() + duration;
  // do-while: yield at least once, so that sleep_for(0) is a fair yield.
  // Each pass lets every other Ready fiber run one step; when none is Ready,
  // yield_thread returns at once and this loop spins until the deadline.
  // Sleep the thread, then give the others their turn.
  std::this_thread::sleep_until(deadline);
  fibers::yield_thread();
}

}  // namespace exercise
