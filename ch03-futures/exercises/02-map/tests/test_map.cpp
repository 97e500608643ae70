#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "common/http.hpp"
#include "counted.hpp"
#include "countdown.hpp"
#include "http.hpp"
#include "map.hpp"
#include "poll_until.hpp"
#include "testing/delay_server_fixture.hpp"

TEST_SUITE("ch03/exercise/map") {
  TEST_CASE("map applies the function to the output, once, when the future is Ready") {
    int calls = 0;
    testing::Counters counters;
    auto doubled = exercise::map(testing::counted(async::countdown(2, 21), counters), [&](int x) {
      ++calls;
      return 2 * x;
    });
    CHECK_FALSE(doubled->poll().is_ready());
    CHECK_FALSE(doubled->poll().is_ready());
    CHECK(calls == 0);  // not before the value is there
    auto state = doubled->poll();
    REQUIRE(state.is_ready());
    CHECK(state.value() == 42);
    CHECK(calls == 1);
    CHECK(counters.polls == 3);      // every poll reaches the inner future
    CHECK(counters.destroyed == 1);  // and it is dropped once it is done
  }

  TEST_CASE("map lets go of the function as soon as it has run") {
    auto token = std::make_shared<int>(1);
    auto plus = exercise::map(async::countdown(1, 41), [token](int x) { return x + *token; });
    CHECK(token.use_count() == 2);  // the copy the function captured, kept by map
    CHECK_FALSE(plus->poll().is_ready());
    CHECK(token.use_count() == 2);  // not run yet, so still needed
    auto state = plus->poll();
    REQUIRE(state.is_ready());
    CHECK(state.value() == 42);
    // What the function captured is released with Ready, not when map is
    // destroyed: a map kept around must not keep a connection or a buffer alive.
    CHECK(token.use_count() == 1);
  }

  TEST_CASE("map can change the output type and take a move-only value") {
    auto length = exercise::map(async::countdown(0, std::make_unique<std::string>("four")),
                                [](std::unique_ptr<std::string> s) { return s->size(); });
    auto state = length->poll();
    REQUIRE(state.is_ready());
    CHECK(state.value() == 4u);
  }

  TEST_CASE("a function returning void makes a void future") {
    int seen = 0;
    async::FuturePtr<void> done = exercise::map(async::countdown(1, 7), [&](int x) { seen = x; });
    CHECK_FALSE(done->poll().is_ready());
    CHECK(done->poll().is_ready());
    CHECK(seen == 7);
  }

  TEST_CASE("polling map after Ready throws FuturePolledAfterReady and polls nothing") {
    int calls = 0;
    testing::Counters counters;
    auto same = exercise::map(testing::counted(async::countdown(0, 1), counters), [&](int x) {
      ++calls;
      return x;
    });
    REQUIRE(same->poll().is_ready());
    CHECK_THROWS_AS((void)same->poll(), async::FuturePolledAfterReady);
    // map throws for itself: the finished inner future would throw the same
    // exception if it were polled again, so count its polls.
    CHECK(counters.polls == 1);
    CHECK(calls == 1);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "map turns a raw HTTP response into its body") {
    async::Http::set_server(address());
    auto body = exercise::map(async::Http::get("/10/mapped"),
                              [](std::string raw) { return common::split_response(raw).body; });
    CHECK(testing::poll_until_ready(*body, std::chrono::seconds(2)).value == "mapped");
  }
}
