// The timeline's picture: a whole SVG document, one labelled group per row
// and per thread, in the order they were added, and small whatever the run.
// Times come from a fake clock.
#include <doctest/doctest.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "common/demo.hpp"
#include "common/svg.hpp"
#include "testing/fake_clock.hpp"
#include "testing/svg_picture.hpp"

namespace {
using std::chrono::milliseconds;

std::string svg_of(const common::Timeline& timeline, const std::string& title = "a run") {
  std::ostringstream out;
  common::write_svg(out, timeline.snapshot(), common::SvgOptions{title, "figures", "poll", "request: start to answer", 960});
  return out.str();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

// The value of attribute `name` in the `index`-th element that has it.
std::string attribute(const std::string& text, const std::string& name, std::size_t index) {
  const std::string key = name + "=\"";
  std::size_t at = text.find(key);
  for (std::size_t i = 0; i < index && at != std::string::npos; ++i) at = text.find(key, at + 1);
  if (at == std::string::npos) return "";
  const auto from = at + key.size();
  return text.substr(from, text.find('"', from) - from);
}

// xmllint --noout on `svg` (see testing/svg_picture.hpp).
bool xml_parses(const std::string& svg) {
  testing::TempSvgPath path;
  std::ofstream(path.path()) << svg;
  const auto picture = testing::read_svg(path.path());
  INFO("xmllint: ", picture.xmllint);
  return picture.parses;
}
}  // namespace

TEST_SUITE("common/svg") {
  TEST_CASE("a picture is a whole SVG document with a title, an axis in ms and a legend") {
    testing::FakeClock clock;
    common::Timeline timeline(clock.now());
    timeline.finish(timeline.add("/100/a"));
    clock.advance(milliseconds(400));
    const auto svg = svg_of(timeline, "ch99 demo: 1 request");
    CHECK(svg.starts_with("<?xml version=\"1.0\""));
    CHECK(svg.ends_with("</svg>\n"));
    CHECK(svg.find(">ch99 demo: 1 request</text>") != std::string::npos);
    CHECK(svg.find(">0 ms</text>") != std::string::npos);
    CHECK(svg.find(">400 ms</text>") != std::string::npos);  // 400 / 8 -> a 50 ms step, ends on 400
    CHECK(svg.find("id=\"legend\"") != std::string::npos);
    CHECK(xml_parses(svg));
  }

  TEST_CASE("a run of microseconds gets an axis with decimals") {
    testing::FakeClock clock;
    common::Timeline timeline(clock.now());
    timeline.finish(timeline.add("fast"));
    clock.advance(std::chrono::microseconds(40));
    const auto svg = svg_of(timeline);
    CHECK(svg.find(">0.005 ms</text>") != std::string::npos);  // 0.04 / 8
    CHECK(svg.find(">0.040 ms</text>") != std::string::npos);
  }

  TEST_CASE("one labelled row per request, in the order they were added, with start and end") {
    testing::FakeClock clock;
    common::Timeline timeline(clock.now());
    const auto slow = timeline.add("/300/slow");
    clock.advance(milliseconds(10));
    const auto fast = timeline.add("/100/fast");
    clock.advance(milliseconds(100));
    timeline.finish(fast);
    clock.advance(milliseconds(200));
    timeline.finish(slow);
    const auto svg = svg_of(timeline);
    CHECK(count(svg, "<g class=\"row\"") == 2);
    CHECK(attribute(svg, "data-label", 0) == "/300/slow");
    CHECK(attribute(svg, "data-label", 1) == "/100/fast");
    CHECK(attribute(svg, "data-start-ms", 1) == "10");
    CHECK(attribute(svg, "data-end-ms", 1) == "110");
    CHECK(attribute(svg, "data-end-ms", 0) == "310");
  }

  TEST_CASE("labels are escaped, so any path makes valid XML") {
    testing::FakeClock clock;
    common::Timeline timeline(clock.now());
    (void)timeline.add("/0/<a&b>\"c\"");
    const auto svg = svg_of(timeline, "x < y & z");
    CHECK(svg.find("<a&b>") == std::string::npos);
    CHECK(svg.find("/0/&lt;a&amp;b&gt;&quot;c&quot;") != std::string::npos);
    CHECK(svg.find("x &lt; y &amp; z") != std::string::npos);
    CHECK(xml_parses(svg));
  }

  TEST_CASE("a million polls make a solid band, and the file stays under 200 KB") {
    testing::FakeClock clock;
    common::Timeline timeline(clock.now());
    timeline.record_events(true);
    std::vector<std::size_t> rows;
    for (int r = 0; r < 5; ++r) rows.push_back(timeline.add("/1000/request-" + std::to_string(r)));
    for (int i = 0; i < 1'000'000; ++i) {
      timeline.poll(rows[static_cast<std::size_t>(i) % rows.size()]);
      clock.advance(std::chrono::microseconds(1));
    }
    for (const auto row : rows) timeline.finish(row);
    const auto svg = svg_of(timeline);
    CHECK(svg.size() < 200'000);
    CHECK(attribute(svg, "data-polls", 0) == "200000");
    // Polls in every pixel column merge into one rectangle per row: one
    // "M" move per row's tick path.
    const auto ticks = svg.find("<path fill=\"#1f4e8c\" d=\"");
    REQUIRE(ticks != std::string::npos);
    CHECK(count(svg.substr(ticks, svg.find("/>", ticks) - ticks), "M") == 1);
  }

  TEST_CASE("sparse polls are one tick each") {
    testing::FakeClock clock;
    common::Timeline timeline(clock.now());
    timeline.record_events(true);
    const auto row = timeline.add("/500/r");
    for (int i = 0; i < 4; ++i) {
      timeline.poll(row);
      clock.advance(milliseconds(100));
    }
    timeline.finish(row);
    const auto svg = svg_of(timeline);
    const auto ticks = svg.find("<path fill=\"#1f4e8c\" d=\"");
    REQUIRE(ticks != std::string::npos);
    const auto path = svg.substr(ticks, svg.find("/>", ticks) - ticks);
    CHECK(count(path, "M") == 4);
    CHECK(count(path, "h1v18") == 4);  // one pixel wide each
  }

  TEST_CASE("each thread has a lane with its parks and its wakes, coloured by who woke it") {
    testing::FakeClock clock;
    common::Timeline timeline(clock.now());
    timeline.record_events(true);
    const auto lane = timeline.add_lane("executor 0");
    const auto other = timeline.add_lane("executor 1");
    timeline.park(lane);
    clock.advance(milliseconds(100));
    timeline.wake(lane, common::WakeSource::reactor);
    timeline.unpark(lane);
    clock.advance(milliseconds(100));
    timeline.wake(other, common::WakeSource::other_thread);
    clock.advance(milliseconds(100));
    const auto svg = svg_of(timeline);
    CHECK(count(svg, "<g class=\"lane\"") == 2);
    CHECK(svg.find("data-label=\"executor 0\" data-parks=\"1\" data-wakes=\"1\"") != std::string::npos);
    CHECK(svg.find("data-label=\"executor 1\" data-parks=\"0\" data-wakes=\"1\"") != std::string::npos);
    // The legend names the wake sources this run had, and only those.
    CHECK(svg.find("woken by the reactor") != std::string::npos);
    CHECK(svg.find("woken by another thread") != std::string::npos);
    CHECK(svg.find("woken by itself") == std::string::npos);
    CHECK(xml_parses(svg));
  }

  TEST_CASE("SvgFile: a path that cannot be written is an error naming it, at open") {
    common::SvgFile file;
    CHECK_THROWS_WITH(file.open("/nonexistent-dir/picture.svg"),
                      doctest::Contains("--svg /nonexistent-dir/picture.svg: cannot open for writing"));
    CHECK_FALSE(file.wanted());
    // Not wanted: writing is nothing, not an error.
    common::Timeline timeline;
    CHECK_NOTHROW(file.write(timeline, {}));
  }

  TEST_CASE("--svg with an unwritable path: one line, exit status 2, and the body never runs") {
    common::cli::App app{"test demo"};
    common::SvgFile svg;
    common::add_svg_option(app, svg);
    std::vector<std::string> args{"demo", "--svg", "/nonexistent-dir/picture.svg"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    std::ostringstream err;
    auto* old = std::cerr.rdbuf(err.rdbuf());
    bool ran = false;
    const int status = common::run_demo(app, static_cast<int>(argv.size()), argv.data(), [&] { ran = true; });
    std::cerr.rdbuf(old);
    CHECK(status == 2);
    CHECK_FALSE(ran);
    CHECK(err.str().starts_with("error: --svg /nonexistent-dir/picture.svg: cannot open for writing: "));
    CHECK(err.str().find('\n') == err.str().size() - 1);
  }
}
