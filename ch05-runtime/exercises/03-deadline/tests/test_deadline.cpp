#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "common/http.hpp"
#include "countdown.hpp"
#include "deadline.hpp"
#include "http.hpp"
#include "ready.hpp"
#include "runtime.hpp"
#include "testing/delay_server_fixture.hpp"

using namespace std::chrono_literals;

TEST_SUITE("ch05/exercise 03-deadline") {
  TEST_CASE_FIXTURE(testing::DelayServerFixture, "a future that finishes in time gives its output") {
    async::Http::set_server(address());
    async::Runtime runtime;
    const auto response = exercise::block_on_for(runtime, async::Http::get("/20/in%20time"), 5s);
    REQUIRE(response.has_value());
    CHECK(common::split_response(*response).body == "in time");
    CHECK(runtime.stats().waits <= 2);  // slept, did not spin
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "a future that is too slow gives nothing once the deadline passes and lets go of its socket") {
    async::Http::set_server(address());
    async::Runtime runtime;
    const auto start = std::chrono::steady_clock::now();
    const auto response = exercise::block_on_for(runtime, async::Http::get("/1000/too%20late"), 60ms);
    CHECK_FALSE(response.has_value());
    const auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(elapsed >= 60ms);
    CHECK(elapsed < 900ms);  // gave up well before the answer
    CHECK(runtime.stats().waits >= 1);
    CHECK(runtime.stats().waits <= 3);  // slept until the deadline, did not spin towards it
    CHECK(runtime.registry().sources() == 0);  // the future is gone, and its registration with it
  }

  TEST_CASE("a future Ready at once is returned even with a zero timeout") {
    async::Runtime runtime;
    CHECK(exercise::block_on_for(runtime, async::ready(42), 0ms) == std::optional<int>(42));
    CHECK(runtime.stats().waits == 0);
  }

  TEST_CASE("a future that registers nothing is given up on at the deadline and not slept on for ever") {
    async::Runtime runtime;
    CHECK_FALSE(exercise::block_on_for(runtime, async::countdown(1'000'000, 7), 30ms).has_value());
    CHECK(runtime.stats().waits >= 1);
    CHECK(runtime.stats().waits <= 3);
  }

  TEST_CASE("the last sleep is rounded up so the loop never spins towards the deadline") {
    async::Runtime runtime;
    // A 1 ms budget: the time left after the first poll is a little under
    // 1 ms. Rounded up, that is one epoll_wait(1), which cannot return before
    // the deadline; rounded down it is epoll_wait(0), again and again, until
    // the deadline: a spin. Five rounds, so one lucky round proves nothing.
    for (int round = 0; round < 5; ++round) {
      CHECK_FALSE(exercise::block_on_for(runtime, async::countdown(1'000'000, 7), 1ms).has_value());
    }
    CHECK(runtime.stats().waits == 5);
  }

  TEST_CASE("a null future is refused") {
    async::Runtime runtime;
    CHECK_THROWS_AS(exercise::block_on_for(runtime, async::FuturePtr<int>{}, 1s), std::invalid_argument);
  }
}
