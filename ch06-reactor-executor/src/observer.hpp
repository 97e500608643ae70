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

  // The work-stealing executor (work_stealing.hpp, beyond the book) has no
  // ReadyQueue: a worker is named by its executor (`executor`, an identity
  // only) and its index. Its wakes take two steps, so two hooks:
  //
  //   task_queued (on the waking thread)  -->  task_taken (on the worker that runs it)
  //
  // A task queued on a worker's own queue is queued by that worker itself; one
  // queued on the shared injector (by the reactor's thread, or by a thread
  // outside the executor) reaches a worker only when that worker takes it;
  // and a thief takes tasks queued on another worker's queue.
  enum class Taken {
    own_queue,  // from its own queue
    injector,   // from the shared injector
    stolen,     // from another worker's queue (the first of the tasks stolen at once)
  };
  // On worker `worker`'s own thread: it starts, parks with nothing to do
  // anywhere, runs again.
  virtual void worker_started(const void* /*executor*/, std::size_t /*worker*/) {}
  virtual void worker_parking(const void* /*executor*/, std::size_t /*worker*/) {}
  virtual void worker_unparked(const void* /*executor*/, std::size_t /*worker*/) {}
  // On the thread that spawned or woke task `id`, before the task is pushed:
  // onto the calling worker's own queue, or (`onto_own_queue` false) onto the
  // injector.
  virtual void task_queued(const void* /*executor*/, std::size_t /*id*/, bool /*onto_own_queue*/) {}
  // On worker `worker`'s own thread: it took task `id` to poll it.
  virtual void task_taken(const void* /*executor*/, std::size_t /*worker*/, std::size_t /*id*/, Taken /*from*/) {}
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
