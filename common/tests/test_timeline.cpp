// The timeline's text and its records, on a fake clock: every time in these
// tests is set by the test, none is measured.
#include <doctest/doctest.h>

#include <sstream>

#include "common/timeline.hpp"
#include "testing/fake_clock.hpp"

namespace {
using std::chrono::milliseconds;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

long long ms(common::Timeline::Clock::duration d) {
  return std::chrono::duration_cast<milliseconds>(d).count();
}
}  // namespace

TEST_SUITE("common/timeline") {
  TEST_CASE("each row is a bar from its start to its end, then the total") {
    testing::FakeClock clock;
    common::Timeline timeline(clock.now());
    const auto first = timeline.add("first");
    clock.advance(milliseconds(100));
    const auto second = timeline.add("second row");
    clock.advance(milliseconds(100));
    timeline.finish(first);
    timeline.finish(second);
    std::ostringstream out;
    timeline.print(out, 20);
    const auto lines = lines_of(out.str());
    REQUIRE(lines.size() == 4);
    CHECK(lines[0] == "timeline: 0 .. 200 ms, one column = 10 ms");
    // Labels are padded to one width, so the bars share an axis: the first
    // row fills it, the second starts halfway.
    CHECK(lines[1] == "first      |====================| 200 ms");
    CHECK(lines[2] == "second row |          ==========| 100 ms");
    CHECK(lines[3] == "total elapsed: 200 ms");
  }

  TEST_CASE("an unfinished row is drawn with dots and says so") {
    testing::FakeClock clock;
    common::Timeline timeline(clock.now());
    (void)timeline.add("stuck");
    clock.advance(milliseconds(50));
    std::ostringstream out;
    timeline.print(out, 10);
    const auto lines = lines_of(out.str());
    REQUIRE(lines.size() == 3);
    CHECK(lines[1] == "stuck |..........| not finished");
  }

  TEST_CASE("finishing twice keeps the first end") {
    testing::FakeClock clock;
    common::Timeline timeline(clock.now());
    const auto row = timeline.add("r");
    clock.advance(milliseconds(10));
    timeline.finish(row);
    clock.advance(milliseconds(30));
    timeline.finish(row);
    const auto shot = timeline.snapshot();
    REQUIRE(shot.rows.size() == 1);
    REQUIRE(shot.rows[0].end.has_value());
    CHECK(ms(*shot.rows[0].end) == 10);
    CHECK(ms(shot.total) == 40);
  }

  TEST_CASE("polls, parks and wakes are not recorded unless asked for") {
    testing::FakeClock clock;
    common::Timeline timeline(clock.now());
    const auto row = timeline.add("r");
    const auto lane = timeline.add_lane("main thread");
    timeline.poll(row);
    timeline.park(lane);
    timeline.wake(lane, common::WakeSource::reactor);
    timeline.unpark(lane);
    const auto shot = timeline.snapshot();
    CHECK(shot.rows[0].polls == 0);
    CHECK(shot.rows[0].ticks.empty());
    REQUIRE(shot.lanes.size() == 1);
    CHECK(shot.lanes[0].parks.empty());
    CHECK(shot.lanes[0].wakes.empty());
  }

  TEST_CASE("polls are counted, and their ticks kept at most one per resolution step") {
    testing::FakeClock clock;
    common::Timeline timeline(clock.now());
    timeline.record_events(true);
    const auto row = timeline.add("busy");
    // 1000 polls 1 us apart: all counted, one tick per 100 us kept.
    for (int i = 0; i < 1000; ++i) {
      timeline.poll(row);
      clock.advance(std::chrono::microseconds(1));
    }
    clock.advance(milliseconds(5));
    timeline.poll(row);
    const auto shot = timeline.snapshot();
    CHECK(shot.rows[0].polls == 1001);
    CHECK(shot.rows[0].ticks.size() == 10 + 1);
    CHECK(shot.rows[0].ticks.front() == common::Timeline::Clock::duration::zero());
    CHECK(ms(shot.rows[0].ticks.back()) == 6);
  }

  TEST_CASE("a finer tick resolution keeps every poll of a run that lasts microseconds") {
    testing::FakeClock clock;
    common::Timeline timeline(clock.now());
    timeline.record_events(true);
    timeline.set_tick_resolution(std::chrono::nanoseconds(0));
    const auto row = timeline.add("fiber");
    for (int i = 0; i < 20; ++i) {
      timeline.poll(row);
      clock.advance(std::chrono::microseconds(2));
    }
    CHECK(timeline.snapshot().rows[0].ticks.size() == 20);
  }

  TEST_CASE("a lane keeps each park from its start to its end and each wake with its source") {
    testing::FakeClock clock;
    common::Timeline timeline(clock.now());
    timeline.record_events(true);
    const auto lane = timeline.add_lane("executor 0");
    timeline.park(lane);
    clock.advance(milliseconds(20));
    timeline.wake(lane, common::WakeSource::reactor);
    timeline.unpark(lane);
    clock.advance(milliseconds(5));
    timeline.wake(lane, common::WakeSource::itself);
    timeline.park(lane);
    timeline.park(lane);  // already parked: still one park
    clock.advance(milliseconds(7));
    timeline.wake(lane, common::WakeSource::other_thread);
    const auto shot = timeline.snapshot();
    REQUIRE(shot.lanes.size() == 1);
    const auto& parks = shot.lanes[0].parks;
    REQUIRE(parks.size() == 2);
    CHECK(ms(parks[0].from) == 0);
    REQUIRE(parks[0].to.has_value());
    CHECK(ms(*parks[0].to) == 20);
    CHECK(ms(parks[1].from) == 25);
    CHECK_FALSE(parks[1].to.has_value());  // still asleep when the snapshot was taken
    const auto& wakes = shot.lanes[0].wakes;
    REQUIRE(wakes.size() == 3);
    CHECK(wakes[0].source == common::WakeSource::reactor);
    CHECK(ms(wakes[0].at) == 20);
    CHECK(wakes[1].source == common::WakeSource::itself);
    CHECK(wakes[2].source == common::WakeSource::other_thread);
    CHECK(ms(wakes[2].at) == 32);
  }

  TEST_CASE("an index that names no row or lane is ignored, not a crash") {
    testing::FakeClock clock;
    common::Timeline timeline(clock.now());
    timeline.record_events(true);
    timeline.finish(7);
    timeline.poll(7);
    timeline.park(3);
    timeline.unpark(3);
    timeline.wake(3, common::WakeSource::itself);
    const auto shot = timeline.snapshot();
    CHECK(shot.rows.empty());
    CHECK(shot.lanes.empty());
  }
}
