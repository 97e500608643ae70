// Timing helpers for tests: measure, and wait for a condition with a deadline
// instead of sleeping a guessed amount.
#pragma once

#include <chrono>
#include <thread>

namespace testing {

using Clock = std::chrono::steady_clock;

// Milliseconds from `start` to now.
[[nodiscard]] inline long long ms_since(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// Checks `condition` every few milliseconds until it holds (true) or `limit`
// passes (false). Bounded: a test that waits on it fails, it never hangs.
template <class Condition>
[[nodiscard]] bool eventually(Condition condition, std::chrono::milliseconds limit = std::chrono::seconds(5)) {
  const auto deadline = Clock::now() + limit;
  while (!condition()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace testing
