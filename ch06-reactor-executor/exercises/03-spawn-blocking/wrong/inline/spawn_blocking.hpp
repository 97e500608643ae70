// WRONG: runs the work inline in poll(), on the executor's thread, and returns Ready. Caught by: the work runs on a thread of its own so the first poll is NotReady
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
    (void)waker;
    // The work is right here: run it and hand back the value.
    return async::Ready{work_()};
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
