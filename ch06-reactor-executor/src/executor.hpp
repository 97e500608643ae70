// NEW (ch06): the Executor, the half of the runtime that runs tasks.
//
// A task is a top-level future, spawned with an id. The executor keeps its
// tasks in a map and a ReadyQueue of ids that may make progress. It polls
// only those, each with a Waker naming that task and this queue; when the
// queue is empty it parks its thread until a waker pushes an id:
//
//   async::Executor executor;               // this thread's executor
//   executor.block_on(async_main());        // spawn it, run until all tasks are done
//   ... inside any task:  async::spawn(request(i));   // another task, same executor
//
// One per thread (the book's `thread_local! CURRENT_EXEC`): it is not
// thread-safe and never needs to be. Only its ReadyQueue is shared, with
// the reactor's thread and with whoever else holds a waker. Several threads
// each run their own Executor and share the one Reactor.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "future.hpp"
#include "task.hpp"
#include "waker.hpp"

namespace async {

// Thrown by async::spawn on a thread with no Executor.
class NoExecutor : public std::logic_error {
 public:
  NoExecutor();
};

class Executor {
 public:
  // What this executor did, for the demos and the tests.
  struct Stats {
    long long polls = 0;     // task polls
    long long parks = 0;     // times the thread slept with nothing ready
    long long spawned = 0;   // tasks spawned (block_on's own task included)
    long long finished = 0;  // tasks that returned Ready
    long long stale = 0;     // ids taken from the queue whose task had already finished
  };

  // Becomes this thread's executor; a second one on the same thread throws
  // std::logic_error (async::spawn would not know which to use).
  Executor();
  ~Executor();  // destroys the tasks it still holds, then stops being current
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  // Adds a task and puts it on the ready queue: it is polled on the next
  // turn of the loop, not now. Returns its id. Throws std::invalid_argument
  // for a null future.
  std::size_t spawn(FuturePtr<void> future);

  // Spawns `future` and runs until every task is done: `future` and all
  // that were spawned meanwhile (the book's block_on). Returns `future`'s
  // output. Exceptions from a task's poll come out here.
  template <class T>
  T block_on(FuturePtr<T> future);

  [[nodiscard]] const Stats& stats() const noexcept { return stats_; }
  // Tasks spawned and not finished.
  [[nodiscard]] std::size_t tasks() const noexcept { return tasks_.size(); }
  // The ready queue's total wakes (block_on's and spawn's pushes included).
  [[nodiscard]] long long wakes() const { return ready_->pushes(); }

 private:
  void run();  // the loop: take ready ids, poll those tasks, park when none

  std::shared_ptr<ReadyQueue> ready_ = std::make_shared<ReadyQueue>();
  std::unordered_map<std::size_t, FuturePtr<void>> tasks_;
  std::size_t next_id_ = 1;  // task ids: per executor, so a plain counter
  Stats stats_;
};

// Spawns `future` on this thread's Executor (see Executor::spawn), from a
// task or from the code that set the executor up. Throws NoExecutor.
std::size_t spawn(FuturePtr<void> future);
// A coroutine Task<void>, boxed and spawned.
std::size_t spawn(Task<void> task);

// This thread's Executor, or nullptr.
[[nodiscard]] Executor* current_executor() noexcept;

namespace detail {

// block_on's top-level task: polls the user's future and keeps its output
// where block_on can return it.
template <class T>
class Capture final : public Future<void> {
 public:
  using Slot = std::conditional_t<std::is_void_v<T>, bool, std::optional<T>>;
  Capture(FuturePtr<T> inner, Slot& slot) : inner_(std::move(inner)), slot_(slot) {}

  PollState<void> poll(const Waker& waker) override {
    auto state = inner_->poll(waker);
    if (!state.is_ready()) return NotReady{};
    if constexpr (std::is_void_v<T>) {
      slot_ = true;
    } else {
      slot_.emplace(std::move(state).value());
    }
    return Ready{};
  }

 private:
  FuturePtr<T> inner_;
  Slot& slot_;
};

}  // namespace detail

template <class T>
T Executor::block_on(FuturePtr<T> future) {
  if (!future) throw std::invalid_argument("Executor::block_on: the future is null");
  typename detail::Capture<T>::Slot output{};
  spawn(std::make_unique<detail::Capture<T>>(std::move(future), output));
  run();
  if constexpr (!std::is_void_v<T>) return std::move(*output);
}

}  // namespace async
