#include "common/svg.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ostream>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

namespace common {

namespace {

constexpr int kRowHeight = 24;
constexpr int kTop = 64;          // below the title and the figures
constexpr int kRightMargin = 80;  // room for "12345 ms" after a bar
constexpr double kCharWidth = 7.3;  // monospace 12px, roughly

double to_ms(Timeline::Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

std::string escaped(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default:
        // Control characters are not allowed in XML 1.0 text.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string num(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  std::string text = buffer;
  if (text.size() > 2 && text.ends_with(".0")) text.resize(text.size() - 2);
  return text;
}

// A time for data-* attributes and tooltips: up to microseconds, no trailing zeros.
std::string ms_value(double ms) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.3f", ms);
  std::string text = buffer;
  while (text.ends_with('0')) text.pop_back();
  if (text.ends_with('.')) text.pop_back();
  return text == "-0" ? "0" : text;
}

// A row's duration beside its bar: "1502 ms", "3.4 ms", "12 us".
std::string duration_label(double ms) {
  char buffer[40];
  if (ms >= 10) {
    std::snprintf(buffer, sizeof buffer, "%.0f ms", ms);
  } else if (ms >= 1) {
    std::snprintf(buffer, sizeof buffer, "%.1f ms", ms);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.0f us", ms * 1000);
  }
  return buffer;
}

// A step for the time axis: 1, 2 or 5 times a power of ten, for about 8 marks.
double axis_step(double total_ms) {
  const double raw = std::max(total_ms / 8.0, 1e-3);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double factor : {1.0, 2.0, 5.0}) {
    if (factor * magnitude >= raw) return factor * magnitude;
  }
  return 10.0 * magnitude;
}

// "300", "0.25": as many decimals as the step needs (a run of microseconds
// has an axis too).
std::string axis_label(double ms, double step) {
  const int decimals = step >= 1.0 ? 0 : std::min(6, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, ms);
  return buffer;
}

// Maps times to pixel columns of the plot.
struct Scale {
  double left;
  double width;
  double total_ms;
  [[nodiscard]] int column(Timeline::Clock::duration d) const {
    const double ms = std::clamp(to_ms(d), 0.0, total_ms);
    return std::min(static_cast<int>(ms / total_ms * width), static_cast<int>(width) - 1);
  }
  [[nodiscard]] double x(Timeline::Clock::duration d) const {
    return left + std::clamp(to_ms(d), 0.0, total_ms) / total_ms * width;
  }
};

// One path of rectangles: each run of consecutive columns is one rectangle.
void column_runs(std::ostream& out, const std::set<int>& columns, double left, int y, int height,
                 const char* fill) {
  if (columns.empty()) return;
  out << "<path fill=\"" << fill << "\" d=\"";
  auto it = columns.begin();
  while (it != columns.end()) {
    const int first = *it;
    int last = first;
    for (++it; it != columns.end() && *it == last + 1; ++it) last = *it;
    out << 'M' << num(left + first) << ',' << y << 'h' << (last - first + 1) << 'v' << height << 'h'
        << -(last - first + 1) << 'z';
  }
  out << "\"/>\n";
}

const char* wake_colour(WakeSource source) {
  switch (source) {
    case WakeSource::reactor: return "#e07b00";
    case WakeSource::other_thread: return "#8e44ad";
    case WakeSource::itself: return "#2e9e4f";
  }
  return "#000";
}

}  // namespace

