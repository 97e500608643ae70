// NEW (ch06), for drawing a run (the demos' --svg): hooks that let a tool
// watch the runtime work, without the runtime knowing what it draws.
//
//   class Picture : public async::Observer { ... };
//   Picture picture;
//   async::set_observer(&picture);   // before the runtime starts
//   ... run ...
//   async::set_observer(nullptr);    // after it stops
//
// None is installed by default: then each hook costs one atomic load and a
// test of a null pointer, on paths that already take a mutex.
#pragma once

#include <atomic>
#include <cstddef>

namespace async {

class ReadyQueue;

class Observer {
 public:
  virtual ~Observer() = default;
  // On the thread of a new Executor, whose ready queue is `queue`.
  virtual void executor_started(const ReadyQueue& /*queue*/) {}
  // On the reactor's event-loop thread, once, before its first wait.
  virtual void reactor_started() {}
  // On an executor's thread: nothing is ready, it parks on `queue` / runs again.
  virtual void parking(const ReadyQueue& /*queue*/) {}
  virtual void unparked(const ReadyQueue& /*queue*/) {}
  // On the waking thread (the reactor's, another, or the executor's own):
  // task `id` was pushed onto `queue`.
  virtual void woken(const ReadyQueue& /*queue*/, std::size_t /*id*/) {}
};

namespace detail {
inline std::atomic<Observer*> current_observer{nullptr};
}  // namespace detail

// Installs `observer` for the whole process (nullptr: none). It must
// outlive every runtime that runs while it is installed.
inline void set_observer(Observer* observer) noexcept { detail::current_observer.store(observer); }
[[nodiscard]] inline Observer* observer() noexcept {
  return detail::current_observer.load(std::memory_order_acquire);
}

}  // namespace async
