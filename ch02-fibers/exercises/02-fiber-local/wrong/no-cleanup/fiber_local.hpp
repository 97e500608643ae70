// WRONG: never registers an on_finish hook, so a fiber's value lives until the FiberLocal is destroyed. Caught by: a fiber's value is destroyed when the fiber ends, not before, not later
// Exercise 02: fiber-local storage, the fibers' thread_local.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <unordered_map>

#include "runtime.hpp"

namespace exercise {

// One T per fiber of `runtime` (slot 0, the thread that runs the Runtime,
// counts as one), default-constructed on first use, destroyed when its
// fiber ends. A fiber that reuses a finished fiber's slot starts afresh.
template <class T>
class FiberLocal {
 public:
  explicit FiberLocal(fibers::Runtime& runtime) : values_(std::make_shared<Map>()) {
    // Ids are never reused, so there is nothing to clean up: the values go
    // when the FiberLocal goes.
    (void)runtime;
  }

  // This fiber's value. Keyed by the fiber's unique id, not its slot: slots
  // are reused, ids never are.
  T& get() { return (*values_)[fibers::current_fiber_id()]; }

  // How many fibers have a value now.
  [[nodiscard]] std::size_t size() const { return values_->size(); }

 private:
  using Map = std::unordered_map<std::uint64_t, T>;
  std::shared_ptr<Map> values_;
};

}  // namespace exercise
