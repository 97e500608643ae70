// WRONG: goes round again at once instead of sleeping in runtime.wait(), a busy loop. Caught by: both futures run at the same time and both outputs come back
// block_on_both: a runtime loop with two top-level futures instead of one.
#pragma once

#include <optional>
#include <stdexcept>
#include <utility>

#include "future.hpp"
#include "runtime.hpp"

namespace exercise {

// Runs `first` and `second` on `runtime` at the same time and returns both
// outputs. Each turn polls every future that is not Ready yet (a Ready one
// is never polled again); when one is still pending, sleeps in
// runtime.wait() until an event arrives. Throws std::invalid_argument for a
// null future.
template <class A, class B>
std::pair<A, B> block_on_both(async::Runtime& runtime, async::FuturePtr<A> first, async::FuturePtr<B> second) {
  if (!first || !second) throw std::invalid_argument("block_on_both: a future is null");
  std::optional<A> a;
  std::optional<B> b;
  for (;;) {
    if (!a) {
      auto state = first->poll();
      if (state.is_ready()) {
        a.emplace(std::move(state).value());
        first.reset();  // done: release its socket now
      }
    }
    if (!b) {
      auto state = second->poll();
      if (state.is_ready()) {
        b.emplace(std::move(state).value());
        second.reset();
      }
    }
    if (a && b) return {std::move(*a), std::move(*b)};
    (void)runtime;  // not both Ready yet: poll them again at once
  }
}

}  // namespace exercise
