// c-fibers run as a program: what its --svg picture shows of the switches.
#include <doctest/doctest.h>

#include "testing/run_program.hpp"
#include "testing/svg_picture.hpp"

TEST_SUITE("ch02/examples") {
  TEST_CASE("c-fibers --svg draws a row per fiber with a tick per switch to it, the shorter count ending first") {
    testing::TempSvgPath svg;
    const auto result = testing::run_program({C_FIBERS_PATH, "--svg", svg.path()});
    REQUIRE_MESSAGE(result.status == 0, result.err);
    const auto picture = testing::read_svg(svg.path());
    CHECK_MESSAGE(picture.parses, picture.xmllint);
    REQUIRE(picture.rows.size() == 2);
    CHECK(picture.rows[0].label == "thread 1: counts to 10");
    CHECK(picture.rows[1].label == "thread 2: counts to 15");
    CHECK(picture.labels_by_end() == std::vector<std::string>{"thread 1: counts to 10", "thread 2: counts to 15"});
    // Its first run, then one more after each of its yields.
    CHECK(picture.rows[0].polls == 1 + 10);
    CHECK(picture.rows[1].polls == 1 + 15);
    CHECK(picture.lanes.empty());  // one OS thread that never sleeps: nothing to draw
  }

  TEST_CASE("c-fibers --svg to an unwritable path is one line and exit status 2, before any fiber runs") {
    testing::check_unwritable_svg_is_refused(C_FIBERS_PATH);
  }
}
