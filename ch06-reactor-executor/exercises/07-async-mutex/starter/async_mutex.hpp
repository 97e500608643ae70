// Exercise 07: an async mutex. See ../README.md.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

#include "future.hpp"
#include "waker.hpp"

namespace exercise {

namespace detail {

struct MutexState {
  std::mutex mutex;  // guards the two members below; held for a few instructions, never across a wait
  bool locked = false;
  // TODO: the waiters, oldest first, each with its latest waker.

  // Hands the lock to the oldest waiter (it stays locked: nobody can take
  // it in between) or, with no waiter, frees it. Returns the waker to wake,
  // after the caller has released `mutex`.
  void release() {
    std::lock_guard lock(mutex);
    locked = false;
    // TODO: hand the lock to the oldest waiter and wake it (after unlocking).
  }
};

}  // namespace detail

// Proof of holding the lock; unlocks when destroyed (or on unlock()).
class LockGuard {
 public:
  LockGuard(LockGuard&& other) noexcept : state_(std::move(other.state_)) {}
  LockGuard& operator=(LockGuard&&) = delete;
  LockGuard(const LockGuard&) = delete;
  LockGuard& operator=(const LockGuard&) = delete;
  ~LockGuard() { unlock(); }
  void unlock() {
    if (auto state = std::exchange(state_, nullptr)) state->release();
  }

 private:
  friend class AsyncMutex;
  explicit LockGuard(std::shared_ptr<detail::MutexState> state) : state_(std::move(state)) {}
  std::shared_ptr<detail::MutexState> state_;
};

// A lock for tasks: lock() is a future, Ready with a LockGuard once the lock
// is this task's. Waiting holds no thread: the task returns NotReady and the
// holder's unlock wakes it. Waiters get the lock in the order they asked.
class AsyncMutex {
 public:
  [[nodiscard]] async::FuturePtr<LockGuard> lock() { return std::make_unique<Lock>(state_); }

  [[nodiscard]] bool is_locked() const {
    std::lock_guard lock(state_->mutex);
    return state_->locked;
  }
  [[nodiscard]] std::size_t waiters() const {
    return 0;  // TODO
  }

 private:
  class Lock final : public async::Future<LockGuard> {
   public:
    explicit Lock(std::shared_ptr<detail::MutexState> state) : state_(std::move(state)) {}
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;
    // Dropped before it took the lock: leave the queue, and if the lock
    // was handed to us meanwhile, hand it on, or it stays locked for ever.
    // TODO: a lock() dropped while it waits must leave the queue (and pass
    // the lock on if it was handed to it meanwhile).
    ~Lock() override = default;

    async::PollState<LockGuard> poll(const async::Waker& waker) override {
      if (done_) throw async::FuturePolledAfterReady("AsyncMutex::lock");
      std::lock_guard lock(state_->mutex);
      if (!state_->locked) {
        state_->locked = true;
        done_ = true;
        return async::Ready{LockGuard(state_)};
      }
      // TODO: this works, but it is a spin: the task is polled again at
      // once, and again, until the holder unlocks; and nothing keeps the
      // order in which tasks asked. Queue a waiter instead, and let unlock
      // wake it.
      waker.wake();
      return async::NotReady{};
    }

   private:
    std::shared_ptr<detail::MutexState> state_;
    bool done_ = false;
  };

  std::shared_ptr<detail::MutexState> state_ = std::make_shared<detail::MutexState>();
};

}  // namespace exercise
