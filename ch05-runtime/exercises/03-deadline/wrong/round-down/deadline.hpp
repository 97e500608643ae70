// WRONG: rounds the time left down with duration_cast, so the last sleeps are 0 ms, a spin towards the deadline. Caught by: the last sleep is rounded up so the loop never spins towards the deadline
// block_on_for: block_on with a deadline.
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <utility>

#include "future.hpp"
#include "runtime.hpp"

namespace exercise {

// Polls `future` on `runtime` until it is Ready (returns its output) or
// `timeout` has passed since the call (returns std::nullopt and destroys
// the future, which deregisters its sockets). It polls at least once, so a
// future that is Ready at once is returned even with a zero timeout. Between
// polls it sleeps in epoll_wait, never longer than the time that is left.
// Throws std::invalid_argument for a null future.
template <class T>
std::optional<T> block_on_for(async::Runtime& runtime, async::FuturePtr<T> future, std::chrono::milliseconds timeout) {
  if (!future) throw std::invalid_argument("block_on_for: the future is null");
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto state = future->poll();
    if (state.is_ready()) return std::move(state).value();
    const auto left = deadline - std::chrono::steady_clock::now();
    if (left <= std::chrono::steady_clock::duration::zero()) return std::nullopt;
    // Round up: rounded down, the last wait would be 0 ms, then 0 ms
    // again... a spin until the deadline.
    runtime.wait(std::chrono::duration_cast<std::chrono::milliseconds>(left));
  }
}

}  // namespace exercise
