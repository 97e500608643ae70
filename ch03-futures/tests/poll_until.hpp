// poll_until_ready: the tests' stand-in executor. Polls a future until it is
// Ready, or throws when a deadline passes or after `max_polls` polls, so a
// broken future fails the test instead of hanging it. Yields the CPU between polls: tests share a small
// machine, and this loop is the busy polling the chapter warns about.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>

#include "future.hpp"

namespace testing {

template <class T>
struct Outcome {
  T value;
  int polls = 0;
};
template <>
struct Outcome<void> {
  int polls = 0;
};

template <class T>
Outcome<T> poll_until_ready(async::Future<T>& future,
                            std::chrono::milliseconds timeout = std::chrono::seconds(10),
                            int max_polls = 100'000'000) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (int polls = 1;; ++polls) {
    auto state = future.poll();
    if (state.is_ready()) {
      if constexpr (std::is_void_v<T>) {
        return Outcome<void>{polls};
      } else {
        return Outcome<T>{std::move(state).value(), polls};
      }
    }
    if (polls >= max_polls || std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("future not Ready after " + std::to_string(polls) + " polls");
    }
    std::this_thread::yield();
  }
}

}  // namespace testing
