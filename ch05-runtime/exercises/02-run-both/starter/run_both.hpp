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
  // TODO: this gives the right answers, but one after the other: `second`
  // is not even polled (so its request not even sent) until `first` is
  // done. Write the loop yourself: poll each pending future, keep its
  // output when Ready, and call runtime.wait() while one is still pending.
  A a = runtime.block_on(std::move(first));
  B b = runtime.block_on(std::move(second));
  return {std::move(a), std::move(b)};
}

}  // namespace exercise
