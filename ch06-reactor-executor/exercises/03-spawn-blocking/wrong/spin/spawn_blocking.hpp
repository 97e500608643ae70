// WRONG: wakes its own task on every NotReady poll, so the executor polls it again and again while the work runs. Caught by: while the work runs the future never wakes itself however often it is polled
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "future.hpp"

namespace exercise {

template <class T>
class SpawnBlocking final : public async::Future<T> {
 public:
  explicit SpawnBlocking(std::function<T()> work) : shared_(std::make_shared<Shared>()), work_(std::move(work)) {}
  ~SpawnBlocking() override {
    if (thread_.joinable()) thread_.join();
  }
  SpawnBlocking(const SpawnBlocking&) = delete;
  SpawnBlocking& operator=(const SpawnBlocking&) = delete;

  async::PollState<T> poll(const async::Waker& waker) override {
    {
      // The waker and the check under one lock: either the thread has
      // stored the value already (we see it below), or it will find this
      // waker when it does. No moment in between where a wake gets lost.
      std::lock_guard lock(shared_->mutex);
      shared_->waker = waker;  // the latest wins, as in Reactor::set_waker
      if (shared_->value) return async::Ready{std::move(*shared_->value)};
    }
    if (!thread_.joinable()) {
      thread_ = std::thread([shared = shared_, work = std::move(work_)] {
        T value = work();
        std::optional<async::Waker> waker;
        {
          std::lock_guard lock(shared->mutex);
          shared->value.emplace(std::move(value));
          waker = shared->waker;
        }
        if (waker) waker->wake();  // after the unlock: the executor's poll may want the mutex at once
      });
    }
    waker.wake();  // be polled again soon, in case the value is there by then
    return async::NotReady{};
  }

 private:
  struct Shared {
    std::mutex mutex;  // guards all three: the thread and the poller both use them
    std::optional<T> value;
    std::optional<async::Waker> waker;
  };
  std::shared_ptr<Shared> shared_;
  std::function<T()> work_;
  std::thread thread_;
};

template <class T>
[[nodiscard]] async::FuturePtr<T> spawn_blocking(std::function<T()> work) {
  return std::make_unique<SpawnBlocking<T>>(std::move(work));
}

}  // namespace exercise
