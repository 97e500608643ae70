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
  explicit FiberLocal(fibers::Runtime& runtime) {
    // TODO: when a fiber ends, destroy its value: runtime.on_finish(...).
    // Careful: the Runtime keeps the hook, and it may outlive this object.
    (void)runtime;
  }

  // This fiber's value.
  // TODO: one value per fiber, not one for all of them
  // (fibers::current_fiber_id() tells fibers apart).
  T& get() { return value_; }

  // How many fibers have a value now.
  [[nodiscard]] std::size_t size() const { return 1; }

 private:
  T value_{};
};

}  // namespace exercise
