// NEW (beyond the book): a work-stealing executor.
//
// The chapter's Executor is one per thread, and a task stays on the thread
// that spawned it for ever: if one thread's tasks are busy and another's are
// all waiting, the second thread parks while work queues up on the first.
// The book says that real multi-threaded runtimes steal work, and leaves it
// there. This is one, small enough to read in one sitting:
//
//   async::ws::Executor executor(2);          // two worker threads
//   executor.block_on(async::boxed(root()));  // from outside: run until all tasks are done
//   ... inside a task:  async::ws::spawn(child());   // onto this worker's own queue
//
//   worker 0: [local queue] <- its own spawns and its own wakes
//   worker 1: [local queue]
//   injector: [shared queue] <- spawns and wakes from outside the workers
//                               (block_on's root, the reactor's thread)
//
// A worker takes its next task from its own queue; when that is empty, from
// the injector; when that is empty too, it steals the older half of another
// worker's queue; and when there is nothing anywhere, it parks until a push
// unparks it. It never spins.
//
// Two rules keep a task in one place at a time. Each task has a state:
//
//   IDLE --wake--> SCHEDULED --worker takes it--> RUNNING --Ready--> DONE
//     ^                                            |   |
//     +---------------- NotReady ------------------+   +--wake--> NOTIFIED
//                                                  (requeued after the poll)
//
// A wake moves IDLE to SCHEDULED and queues the task, or, while the task is
// RUNNING, only marks it NOTIFIED: the worker that polls it queues it again
// when the poll returns. So a task is in at most one queue, and only the
// worker that moved it to RUNNING polls it: never two threads at once, and no
// wake is lost. (tokio's task state word does the same with more states.)
//
// A waker puts its task where it can run soonest: woken on a worker thread
// (by another task), on that worker's own queue; woken from elsewhere (the
// reactor's thread), on the injector, with one parked worker unparked.
//
// Errors follow the chapter's Executor: a task's exception ends block_on; the
// executor first destroys every task it holds, in spawn order, then rethrows
// the first exception (later ones are counted). The executor can be used
// again afterwards.
//
// Simplifications, said plainly: every queue is a std::deque under a mutex
// (tokio's local queues are fixed-size lock-free rings that thieves take
// from with one compare-and-swap); no LIFO slot for the task woken last; no
// per-worker timers or I/O driver: the chapter's one Reactor thread serves
// every worker, as it serves every Executor.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <thread>
#include <type_traits>
#include <vector>

#include "executor.hpp"  // detail::Capture
#include "future.hpp"
#include "task.hpp"
#include "waker.hpp"

namespace async::ws {

namespace detail {
class Shared;
}

class Executor {
 public:
  struct WorkerStats {
    long long polls = 0;         // tasks polled
    long long local = 0;         // tasks taken from its own queue
    long long injected = 0;      // tasks taken from the injector
    long long steals = 0;        // successful steals
    long long stolen_tasks = 0;  // tasks moved by those steals
    long long parks = 0;         // times it slept with nothing to do anywhere
  };
  struct Stats {
    std::vector<WorkerStats> workers;
    long long spawned = 0;
    long long finished = 0;
    long long wakes = 0;           // Waker::wake calls that scheduled a task
    long long notified = 0;        // wakes of a task while it was being polled
    long long later_errors = 0;    // exceptions after the first, in block_on
  };

  // Starts `workers` threads (at least 1). Throws std::invalid_argument for 0.
  explicit Executor(std::size_t workers);
  // Stops and joins the workers, then destroys the tasks still held.
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // Spawns `root` and waits until it and every task spawned meanwhile are
  // done; returns root's output. Call it from a thread that is not one of
  // this executor's workers (std::logic_error otherwise: the worker would
  // wait for itself).
  template <class T>
  T block_on(FuturePtr<T> root);

  // Spawns from any thread: onto the caller's own queue on a worker, onto the
  // injector elsewhere. Throws std::invalid_argument for a null future.
  void spawn(FuturePtr<void> future);

  [[nodiscard]] std::size_t workers() const noexcept { return threads_.size(); }
  // Tasks spawned and not finished.
  [[nodiscard]] std::size_t tasks() const noexcept;
  [[nodiscard]] Stats stats() const;

 private:
  void check_not_own_worker() const;  // block_on on a worker would wait for itself
  void wait_until_done();             // block_on's wait; rethrows after cleaning up

  std::shared_ptr<detail::Shared> shared_;
  std::vector<std::thread> threads_;
};

// Spawns onto the executor whose worker runs the calling code (from inside a
// task). Throws std::logic_error on a thread that is not a worker.
void spawn(FuturePtr<void> future);
void spawn(Task<void> task);

// The index of the worker running the calling code, or nothing.
[[nodiscard]] std::optional<std::size_t> current_worker() noexcept;

template <class T>
T Executor::block_on(FuturePtr<T> root) {
  if (!root) throw std::invalid_argument("ws::Executor::block_on: the future is null");
  check_not_own_worker();
  typename async::detail::Capture<T>::Slot output{};
  spawn(std::make_unique<async::detail::Capture<T>>(std::move(root), output));
  wait_until_done();
  if constexpr (!std::is_void_v<T>) return std::move(*output);
}

}  // namespace async::ws
