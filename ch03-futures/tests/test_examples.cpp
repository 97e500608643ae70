// b-join-all run as a program against the embedded delay server: what its
// --svg picture shows of the busy loop.
#include <doctest/doctest.h>

#include "testing/delay_server_fixture.hpp"
#include "testing/run_program.hpp"
#include "testing/svg_picture.hpp"

TEST_SUITE("ch03/examples") {
  TEST_CASE_FIXTURE(testing::DelayServerFixture,
                    "b-join-all --svg draws a row per GET, ending in the order the answers came, each polled in a band") {
    testing::TempSvgPath svg;
    const auto result = testing::run_program({B_JOIN_ALL_PATH, "--server", address().to_string(), "--requests", "3",
                                              "--step-ms", "100", "--svg", svg.path()});
    REQUIRE(result.status == 0);
    const auto picture = testing::read_svg(svg.path());
    CHECK_MESSAGE(picture.parses, picture.xmllint);
    REQUIRE(picture.rows.size() == 3);
    CHECK(picture.rows[0].label == "/300/request-0");
    CHECK(picture.labels_by_end() == std::vector<std::string>{"/100/request-2", "/200/request-1", "/300/request-0"});
    // Spinning: the longest GET is polled on every turn of the loop for
    // 300 ms. A hundred is far below what even a loaded machine manages.
    CHECK(picture.rows[0].polls > 100);
    CHECK(picture.rows[0].polls > picture.rows[2].polls);  // polled until its own answer, not longer
    REQUIRE(picture.lanes.size() == 1);
    CHECK(picture.lanes[0].parks == 0);  // the thread never sleeps
    CHECK(picture.bytes < 200'000);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "b-join-all --sleep-ms: the thread parks between polls and wakes itself") {
    testing::TempSvgPath svg;
    const auto result = testing::run_program({B_JOIN_ALL_PATH, "--server", address().to_string(), "--requests", "2",
                                              "--step-ms", "50", "--sleep-ms", "10", "--svg", svg.path()});
    REQUIRE(result.status == 0);
    const auto picture = testing::read_svg(svg.path());
    REQUIRE(picture.lanes.size() == 1);
    CHECK(picture.lanes[0].parks >= 1);
    CHECK(picture.lanes[0].woken_by_itself == picture.lanes[0].parks);
    CHECK(picture.lanes[0].woken_by_reactor == 0);
  }

  TEST_CASE("b-join-all --svg to an unwritable path is one line and exit status 2, before any request") {
    testing::check_unwritable_svg_is_refused(B_JOIN_ALL_PATH);
  }
}
