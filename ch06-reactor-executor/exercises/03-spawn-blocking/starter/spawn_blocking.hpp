// Exercise 03: spawn_blocking. See ../README.md.
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
    (void)waker;  // TODO: keep it (the latest one) where the thread can wake it
    if (!thread_.joinable()) {
      thread_ = std::thread([shared = shared_, work = std::move(work_)] {
        T value = work();
        std::lock_guard lock(shared->mutex);
        shared->value.emplace(std::move(value));
        // TODO: wake the task that waits for this value
      });
    }
    std::lock_guard lock(shared_->mutex);
    if (!shared_->value) return async::NotReady{};
    return async::Ready{std::move(*shared_->value)};
  }

 private:
  struct Shared {
    std::mutex mutex;  // guards both members: the thread and the poller both use them
    std::optional<T> value;
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
