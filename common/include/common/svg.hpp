// A run's timeline as a picture: a small SVG writer, our own (an SVG is a
// few lines of text; any browser shows it).
//
//   title, and a line of figures
//   /300/request-1  |  [=====|=|====|====]           | 301 ms    one row per request:
//   /600/request-0  |  [=|=|======================]  | 602 ms    a bar from start to answer,
//   main thread     |  [..parked..]^ [..parked..]^   |           poll ticks on it
//                   0 ms     200 ms     400 ms   600 ms          per thread: parks, and
//   legend                                                       who woke it (^)
//
// Ticks are merged per pixel column and consecutive columns into one
// rectangle, so a busy loop's millions of polls are a solid band of a few
// hundred bytes: a picture stays small whatever the run did.
#pragma once

#include <fstream>
#include <iosfwd>
#include <string>

#include "common/timeline.hpp"

namespace common {

struct SvgOptions {
  std::string title;     // e.g. "ch05 a-runtime: 5 requests, one thread sleeping in epoll_wait"
  std::string subtitle;  // a line of figures under it (may be empty)
  std::string tick = "poll";  // what a tick on a row is, for the legend
  std::string bar = "request: start to answer";  // and what a row's bar is
  int width = 960;            // pixels, labels included
};

// Writes the picture of `timeline` as a whole SVG document.
void write_svg(std::ostream& out, const Timeline::Snapshot& timeline, const SvgOptions& options);

// The file behind a demo's --svg option (see common/demo.hpp). Opened when
// the option is parsed, so a path that cannot be written stops the program
// before it does any work; written once at the end.
class SvgFile {
 public:
  // Creates or truncates `path`. Throws std::runtime_error naming the path
  // and the reason when it cannot be opened for writing.
  void open(const std::string& path);
  // Whether --svg was given (open() succeeded).
  [[nodiscard]] bool wanted() const noexcept { return out_.is_open(); }
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  // Draws `timeline` into the file and closes it; nothing when !wanted().
  // Throws std::runtime_error when the write fails (a full disk).
  void write(const Timeline& timeline, const SvgOptions& options);

 private:
  std::string path_;
  std::ofstream out_;
};

}  // namespace common
