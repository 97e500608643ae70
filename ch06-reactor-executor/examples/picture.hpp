// The picture of a run, for the demos' --svg: an async::Observer that
// draws each executor's thread as a lane of a common::Timeline, with where
// it parked and who woke it: the reactor's thread, another thread, or the
// executor's own thread (a spawn, a task waking itself).
//
//   common::Timeline timeline;
//   timeline.record_events(svg.wanted());
//   example::Picture picture(timeline, svg.wanted());  // installs itself when drawing
//   picture.name_this_thread("main thread");           // before this thread's Executor is made
//   async::Runtime runtime;  ...                        // destroyed before `picture`
#pragma once

#include <cstddef>
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
};

}  // namespace example
