#include <doctest/doctest.h>

#include <chrono>
#include <cstddef>
#include <sstream>

#include "common/http.hpp"
#include "deadlines.hpp"
#include "testing/delay_server_fixture.hpp"
#include "testing/wait.hpp"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using exercise::Job;

using testing::ms_since;

TEST_SUITE("exercise/02-deadline") {
  TEST_CASE_FIXTURE(testing::DelayServerFixture, "a response in time completes; a late one is reported and not waited for") {
    std::ostringstream out;
    const auto start = Clock::now();
    const auto outcomes = exercise::fetch_with_deadlines(address(), {Job{"/50/fast", 2000ms}, Job{"/3000/slow", 300ms}}, out);
    const auto elapsed = ms_since(start);
    REQUIRE(outcomes.size() == 2);
    CHECK(outcomes[0].completed);
    CHECK(common::split_response(outcomes[0].response).body == "fast");
    CHECK_FALSE(outcomes[1].completed);
    CHECK(outcomes[1].elapsed >= 300ms);
    CHECK(outcomes[1].elapsed < 1300ms);  // given up at its deadline, not when the server answered
    CHECK(out.str() == "request 1 took too long\n");
    CHECK(elapsed < 2000);  // the slow response (3000 ms) was not waited for
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "with every response late, the call returns at the last deadline") {
    std::ostringstream out;
    const auto start = Clock::now();
    const auto outcomes =
        exercise::fetch_with_deadlines(address(), {Job{"/3000/a", 200ms}, Job{"/3000/b", 400ms}}, out);
    const auto elapsed = ms_since(start);
    REQUIRE(outcomes.size() == 2);
    CHECK_FALSE(outcomes[0].completed);
    CHECK_FALSE(outcomes[1].completed);
    CHECK(outcomes[0].elapsed < outcomes[1].elapsed);  // each at its own deadline
    CHECK(elapsed >= 400);
    CHECK(elapsed < 1400);
    CHECK(out.str() == "request 0 took too long\nrequest 1 took too long\n");
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "with nothing arriving, the loop polls once per deadline") {
    // No response comes before 3000 ms, so each poll can only end at a
    // deadline: one poll for each, in order. Waiting for the latest deadline
    // takes one poll for all three; a poll that never waits takes thousands.
    std::ostringstream out;
    std::size_t polls = 0;
    const auto outcomes = exercise::fetch_with_deadlines(
        address(), {Job{"/3000/a", 300ms}, Job{"/3000/b", 100ms}, Job{"/3000/c", 200ms}}, out, &polls);
    REQUIRE(outcomes.size() == 3);
    CHECK_FALSE(outcomes[0].completed);
    CHECK_FALSE(outcomes[1].completed);
    CHECK_FALSE(outcomes[2].completed);
    CHECK(out.str() == "request 1 took too long\nrequest 2 took too long\nrequest 0 took too long\n");
    CHECK(polls == 3);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "with generous deadlines every request completes") {
    std::ostringstream out;
    const auto outcomes =
        exercise::fetch_with_deadlines(address(), {Job{"/200/a", 5000ms}, Job{"/100/b", 5000ms}}, out);
    REQUIRE(outcomes.size() == 2);
    CHECK(outcomes[0].completed);
    CHECK(outcomes[1].completed);
    CHECK(outcomes[1].elapsed < outcomes[0].elapsed);  // the shorter delay came back first
    CHECK(common::split_response(outcomes[1].response).body == "b");
    CHECK(out.str().empty());
  }
}
