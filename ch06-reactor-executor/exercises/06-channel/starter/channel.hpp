// Exercise 06: a channel. See ../README.md.
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
    std::lock_guard lock(shared_->mutex);
    shared_->values.push_back(std::move(value));
    // TODO: wake the receiver if it waits (and not while holding the lock).
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
        // TODO: this works, but it is a spin: the executor polls this task
        // again at once, and again, until a value comes. Leave the waker
        // where send() can find it instead.
        waker.wake();
        return async::NotReady{};
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
