// The picture of a run, for the demos' --svg: an async::Observer that
// draws each executor's thread as a lane of a common::Timeline, with where
// it parked and who woke it: the reactor's thread, another thread, or the
// executor's own thread (a spawn, a task waking itself).
//
// The work-stealing executor's workers (e-work-stealing) are lanes too,
// "worker 0", "worker 1"..., and a task reaches one in three ways:
//   - queued on its own queue, by itself (a spawn, a task it runs waking
//     another): drawn when queued, as "woken by itself";
//   - through the injector (the reactor's wakes, block_on's root): drawn when
//     the worker takes the task, as woken by whoever queued it;
//   - stolen from another worker's queue: drawn when stolen, one mark per
//     steal, as "woken by another thread".
// A task woken while it is being polled is queued again by the worker that
// polls it, after the poll: that wake is not drawn.
//
//   common::Timeline timeline;
//   timeline.record_events(svg.wanted());
//   example::Picture picture(timeline, svg.wanted());  // installs itself when drawing
//   picture.name_this_thread("main thread");           // before this thread's Executor is made
//   async::Runtime runtime;  ...                        // destroyed before `picture`
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "common/timeline.hpp"
#include "observer.hpp"

namespace example {

class Picture final : public async::Observer {
 public:
  Picture(common::Timeline& timeline, bool drawing) : timeline_(timeline), drawing_(drawing) {
    if (drawing_) async::set_observer(this);
  }
  ~Picture() override {
    if (drawing_) async::set_observer(nullptr);
  }
  Picture(const Picture&) = delete;
  Picture& operator=(const Picture&) = delete;

  // The lane name of the Executor this thread makes next.
  static void name_this_thread(std::string name) { thread_name() = std::move(name); }

  void executor_started(const async::ReadyQueue& queue) override {
    const std::size_t lane = timeline_.add_lane(thread_name().empty() ? "executor" : thread_name());
    thread_lane() = lane;
    std::lock_guard lock(mutex_);
    lanes_[&queue] = lane;
  }
  void reactor_started() override { on_reactor_thread() = true; }
  void parking(const async::ReadyQueue& queue) override {
    if (const auto lane = lane_of(queue)) timeline_.park(*lane);
  }
  void unparked(const async::ReadyQueue& queue) override {
    if (const auto lane = lane_of(queue)) timeline_.unpark(*lane);
  }
  void woken(const async::ReadyQueue& queue, std::size_t /*id*/) override {
    const auto lane = lane_of(queue);
    if (!lane) return;
    const auto source = on_reactor_thread()          ? common::WakeSource::reactor
                        : thread_lane() == *lane ? common::WakeSource::itself
                                                 : common::WakeSource::other_thread;
    timeline_.wake(*lane, source);
  }

  // The work-stealing executor's hooks: every one but task_queued runs on
  // the worker's own thread, whose lane is thread_lane().
  void worker_started(const void* /*executor*/, std::size_t worker) override {
    thread_lane() = timeline_.add_lane("worker " + std::to_string(worker));
  }
  void worker_parking(const void* /*executor*/, std::size_t /*worker*/) override {
    if (const auto lane = thread_lane()) timeline_.park(*lane);
  }
  void worker_unparked(const void* /*executor*/, std::size_t /*worker*/) override {
    if (const auto lane = thread_lane()) timeline_.unpark(*lane);
  }
  void task_queued(const void* executor, std::size_t id, bool onto_own_queue) override {
    if (onto_own_queue) {
      if (const auto lane = thread_lane()) timeline_.wake(*lane, common::WakeSource::itself);
      return;
    }
    // Onto the injector: no lane yet. Who queued it, for the worker that takes it.
    const auto source = on_reactor_thread() ? common::WakeSource::reactor : common::WakeSource::other_thread;
    std::lock_guard lock(mutex_);
    injected_[{executor, id}] = source;
  }
  void task_taken(const void* executor, std::size_t /*worker*/, std::size_t id, async::Observer::Taken from) override {
    const auto lane = thread_lane();
    if (!lane) return;
    if (from == Taken::stolen) {
      timeline_.wake(*lane, common::WakeSource::other_thread);
    } else if (from == Taken::injector) {
      std::optional<common::WakeSource> source;
      {
        std::lock_guard lock(mutex_);
        const auto found = injected_.find({executor, id});
        if (found != injected_.end()) {
          source = found->second;
          injected_.erase(found);
        }
      }
      if (source) timeline_.wake(*lane, *source);
    }
  }

 private:
  std::optional<std::size_t> lane_of(const async::ReadyQueue& queue) const {
    std::lock_guard lock(mutex_);
    const auto found = lanes_.find(&queue);
    if (found == lanes_.end()) return std::nullopt;
    return found->second;
  }
  static std::string& thread_name() {
    thread_local std::string name;
    return name;
  }
  static std::optional<std::size_t>& thread_lane() {
    thread_local std::optional<std::size_t> lane;
    return lane;
  }
  static bool& on_reactor_thread() {
    thread_local bool yes = false;
    return yes;
  }

  common::Timeline& timeline_;
  bool drawing_;
  mutable std::mutex mutex_;
  std::unordered_map<const async::ReadyQueue*, std::size_t> lanes_;
  std::map<std::pair<const void*, std::size_t>, common::WakeSource> injected_;  // queued on an injector, not taken yet
};

}  // namespace example
