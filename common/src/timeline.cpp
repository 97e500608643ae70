#include "common/timeline.hpp"

#include <algorithm>
#include <ostream>

namespace common {

namespace {
long long to_ms(Timeline::Clock::duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}
}  // namespace

Timeline::Timeline() : zero_(Clock::now()) {}

std::size_t Timeline::add(std::string label) {
  std::lock_guard lock(mutex_);
  rows_.push_back(Row{std::move(label), Clock::now(), std::nullopt});
  return rows_.size() - 1;
}

void Timeline::finish(std::size_t row) {
  const auto now = Clock::now();
  std::lock_guard lock(mutex_);
  if (row < rows_.size() && !rows_[row].end) rows_[row].end = now;
}

Timeline::Clock::duration Timeline::elapsed() const { return Clock::now() - zero_; }

std::size_t Timeline::size() const {
  std::lock_guard lock(mutex_);
  return rows_.size();
}

void Timeline::print(std::ostream& out, int width) const {
  std::lock_guard lock(mutex_);
  const auto now = Clock::now();
  width = std::max(width, 10);
  const long long total = std::max(to_ms(now - zero_), 1LL);
  const double ms_per_column = static_cast<double>(total) / width;
  std::size_t label_width = 0;
  for (const auto& row : rows_) label_width = std::max(label_width, row.label.size());

  out << "timeline: 0 .. " << total << " ms, one column = " << static_cast<long long>(ms_per_column + 0.5)
      << " ms\n";
  for (const auto& row : rows_) {
    const long long from = to_ms(row.start - zero_);
    const long long to = to_ms(row.end.value_or(now) - zero_);
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
