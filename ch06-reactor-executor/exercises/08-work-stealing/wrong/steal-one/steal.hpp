// WRONG: a steal takes one task instead of half, so a thief must come back again and again. Caught by: a steal takes the older half of the queue rounded up
#pragma once

#include <cstddef>
#include <deque>
#include <iterator>
#include <mutex>
#include <optional>
#include <vector>

namespace exercise {

// A worker's queue of tasks (any movable T). The owner takes from the front,
// oldest first; a thief takes the older half. Thread-safe.
template <class T>
class WorkQueue {
 public:
  void push(T task) {
    std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
  }
  std::optional<T> pop() {
    std::lock_guard lock(mutex_);
    if (tasks_.empty()) return std::nullopt;
    T task = std::move(tasks_.front());
    tasks_.pop_front();
    return task;
  }
  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return tasks_.size();
  }

  // Removes and returns the older half of the queue, rounded up (1 of 1, 2
  // of 3, 2 of 4), oldest first. The newer ones stay with the owner.
  std::vector<T> take_half() {
    std::lock_guard lock(mutex_);
    const std::size_t n = tasks_.empty() ? 0 : 1;
    std::vector<T> taken(std::make_move_iterator(tasks_.begin()),
                         std::make_move_iterator(tasks_.begin() + static_cast<std::ptrdiff_t>(n)));
    tasks_.erase(tasks_.begin(), tasks_.begin() + static_cast<std::ptrdiff_t>(n));
    return taken;
  }

 private:
  mutable std::mutex mutex_;
  std::deque<T> tasks_;
};

struct Counters {
  long long local = 0;     // tasks from the worker's own queue
  long long injected = 0;  // tasks from the injector
  long long steals = 0;    // steals that found something
};

// Where worker `me` finds its next task: its own queue; else the injector;
// else the older half of another worker's queue, trying me+1, me+2, ... in
// turn: the first stolen task is returned, the rest go on its own queue.
// Nothing anywhere: std::nullopt (the worker may park).
template <class T>
std::optional<T> next_task(std::size_t me, std::vector<WorkQueue<T>>& locals, WorkQueue<T>& injector,
                           Counters& counters) {
  if (auto task = locals[me].pop()) {
    ++counters.local;
    return task;
  }
  if (auto task = injector.pop()) {
    ++counters.injected;
    return task;
  }
  for (std::size_t k = 1; k < locals.size(); ++k) {
    std::vector<T> stolen = locals[(me + k) % locals.size()].take_half();
    if (stolen.empty()) continue;
    ++counters.steals;
    for (std::size_t i = 1; i < stolen.size(); ++i) locals[me].push(std::move(stolen[i]));
    return std::move(stolen.front());
  }
  return std::nullopt;
}

}  // namespace exercise
