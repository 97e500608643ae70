// Exercise 01: a fiber that waits without stopping the others.
#pragma once

#include <chrono>

namespace exercise {

// Returns once `duration` has passed (steady_clock), letting the other
// fibers of this OS thread run meanwhile. Always lets them run at least once,
// even for a zero or negative duration. Works on slot 0 (the thread that owns
// the Runtime) too. Needs a fibers::Runtime on this OS thread.
void sleep_for(std::chrono::steady_clock::duration duration);

}  // namespace exercise
