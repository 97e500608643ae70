#include <doctest/doctest.h>

#include <sstream>
#include <thread>

#include "common/timeline.hpp"

namespace {
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}
}  // namespace

TEST_SUITE("common/timeline") {
  TEST_CASE("each row is a bar from its start to its end, then the total") {
    common::Timeline timeline;
    const auto first = timeline.add("first");
    std::this_thread::sleep_for(std::chrono::milliseconds(40));
    const auto second = timeline.add("second row");
    std::this_thread::sleep_for(std::chrono::milliseconds(40));
    timeline.finish(first);
    timeline.finish(second);
    std::ostringstream out;
    timeline.print(out, 20);
    const auto lines = lines_of(out.str());
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].starts_with("timeline: 0 .. "));
    // Labels are padded to one width, so the bars share an axis.
    CHECK(lines[1].starts_with("first      |"));
    CHECK(lines[2].starts_with("second row |"));
    const auto bar1 = lines[1].substr(12, 20);
    const auto bar2 = lines[2].substr(12, 20);
    // The first row starts at column 0; the second starts about halfway.
    CHECK(bar1.front() == '=');
    CHECK(bar2.front() == ' ');
    CHECK(bar2.find('=') >= 6);
    CHECK(bar2.find('=') <= 14);
    CHECK(bar1.find_last_of('=') >= 17);
    CHECK(lines[3].starts_with("total elapsed: "));
  }

  TEST_CASE("an unfinished row is drawn with dots and says so") {
    common::Timeline timeline;
    (void)timeline.add("stuck");
    std::ostringstream out;
    timeline.print(out, 10);
    CHECK(out.str().find("not finished") != std::string::npos);
    CHECK(out.str().find('.') != std::string::npos);
  }

  TEST_CASE("finishing twice keeps the first end") {
    common::Timeline timeline;
    const auto row = timeline.add("r");
    timeline.finish(row);
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    timeline.finish(row);
    std::ostringstream out;
    timeline.print(out, 10);
    const auto lines = lines_of(out.str());
    REQUIRE(lines.size() == 3);
    // The end was taken at the first finish(), not 30 ms later.
    const auto bar_end = lines[1].rfind("| ");
    REQUIRE(bar_end != std::string::npos);
    CHECK(std::stoi(lines[1].substr(bar_end + 2)) < 25);
  }
}
