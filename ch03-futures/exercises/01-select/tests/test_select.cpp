#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "common/http.hpp"
#include "counted.hpp"
#include "countdown.hpp"
#include "http.hpp"
#include "poll_until.hpp"
#include "select.hpp"
#include "testing/delay_server_fixture.hpp"

TEST_SUITE("ch03/exercise/select") {
  TEST_CASE("select is Ready with the child that finishes first") {
    auto either = exercise::select(async::countdown(3, 'a'), async::countdown(1, 'b'));
    CHECK_FALSE(either->poll().is_ready());
    auto state = either->poll();
    REQUIRE(state.is_ready());
    CHECK(state.value().winner == 1);
    CHECK(state.value().value == 'b');
  }

  TEST_CASE("the loser is dropped as soon as select is Ready, and never polled again") {
    testing::Counters slow, fast;
    auto either = exercise::select(testing::counted(async::countdown(5, 1), slow),
                                   testing::counted(async::countdown(2, 2), fast));
    const auto outcome = testing::poll_until_ready(*either, std::chrono::seconds(5), /*max_polls=*/100);
    CHECK(outcome.polls == 3);
    CHECK(outcome.value.winner == 1);
    CHECK(slow.polls == 3);
    CHECK(fast.polls == 3);
    CHECK(slow.destroyed == 1);  // cancelled by dropping it, before select itself is destroyed
    CHECK(fast.destroyed == 1);
  }

  TEST_CASE("when the first child wins the second is dropped at once too") {
    testing::Counters first, second;
    auto either = exercise::select(testing::counted(async::countdown(2, 10), first),
                                   testing::counted(async::countdown(5, 20), second));
    const auto outcome = testing::poll_until_ready(*either, std::chrono::seconds(5), /*max_polls=*/100);
    CHECK(outcome.polls == 3);
    CHECK(outcome.value.winner == 0);
    CHECK(outcome.value.value == 10);
    CHECK(first.polls == 3);
    CHECK(second.polls == 2);  // not polled on the poll the first one won
    CHECK(first.destroyed == 1);
    CHECK(second.destroyed == 1);  // before select itself is destroyed
  }

  TEST_CASE("on a tie the first child wins and the second is not polled") {
    testing::Counters first, second;
    auto either = exercise::select(testing::counted(async::countdown(0, 'x'), first),
                                   testing::counted(async::countdown(0, 'y'), second));
    auto state = either->poll();
    REQUIRE(state.is_ready());
    CHECK(state.value().winner == 0);
    CHECK(state.value().value == 'x');
    CHECK(first.polls == 1);
    CHECK(second.polls == 0);
    CHECK(first.destroyed == 1);
    CHECK(second.destroyed == 1);  // never polled, but dropped all the same
  }

  TEST_CASE("polling select after Ready throws FuturePolledAfterReady and polls no child") {
    testing::Counters first, second;
    auto either = exercise::select(testing::counted(async::countdown(0, 1), first),
                                   testing::counted(async::countdown(0, 2), second));
    REQUIRE(either->poll().is_ready());
    CHECK_THROWS_AS((void)either->poll(), async::FuturePolledAfterReady);
    // select throws for itself: a child that throws for being polled again
    // would give the same exception, but the finished winner was polled twice.
    CHECK(first.polls == 1);
    CHECK(second.polls == 0);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "select between two GETs returns the quicker response") {
    async::Http::set_server(address());
    auto either = exercise::select(async::Http::get("/2000/slow"), async::Http::get("/0/quick"));
    const auto outcome = testing::poll_until_ready(*either, std::chrono::seconds(2));
    CHECK(outcome.value.winner == 1);
    CHECK(common::split_response(outcome.value.value).body == "quick");
  }
}
