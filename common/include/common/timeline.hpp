// The timeline every concurrent demo ends with: one row per request, a bar
// from its start to its end on a shared time axis, and the total.
//
//   timeline: 0 .. 5006 ms, one column = 100 ms
//   /5000/request-0 |==================================================| 5004 ms
//   /4000/request-1 |========================================          | 4003 ms
//   total elapsed: 5006 ms
//
// Rows that overlap run concurrently; a staircase means they ran one by one.
//
// With record_events(true) (a demo's --svg) it also keeps what happened in
// between, for common/svg.hpp to draw: each poll of a row's future, and per
// thread ("lane") when it parked and who woke it. Without it those calls
// cost one test of a flag.
//
// The clock is injectable, so tests set every time themselves:
//
//   common::Timeline timeline([&] { return fake_now; });
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace common {

// Who woke a parked thread.
enum class WakeSource {
  reactor,       // the event queue: the reactor's thread, or epoll itself
  other_thread,  // some other thread (another executor, a helper thread)
  itself,        // the thread woke its own queue (a spawn, a task waking itself)
};

class Timeline {
 public:
  using Clock = std::chrono::steady_clock;
  using Now = std::function<Clock::time_point()>;

  // What a picture needs, in durations since time zero.
  struct Row {
    std::string label;
    Clock::duration start{};
    std::optional<Clock::duration> end;
    long long polls = 0;                  // every poll recorded
    std::vector<Clock::duration> ticks;   // their times, at most one per `tick_resolution`
  };
  struct Park {
    Clock::duration from{};
    std::optional<Clock::duration> to;  // none: still parked at the end
  };
  struct Wake {
    Clock::duration at{};
    WakeSource source = WakeSource::reactor;
  };
  struct Lane {
    std::string name;  // "main thread", "executor 1"...
    std::vector<Park> parks;
    std::vector<Wake> wakes;
  };
  struct Snapshot {
    Clock::duration total{};
    std::vector<Row> rows;
    std::vector<Lane> lanes;
  };

  // Polls closer together than this are one tick: a busy loop's millions of
  // polls keep a few thousand timestamps, not millions. A run that lasts
  // microseconds (fibers switching) sets a finer one.
  static constexpr Clock::duration default_tick_resolution = std::chrono::microseconds(100);

  // Time zero is now: by the steady clock, or by `now` (a fake, in tests).
  Timeline() : Timeline(&Clock::now) {}
  explicit Timeline(Now now);

  // A new row, started now. Returns its index for finish(). Thread-safe.
  std::size_t add(std::string label);
  // The row's end is now. Thread-safe; finishing twice keeps the first end.
  void finish(std::size_t row);

  // Off by default. When on, poll/park/unpark/wake are recorded.
  void record_events(bool on) noexcept { recording_.store(on, std::memory_order_relaxed); }
  [[nodiscard]] bool recording_events() const noexcept { return recording_.load(std::memory_order_relaxed); }
  // Set before the run starts.
  void set_tick_resolution(Clock::duration resolution) noexcept { tick_resolution_ = resolution; }

  // The row's future was polled now. Thread-safe.
  void poll(std::size_t row);
  // A lane: one thread's parks and wakes. Returns its index. Thread-safe.
  std::size_t add_lane(std::string name);
  // The lane's thread goes to sleep now / runs again now. Thread-safe.
  void park(std::size_t lane);
  void unpark(std::size_t lane);
  // Someone (`source`) woke the lane's thread now. Thread-safe.
  void wake(std::size_t lane, WakeSource source);

  [[nodiscard]] Clock::duration elapsed() const;
  [[nodiscard]] std::size_t size() const;
  // Everything recorded so far; `total` is elapsed() now.
  [[nodiscard]] Snapshot snapshot() const;

  // Prints the rows and "total elapsed: N ms"; `width` columns of bar.
  void print(std::ostream& out, int width = 50) const;

 private:
  struct RowData {
    Row row;
    std::optional<Clock::time_point> last_tick;
  };
  Now now_;
  Clock::time_point zero_;
  Clock::duration tick_resolution_ = default_tick_resolution;
  std::atomic<bool> recording_{false};  // a flag: the mutex orders what is recorded
  mutable std::mutex mutex_;
  std::vector<RowData> rows_;
  std::vector<Lane> lanes_;
};

}  // namespace common
