// WRONG: keeps the value in a thread_local, which every fiber of the OS thread shares. Caught by: each fiber sees its own value, across yields
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
    // The hook may outlive this object (the Runtime keeps it): it holds the
    // map weakly and does nothing once the FiberLocal is gone. It runs after
    // the fiber has ended, so no reference from get() is still in use.
    std::weak_ptr<Map> weak = values_;
    runtime.on_finish([weak](const fibers::FiberInfo& info) {
      if (auto values = weak.lock()) values->erase(info.id);
    });
  }

  // This fiber's value. Keyed by the fiber's unique id, not its slot: slots
  // are reused, ids never are.
  T& get() {
    // thread_local: every OS thread has its own value.
    thread_local T value{};
    (*values_)[fibers::current_fiber_id()];  // keeps size() counting the fibers
    return value;
  }

  // How many fibers have a value now.
  [[nodiscard]] std::size_t size() const { return values_->size(); }

 private:
  using Map = std::unordered_map<std::uint64_t, T>;
  std::shared_ptr<Map> values_;
};

}  // namespace exercise