void write_svg(std::ostream& out, const Timeline::Snapshot& timeline, const SvgOptions& options) {
  std::size_t longest = 8;
  for (const auto& row : timeline.rows) longest = std::max(longest, row.label.size());
  for (const auto& lane : timeline.lanes) longest = std::max(longest, lane.name.size());
  const int width = std::max(options.width, 480);
  const double label_width = std::clamp(static_cast<double>(longest) * kCharWidth + 16.0, 100.0, width / 2.5);
  const Scale scale{label_width, width - label_width - kRightMargin, std::max(to_ms(timeline.total), 1e-3)};

  const int rows_top = kTop;
  const int lanes_top = rows_top + static_cast<int>(timeline.rows.size()) * kRowHeight +
                        (timeline.lanes.empty() ? 0 : 28);
  const int axis_y = lanes_top + static_cast<int>(timeline.lanes.size()) * kRowHeight + 6;
  const int legend_y = axis_y + 44;
  const int height = legend_y + 26;

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
      << "\" viewBox=\"0 0 " << width << ' ' << height << "\" font-family=\"sans-serif\" font-size=\"12\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
      << "<text x=\"12\" y=\"24\" font-size=\"16\" font-weight=\"bold\">" << escaped(options.title) << "</text>\n";
  if (!options.subtitle.empty()) {
    out << "<text x=\"12\" y=\"44\" fill=\"#444\">" << escaped(options.subtitle) << "</text>\n";
  }

  // The time axis and its grid, behind everything else.
  const double step = axis_step(scale.total_ms);
  out << "<g id=\"axis\" stroke=\"#e4e4e4\">\n";
  for (double ms = 0; ms <= scale.total_ms + 1e-9; ms += step) {
    const double x = scale.left + ms / scale.total_ms * scale.width;
    out << "<line x1=\"" << num(x) << "\" y1=\"" << rows_top - 4 << "\" x2=\"" << num(x) << "\" y2=\"" << axis_y
        << "\"/>\n";
  }
  out << "<line stroke=\"#666\" x1=\"" << num(scale.left) << "\" y1=\"" << axis_y << "\" x2=\""
      << num(scale.left + scale.width) << "\" y2=\"" << axis_y << "\"/>\n</g>\n";
  out << "<g id=\"axis-labels\" fill=\"#444\" text-anchor=\"middle\">\n";
  for (double ms = 0; ms <= scale.total_ms + 1e-9; ms += step) {
    const double x = scale.left + ms / scale.total_ms * scale.width;
    out << "<text x=\"" << num(x) << "\" y=\"" << axis_y + 16 << "\">" << axis_label(ms, step) << " ms</text>\n";
  }
  out << "</g>\n";

  // One row per request: label, bar from start to end, poll ticks on it.
  out << "<g id=\"rows\">\n";
  for (std::size_t i = 0; i < timeline.rows.size(); ++i) {
    const auto& row = timeline.rows[i];
    const int y = rows_top + static_cast<int>(i) * kRowHeight;
    const auto end = row.end.value_or(timeline.total);
    const double x0 = scale.x(row.start);
    const double bar = std::max(scale.x(end) - x0, 1.0);
    out << "<g class=\"row\" data-label=\"" << escaped(row.label) << "\" data-start-ms=\""
        << ms_value(to_ms(row.start)) << "\" data-end-ms=\""
        << (row.end ? ms_value(to_ms(*row.end)) : std::string("none")) << "\" data-polls=\"" << row.polls << "\">\n"
        << "<title>" << escaped(row.label) << ": " << ms_value(to_ms(row.start)) << " .. "
        << (row.end ? ms_value(to_ms(*row.end)) + " ms" : std::string("not finished")) << ", " << row.polls
        << " polls</title>\n"
        << "<text x=\"" << num(label_width - 8) << "\" y=\"" << y + 16
        << "\" text-anchor=\"end\" font-family=\"monospace\">" << escaped(row.label) << "</text>\n"
        << "<rect x=\"" << num(x0) << "\" y=\"" << y + 5 << "\" width=\"" << num(bar) << "\" height=\"14\" fill=\""
        << (row.end ? "#a8c8ec" : "#dddddd") << "\"/>\n";
    std::set<int> columns;
    for (const auto tick : row.ticks) columns.insert(scale.column(tick));
    column_runs(out, columns, scale.left, y + 3, 18, "#1f4e8c");
    out << "<text x=\"" << num(x0 + bar + 6) << "\" y=\"" << y + 16 << "\" fill=\"#444\">"
        << (row.end ? duration_label(to_ms(*row.end - row.start)) : std::string("not finished"))
        << "</text>\n</g>\n";
  }
  out << "</g>\n";

  // Per thread: where it slept, and who woke it.
  if (!timeline.lanes.empty()) {
    out << "<text x=\"12\" y=\"" << lanes_top - 10 << "\" font-weight=\"bold\">threads</text>\n<g id=\"lanes\">\n";
    for (std::size_t i = 0; i < timeline.lanes.size(); ++i) {
      const auto& lane = timeline.lanes[i];
      const int y = lanes_top + static_cast<int>(i) * kRowHeight;
      std::size_t by[3] = {0, 0, 0};
      for (const auto& wake : lane.wakes) ++by[static_cast<int>(wake.source)];
      out << "<g class=\"lane\" data-label=\"" << escaped(lane.name) << "\" data-parks=\"" << lane.parks.size()
          << "\" data-wakes=\"" << lane.wakes.size() << "\" data-woken-by-reactor=\"" << by[0]
          << "\" data-woken-by-other-thread=\"" << by[1] << "\" data-woken-by-itself=\"" << by[2] << "\">\n"
          << "<title>" << escaped(lane.name) << ": " << lane.parks.size() << " parks, " << lane.wakes.size()
          << " wakes</title>\n"
          << "<text x=\"" << num(label_width - 8) << "\" y=\"" << y + 16
          << "\" text-anchor=\"end\" font-family=\"monospace\">" << escaped(lane.name) << "</text>\n"
          << "<line x1=\"" << num(scale.left) << "\" y1=\"" << y + 12 << "\" x2=\"" << num(scale.left + scale.width)
          << "\" y2=\"" << y + 12 << "\" stroke=\"#555\" stroke-width=\"2\"/>\n";
      std::set<int> parked;
      for (const auto& park : lane.parks) {
        const int first = scale.column(park.from);
        const int last = scale.column(park.to.value_or(timeline.total));
        for (int c = first; c <= last; ++c) parked.insert(c);
      }
      column_runs(out, parked, scale.left, y + 5, 14, "#c8c8c8");
      for (const WakeSource source : {WakeSource::reactor, WakeSource::other_thread, WakeSource::itself}) {
        std::set<int> columns;
        for (const auto& wake : lane.wakes) {
          if (wake.source == source) columns.insert(scale.column(wake.at));
        }
        column_runs(out, columns, scale.left, y + 1, 22, wake_colour(source));
      }
      out << "</g>\n";
    }
    out << "</g>\n";
  }

  // The legend.
  struct Item {
    const char* colour;
    int w;
    int h;
    const char* text;
  };
  std::vector<Item> items{{"#a8c8ec", 22, 12, options.bar.c_str()},
                          {"#1f4e8c", 2, 16, options.tick.c_str()}};
  if (!timeline.lanes.empty()) {
    items.push_back({"#c8c8c8", 22, 12, "thread parked (asleep)"});
    // Only the wake sources this run had.
    auto seen = [&](WakeSource source) {
      for (const auto& lane : timeline.lanes) {
        for (const auto& wake : lane.wakes) {
          if (wake.source == source) return true;
        }
      }
      return false;
    };
    if (seen(WakeSource::reactor)) items.push_back({wake_colour(WakeSource::reactor), 2, 16, "woken by the reactor (epoll)"});
    if (seen(WakeSource::other_thread)) items.push_back({wake_colour(WakeSource::other_thread), 2, 16, "woken by another thread"});
    if (seen(WakeSource::itself)) items.push_back({wake_colour(WakeSource::itself), 2, 16, "woken by itself"});
  }
  out << "<g id=\"legend\" fill=\"#222\">\n";
  double x = 12;
  for (const auto& item : items) {
    out << "<rect x=\"" << num(x) << "\" y=\"" << legend_y - 8 - item.h / 2 << "\" width=\"" << item.w
        << "\" height=\"" << item.h << "\" fill=\"" << item.colour << "\"/>\n"
        << "<text x=\"" << num(x + item.w + 5) << "\" y=\"" << legend_y - 4 << "\">" << item.text << "</text>\n";
    x += item.w + 5 + static_cast<double>(std::strlen(item.text)) * 6.6 + 18;
  }
  out << "</g>\n</svg>\n";
}

void SvgFile::open(const std::string& path) {
  out_.open(path, std::ios::out | std::ios::trunc);
  if (!out_.is_open()) {
    const int error = errno;
    throw std::runtime_error("--svg " + path + ": cannot open for writing: " +
                             (error != 0 ? std::strerror(error) : "unknown reason"));
  }
  path_ = path;
}

void SvgFile::write(const Timeline& timeline, const SvgOptions& options) {
  if (!wanted()) return;
  write_svg(out_, timeline.snapshot(), options);
  out_.close();
  if (out_.fail()) throw std::runtime_error("--svg " + path_ + ": writing the picture failed");
}

}  // namespace common
