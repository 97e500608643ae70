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
  // TODO: the loop of Runtime::block_on, with runtime.wait(time left)
  // instead of runtime.wait(), and std::nullopt once the deadline passes.
  (void)runtime;
  (void)timeout;
  return std::nullopt;
}

}  // namespace exercise
