// WRONG: frees the lock on unlock and wakes the oldest waiter to come and take it, so a newcomer that polls first takes it instead. Caught by: a newcomer does not jump the queue of waiters
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

// One lock() that waits: its latest waker, and whether the lock has been
// handed to it.
struct Waiter {
  std::optional<async::Waker> waker;
  bool granted = false;
};

struct MutexState {
  std::mutex mutex;  // guards the two members below; held for a few instructions, never across a wait
  bool locked = false;
  std::deque<std::shared_ptr<Waiter>> waiters;  // oldest first

  // Hands the lock to the oldest waiter (it stays locked: nobody can take
  // it in between) or, with no waiter, frees it. Returns the waker to wake,
  // after the caller has released `mutex`.
  std::optional<async::Waker> release_locked() {
    locked = false;
    if (waiters.empty()) return std::nullopt;
    return waiters.front()->waker;  // it will take the lock when it is polled
  }

  void release() {
    std::optional<async::Waker> next;
    {
      std::lock_guard lock(mutex);
      next = release_locked();
    }
    if (next) next->wake();
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
    std::lock_guard lock(state_->mutex);
    return state_->waiters.size();
  }

 private:
  class Lock final : public async::Future<LockGuard> {
   public:
    explicit Lock(std::shared_ptr<detail::MutexState> state) : state_(std::move(state)) {}
    Lock(const Lock&) = delete;
    Lock& operator=(const Lock&) = delete;
    // Dropped before it took the lock: leave the queue, and if the lock
    // was handed to us meanwhile, hand it on, or it stays locked for ever.
    ~Lock() override {
      if (done_ || !waiter_) return;
      std::optional<async::Waker> next;
      {
        std::lock_guard lock(state_->mutex);
        if (waiter_->granted) {
          next = state_->release_locked();
        } else {
          std::erase(state_->waiters, waiter_);
        }
      }
      if (next) next->wake();
    }

    async::PollState<LockGuard> poll(const async::Waker& waker) override {
      if (done_) throw async::FuturePolledAfterReady("AsyncMutex::lock");
      std::lock_guard lock(state_->mutex);
      if (!state_->locked) {
        if (waiter_) std::erase(state_->waiters, waiter_);
        state_->locked = true;
        done_ = true;
        waiter_.reset();
        return async::Ready{LockGuard(state_)};
      }
      if (!waiter_) {
        waiter_ = std::make_shared<detail::Waiter>();
        state_->waiters.push_back(waiter_);  // the back of the queue: first come, first served
      }
      waiter_->waker = waker;  // the latest
      return async::NotReady{};
    }

   private:
    std::shared_ptr<detail::MutexState> state_;
    std::shared_ptr<detail::Waiter> waiter_;  // set while queued
    bool done_ = false;
  };

  std::shared_ptr<detail::MutexState> state_ = std::make_shared<detail::MutexState>();
};

}  // namespace exercise
