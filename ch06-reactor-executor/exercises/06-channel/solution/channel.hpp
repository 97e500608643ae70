// Exercise 06: a channel, one answer. See ../README.md.
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

// Many senders, one receiver (Rust's mpsc): send() from any task or thread,
// recv() from one task at a time. Copies share the one channel.
template <class T>
class Channel {
 public:
  // Queues `value` and wakes the receiver if it waits. Thread-safe; never
  // waits for anything but the channel's mutex.
  void send(T value) {
    std::optional<async::Waker> waiting;
    {
      std::lock_guard lock(shared_->mutex);
      shared_->values.push_back(std::move(value));
      // Taken, not copied: one wake per wait. The receiver leaves a new
      // waker if it has to wait again.
      waiting = std::exchange(shared_->receiver, std::nullopt);
    }
    if (waiting) waiting->wake();  // after the unlock: the receiver's poll wants the mutex
  }

  // A future Ready with the oldest value not yet received.
  [[nodiscard]] async::FuturePtr<T> recv() { return std::make_unique<Recv>(shared_); }

  // Values sent and not yet received.
  [[nodiscard]] std::size_t size() const {
    std::lock_guard lock(shared_->mutex);
    return shared_->values.size();
  }

 private:
  struct Shared {
    mutable std::mutex mutex;  // guards both: senders and the receiver use them
    std::deque<T> values;      // every value sent, oldest first
    std::optional<async::Waker> receiver;  // the waiting receiver's latest waker
  };

  class Recv final : public async::Future<T> {
   public:
    explicit Recv(std::shared_ptr<Shared> shared) : shared_(std::move(shared)) {}
    async::PollState<T> poll(const async::Waker& waker) override {
      if (done_) throw async::FuturePolledAfterReady("Channel::recv");
      // The look and the waker under one lock: a send either comes before
      // (we see its value) or after (it finds this waker). Never between.
      std::lock_guard lock(shared_->mutex);
      if (shared_->values.empty()) {
        shared_->receiver = waker;  // the latest: this future may have moved to another task
        return async::NotReady{};   // no self-wake: the next send wakes us, nothing else can help
      }
      T value = std::move(shared_->values.front());
      shared_->values.pop_front();
      done_ = true;
      return async::Ready{std::move(value)};
    }

   private:
    std::shared_ptr<Shared> shared_;
    bool done_ = false;
  };

  std::shared_ptr<Shared> shared_ = std::make_shared<Shared>();
};

}  // namespace exercise
