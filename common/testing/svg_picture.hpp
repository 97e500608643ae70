// Reads back a picture that a demo drew with --svg, for tests: does it
// parse (xmllint --noout), and what rows and thread lanes does it hold, in
// the order drawn. It reads the data-* attributes common/svg.cpp writes on
// each row's and each lane's group.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace testing {

struct SvgRow {
  std::string label;
  double start_ms = 0;
  std::optional<double> end_ms;  // none: not finished
  long long polls = 0;
};

struct SvgLane {
  std::string label;
  long long parks = 0;
  long long wakes = 0;
  long long woken_by_reactor = 0;
  long long woken_by_other_thread = 0;
  long long woken_by_itself = 0;
};

struct SvgPicture {
  bool parses = false;     // xmllint --noout accepted it (or, outside CI, xmllint is not installed)
  std::string xmllint;     // what xmllint said (empty when it parses)
  std::size_t bytes = 0;
  std::vector<SvgRow> rows;
  std::vector<SvgLane> lanes;

  // Row labels, sorted by end time (unfinished last): the order answers came.
  [[nodiscard]] std::vector<std::string> labels_by_end() const;
};

// Reads `path`; a missing file gives an empty picture that does not parse.
[[nodiscard]] SvgPicture read_svg(const std::string& path);

// Runs `program` with `args` and `--svg` pointing into a missing directory,
// and checks with doctest that it stops before doing anything: exit status
// 2, one line on stderr naming the path, nothing on stdout.
void check_unwritable_svg_is_refused(const std::string& program, const std::vector<std::string>& args = {});

// A fresh path in /tmp for a picture, removed by the destructor.
class TempSvgPath {
 public:
  TempSvgPath();
  ~TempSvgPath();
  TempSvgPath(const TempSvgPath&) = delete;
  TempSvgPath& operator=(const TempSvgPath&) = delete;
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

}  // namespace testing
