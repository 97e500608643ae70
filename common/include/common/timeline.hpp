// The terminal timeline every concurrent demo ends with: one row per request,
// a bar from its start to its end on a shared time axis, and the total.
//
//   timeline: 0 .. 5006 ms, one column = 100 ms
//   /5000/request-0 |==================================================| 5004 ms
//   /4000/request-1 |========================================          | 4003 ms
//   total elapsed: 5006 ms
//
// Rows that overlap run concurrently; a staircase means they ran one by one.
#pragma once

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace common {

class Timeline {
 public:
  using Clock = std::chrono::steady_clock;

  Timeline();  // time zero is now

  // A new row, started now. Returns its index for finish(). Thread-safe.
  std::size_t add(std::string label);
  // The row's end is now. Thread-safe; finishing twice keeps the first end.
  void finish(std::size_t row);

  [[nodiscard]] Clock::duration elapsed() const;
  [[nodiscard]] std::size_t size() const;

  // Prints the rows and "total elapsed: N ms"; `width` columns of bar.
  void print(std::ostream& out, int width = 50) const;

 private:
  struct Row {
    std::string label;
    Clock::time_point start;
    std::optional<Clock::time_point> end;
  };
  Clock::time_point zero_;
  mutable std::mutex mutex_;
  std::vector<Row> rows_;
};

}  // namespace common
