// NEW (ch06): Waker and ReadyQueue, the decoupling of this chapter.
//
// In our chapter 5 a leaf future reached the one runtime through a global and
// the runtime, woken by epoll, polled *everything* again. Here a future is
// handed a Waker on every poll. The waker names one task (its id) and the
// executor that runs it (its ready queue). Whoever learns that the task can
// make progress (the reactor, another task, another thread) calls wake():
//
//   waker.wake();   // 1. push the task id onto the executor's ready queue
//                   // 2. unpark the executor's thread if it sleeps in park
//
// and the executor polls that task, and only that task. The book's Waker is
// { thread: Thread, id: usize, ready_queue: Arc<Mutex<Vec<usize>>> } and
// wakes with thread.unpark(). C++ threads cannot be unparked by handle, so
// our ReadyQueue carries the parking itself: a mutex, the ids and a
// condition variable the executor sleeps on. One object, one lock: a push
// and the check "is anything ready?" can never miss each other.
//
// A Waker is cheap to copy (a shared_ptr and a number) and may be copied to
// and woken from any thread. It keeps the queue alive, so waking a task
// whose executor is gone is harmless: the id lands in a queue nobody reads.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "observer.hpp"

namespace async {

// What a Waker calls: "task `id` can make progress, schedule it". The
// reactor holds wakers without knowing which kind of executor is behind them
// (Rust's Waker is likewise a pointer and a vtable, RawWakerVTable). Our
// chapter's executor schedules by pushing onto its ReadyQueue; the
// work-stealing executor (work_stealing.hpp, beyond the book) by putting the
// task on a worker's queue.
class Schedule {
 public:
  virtual ~Schedule() = default;
  virtual void schedule(std::size_t id) = 0;  // thread-safe
};

class ReadyQueue final : public Schedule {
 public:
  void schedule(std::size_t id) override { push(id); }

  // Adds `id` and wakes the thread parked in take_all, if any. Thread-safe.
  void push(std::size_t id) {
    {
      std::lock_guard lock(mutex_);
      ids_.push_back(id);
      ++pushes_;
    }
    // Notified after the unlock, so the woken thread does not wake up only
    // to block on the mutex we still hold. The queue outlives this call:
    // the caller's Waker owns a share of it.
    ready_.notify_one();
    if (Observer* watching = observer()) watching->woken(*this, id);  // --svg's hook, see observer.hpp
  }

  // Every id pushed since the last call, oldest first. When there is none,
  // parks the calling thread until a push: `parked` says whether it did.
  // The wait cannot miss a push: the check and the sleep happen under the
  // mutex, which push() takes to add (condition_variable::wait).
  [[nodiscard]] std::vector<std::size_t> take_all(bool& parked) {
    std::unique_lock lock(mutex_);
    parked = ids_.empty();
    Observer* watching = parked ? observer() : nullptr;  // --svg's hook, see observer.hpp
    if (watching != nullptr) watching->parking(*this);
    ready_.wait(lock, [this] { return !ids_.empty(); });  // the predicate absorbs spurious wake-ups
    if (watching != nullptr) watching->unparked(*this);
    return std::exchange(ids_, {});
  }

  // As take_all, but gives up after `timeout` and returns what is there
  // (possibly nothing). For tests and for loops that must stay bounded.
  [[nodiscard]] std::vector<std::size_t> take_all_for(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    ready_.wait_for(lock, timeout, [this] { return !ids_.empty(); });
    return std::exchange(ids_, {});
  }

  // How many pushes (wakes) this queue has received in all.
  [[nodiscard]] long long pushes() const {
    std::lock_guard lock(mutex_);
    return pushes_;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::vector<std::size_t> ids_;
  long long pushes_ = 0;
};

class Waker {
 public:
  // A waker for task `id` of the executor that reads `queue` (or of any
  // other kind of scheduler).
  Waker(std::shared_ptr<Schedule> queue, std::size_t id) : queue_(std::move(queue)), id_(id) {}

  // Schedules the task: its executor will poll it once more. Thread-safe.
  void wake() const { queue_->schedule(id_); }

  [[nodiscard]] std::size_t id() const noexcept { return id_; }

  // Same task on the same executor: waking either does the same thing
  // (Rust's Waker::will_wake).
  [[nodiscard]] bool will_wake(const Waker& other) const noexcept {
    return queue_ == other.queue_ && id_ == other.id_;
  }

 private:
  std::shared_ptr<Schedule> queue_;
  std::size_t id_;
};

}  // namespace async
