#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <string>

#include "counted.hpp"
#include "countdown.hpp"
#include "http.hpp"
#include "poll_until.hpp"
#include "testing/delay_server_fixture.hpp"
#include "timeout.hpp"

using namespace std::chrono_literals;

namespace {
// A clock the test moves by hand: no sleeping, no flaky timing.
struct ManualClock {
  exercise::Clock::time_point now{};
  exercise::Now source() {
    return [this] { return now; };
  }
};
}  // namespace

TEST_SUITE("ch03/exercise/timeout") {
  TEST_CASE("a future that finishes in time gives its value and is dropped") {
    ManualClock clock;
    testing::Counters counters;
    auto limited = exercise::timeout(testing::counted(async::countdown(2, 5), counters), 100ms, clock.source());
    CHECK_FALSE(limited->poll().is_ready());
    clock.now += 50ms;
    CHECK_FALSE(limited->poll().is_ready());
    clock.now += 40ms;
    auto state = limited->poll();
    REQUIRE(state.is_ready());
    CHECK(state.value() == std::optional<int>(5));
    CHECK(counters.polls == 3);
    CHECK(counters.destroyed == 1);  // finished: dropped with Ready, not with the timeout
  }

  TEST_CASE("once the limit has passed, timeout is Ready with nothing and drops the future") {
    ManualClock clock;
    testing::Counters counters;
    auto limited = exercise::timeout(testing::counted(async::countdown(100, 5), counters), 100ms, clock.source());
    CHECK_FALSE(limited->poll().is_ready());
    clock.now += 99ms;
    CHECK_FALSE(limited->poll().is_ready());
    clock.now += 1ms;
    auto state = limited->poll();
    REQUIRE(state.is_ready());
    CHECK_FALSE(state.value().has_value());
    CHECK(counters.polls == 3);
    CHECK(counters.destroyed == 1);  // cancelled by dropping it
  }

  TEST_CASE("a zero limit gives up on the first poll, after polling the future once") {
    ManualClock clock;
    testing::Counters counters;
    auto limited = exercise::timeout(testing::counted(async::countdown(3, 5), counters), 0ms, clock.source());
    auto state = limited->poll();
    REQUIRE(state.is_ready());  // the deadline is the first poll itself
    CHECK_FALSE(state.value().has_value());
    CHECK(counters.polls == 1);  // the future had its one chance
    CHECK(counters.destroyed == 1);
  }

  TEST_CASE("the limit counts from the first poll, not from creation") {
    ManualClock clock;
    auto limited = exercise::timeout(async::countdown(1, 5), 100ms, clock.source());
    clock.now += 1h;  // created long ago, never polled: nothing has started
    CHECK_FALSE(limited->poll().is_ready());
    clock.now += 10ms;
    auto state = limited->poll();
    REQUIRE(state.is_ready());
    CHECK(state.value() == std::optional<int>(5));
  }

  TEST_CASE("an answer that arrives on the deadline's poll still wins") {
    ManualClock clock;
    testing::Counters counters;
    auto limited = exercise::timeout(testing::counted(async::countdown(1, 5), counters), 100ms, clock.source());
    CHECK_FALSE(limited->poll().is_ready());
    clock.now += 1s;
    auto state = limited->poll();
    REQUIRE(state.is_ready());
    CHECK(state.value() == std::optional<int>(5));
    CHECK(counters.polls == 2);  // polled on the late poll too
    CHECK(counters.ready == 1);
  }

  TEST_CASE("polling timeout after Ready throws FuturePolledAfterReady and polls nothing") {
    ManualClock clock;
    testing::Counters counters;
    auto limited = exercise::timeout(testing::counted(async::countdown(0, 5), counters), 100ms, clock.source());
    REQUIRE(limited->poll().is_ready());
    CHECK_THROWS_AS((void)limited->poll(), async::FuturePolledAfterReady);
    CHECK(counters.polls == 1);  // timeout threw for itself; the child was not asked
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "a slow GET is given up after the limit") {
    async::Http::set_server(address());
    auto limited = exercise::timeout(async::Http::get("/3000/too-slow"), 100ms);
    // Well before the server's 3 s: the timeout, not the response, ends it.
    const auto outcome = testing::poll_until_ready(*limited, 2s);
    CHECK_FALSE(outcome.value.has_value());
  }
}
