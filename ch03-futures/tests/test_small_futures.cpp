#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include "counted.hpp"
#include "countdown.hpp"
#include "ready.hpp"

TEST_SUITE("ch03/small_futures") {
  TEST_CASE("ready() is Ready on its first poll") {
    auto future = async::ready(std::string("done"));
    auto state = future->poll();
    REQUIRE(state.is_ready());
    CHECK(std::move(state).value() == "done");
  }

  TEST_CASE("polling a ReadyFuture after Ready throws FuturePolledAfterReady") {
    auto future = async::ready(1);
    REQUIRE(future->poll().is_ready());
    CHECK_THROWS_AS((void)future->poll(), async::FuturePolledAfterReady);

    auto nothing = async::ready();
    REQUIRE(nothing->poll().is_ready());
    CHECK_THROWS_AS((void)nothing->poll(), async::FuturePolledAfterReady);
  }

  TEST_CASE("countdown(n, v) is NotReady exactly n times, then Ready(v)") {
    for (int n : {0, 1, 3}) {
      CAPTURE(n);
      auto future = async::countdown(n, 'x');
      for (int i = 0; i < n; ++i) CHECK_FALSE(future->poll().is_ready());
      auto state = future->poll();
      REQUIRE(state.is_ready());
      CHECK(state.value() == 'x');
      CHECK_THROWS_AS((void)future->poll(), async::FuturePolledAfterReady);
    }
  }

  TEST_CASE("countdown(n) without a value is a void future") {
    auto future = async::countdown(2);
    CHECK_FALSE(future->poll().is_ready());
    CHECK_FALSE(future->poll().is_ready());
    CHECK(future->poll().is_ready());
    CHECK_THROWS_AS((void)future->poll(), async::FuturePolledAfterReady);
  }

  TEST_CASE("a negative countdown is rejected") {
    CHECK_THROWS_AS((void)async::countdown(-1), std::invalid_argument);
  }

  TEST_CASE("Counted counts polls and the destruction, and creating a future polls nothing") {
    testing::Counters counters;
    {
      auto future = testing::counted(async::countdown(1, 5), counters);
      CHECK(counters.polls == 0);  // nothing happens until polled
      CHECK_FALSE(future->poll().is_ready());
      CHECK(future->poll().is_ready());
      CHECK(counters.polls == 2);
      CHECK(counters.ready == 1);
      CHECK(counters.destroyed == 0);
    }
    CHECK(counters.destroyed == 1);
  }
}
