#include "common/timeline.hpp"

#include <algorithm>
#include <ostream>
#include <utility>

namespace common {

namespace {
long long to_ms(Timeline::Clock::duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}
}  // namespace

Timeline::Timeline(Now now) : now_(now ? std::move(now) : Now(&Clock::now)), zero_(now_()) {}

std::size_t Timeline::add(std::string label) {
  const auto now = now_();
  std::lock_guard lock(mutex_);
  rows_.push_back(RowData{Row{std::move(label), now - zero_, std::nullopt, 0, {}}, std::nullopt});
  return rows_.size() - 1;
}

void Timeline::finish(std::size_t row) {
  const auto now = now_();
  std::lock_guard lock(mutex_);
  if (row < rows_.size() && !rows_[row].row.end) rows_[row].row.end = now - zero_;
}

void Timeline::poll(std::size_t row) {
  if (!recording_events()) return;
  const auto now = now_();
  std::lock_guard lock(mutex_);
  if (row >= rows_.size()) return;
  RowData& data = rows_[row];
  ++data.row.polls;
  if (data.last_tick && now - *data.last_tick < tick_resolution_) return;
  data.last_tick = now;
  data.row.ticks.push_back(now - zero_);
}

std::size_t Timeline::add_lane(std::string name) {
  std::lock_guard lock(mutex_);
  lanes_.push_back(Lane{std::move(name), {}, {}});
  return lanes_.size() - 1;
}

void Timeline::park(std::size_t lane) {
  if (!recording_events()) return;
  const auto now = now_();
  std::lock_guard lock(mutex_);
  if (lane >= lanes_.size()) return;
  auto& parks = lanes_[lane].parks;
  if (!parks.empty() && !parks.back().to) return;  // already parked
  parks.push_back(Park{now - zero_, std::nullopt});
}

void Timeline::unpark(std::size_t lane) {
  if (!recording_events()) return;
  const auto now = now_();
  std::lock_guard lock(mutex_);
  if (lane >= lanes_.size()) return;
  auto& parks = lanes_[lane].parks;
  if (!parks.empty() && !parks.back().to) parks.back().to = now - zero_;
}

void Timeline::wake(std::size_t lane, WakeSource source) {
  if (!recording_events()) return;
  const auto now = now_();
  std::lock_guard lock(mutex_);
  if (lane < lanes_.size()) lanes_[lane].wakes.push_back(Wake{now - zero_, source});
}

Timeline::Clock::duration Timeline::elapsed() const { return now_() - zero_; }

std::size_t Timeline::size() const {
  std::lock_guard lock(mutex_);
  return rows_.size();
}

Timeline::Snapshot Timeline::snapshot() const {
  const auto total = elapsed();
  std::lock_guard lock(mutex_);
  Snapshot snapshot{total, {}, lanes_};
  snapshot.rows.reserve(rows_.size());
  for (const auto& data : rows_) snapshot.rows.push_back(data.row);
  return snapshot;
}

void Timeline::print(std::ostream& out, int width) const {
  const Snapshot shot = snapshot();
  width = std::max(width, 10);
  const long long total = std::max(to_ms(shot.total), 1LL);
  const double ms_per_column = static_cast<double>(total) / width;
  std::size_t label_width = 0;
  for (const auto& row : shot.rows) label_width = std::max(label_width, row.label.size());

  out << "timeline: 0 .. " << total << " ms, one column = " << static_cast<long long>(ms_per_column + 0.5)
      << " ms\n";
  for (const auto& row : shot.rows) {
    const long long from = to_ms(row.start);
    const long long to = to_ms(row.end.value_or(shot.total));
    auto column = [&](long long ms) {
      return std::clamp(static_cast<int>(static_cast<double>(ms) / ms_per_column + 0.5), 0, width);
    };
    const int first = column(from);
    const int last = std::max(column(to), first + 1 <= width ? first + 1 : first);
    std::string bar(static_cast<std::size_t>(width), ' ');
    std::fill(bar.begin() + first, bar.begin() + last, row.end ? '=' : '.');
    out << row.label << std::string(label_width - row.label.size(), ' ') << " |" << bar << "| ";
    if (row.end) {
      out << (to - from) << " ms\n";
    } else {
      out << "not finished\n";
    }
  }
  out << "total elapsed: " << total << " ms\n";
}

}  // namespace common
