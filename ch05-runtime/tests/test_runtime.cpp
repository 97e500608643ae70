// Runtime::block_on: returns the value, sleeps instead of spinning (counted
// polls and epoll waits, exact where the count is exact), and refuses to
// sleep when nothing could wake it.
#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/http.hpp"
#include "common/text.hpp"
#include "countdown.hpp"
#include "counted.hpp"
#include "http.hpp"
#include "join_all.hpp"
#include "ready.hpp"
#include "runtime.hpp"
#include "testing/delay_server_fixture.hpp"
#include "testing/http_client.hpp"

using async::Http;
using async::Runtime;

namespace {

// N GETs joined, request i waiting i x step_ms: one answer every step_ms.
async::FuturePtr<std::vector<std::string>> staggered_gets(int n, int step_ms) {
  std::vector<async::FuturePtr<std::string>> gets;
  for (int i = 0; i < n; ++i) gets.push_back(Http::get(common::cat("/", i * step_ms, "/r", i)));
  return async::join_all(std::move(gets));
}

}  // namespace

TEST_SUITE("ch05/runtime") {
  TEST_CASE("block_on returns the value of a future that is Ready at once, without sleeping") {
    Runtime runtime;
    CHECK(runtime.block_on(async::ready(42)) == 42);
    CHECK(runtime.stats().polls == 1);
    CHECK(runtime.stats().waits == 0);
  }

  TEST_CASE("block_on runs a void future to completion") {
    Runtime runtime;
    testing::Counters counters;
    runtime.block_on(testing::counted(async::ready(), counters));
    CHECK(counters.polls == 1);
    CHECK(counters.ready == 1);
    CHECK(counters.destroyed == 1);  // block_on owned it and is done with it
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "block_on returns the whole response of a GET") {
    Http::set_server(address());
    Runtime runtime;
    const std::string raw = runtime.block_on(Http::get("/30/hello%20runtime"));
    const auto response = common::split_response(raw);
    CHECK(response.status == 200);
    CHECK(response.body == "hello runtime");
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "one GET is polled twice or three times and sleeps once or twice, not thousands of times") {
    Http::set_server(address());
    Runtime runtime;
    testing::Counters counters;
    runtime.block_on(testing::counted(Http::get("/200/one"), counters));
    // Poll 1 sends the request. Then one wake-up for the response and its
    // FIN, which usually arrive together; two if the reader was faster
    // than the FIN. Never more: between them the thread sleeps.
    CHECK(counters.polls == runtime.stats().polls);
    CHECK(runtime.stats().polls >= 2);
    CHECK(runtime.stats().polls <= 3);
    CHECK(runtime.stats().waits == runtime.stats().polls - 1);  // a sleep between every two polls
    CHECK(runtime.stats().events >= runtime.stats().waits);     // no wait ended without an event
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "for N concurrent requests the top future is polled about N+1 times") {
    Http::set_server(address());
    constexpr int kRequests = 8;
    Runtime runtime;
    testing::Counters counters;
    const auto responses = runtime.block_on(testing::counted(staggered_gets(kRequests, 25), counters));
    REQUIRE(responses.size() == kRequests);
    for (int i = 0; i < kRequests; ++i) CHECK(common::split_response(responses[i]).body == common::cat("r", i));
    // The first poll starts all eight; each answer wakes the runtime once
    // (twice if its FIN comes after the reader); answers that arrive
    // together share a wake-up. So between 2 and 2N+1 polls.
    CHECK(counters.polls == runtime.stats().polls);
    CHECK(runtime.stats().polls >= 2);
    CHECK(runtime.stats().polls <= 2 * kRequests + 1);
    CHECK(runtime.stats().waits == runtime.stats().polls - 1);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "five requests finish in about the longest delay, not the sum") {
    Http::set_server(address());
    Runtime runtime;
    const auto start = std::chrono::steady_clock::now();
    runtime.block_on(staggered_gets(5, 60));  // 0, 60, 120, 180, 240 ms: 600 ms one by one
    const auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(elapsed >= std::chrono::milliseconds(240));
    CHECK(elapsed < std::chrono::milliseconds(540));  // room for a loaded machine, under the 600 ms sum
    CHECK(runtime.stats().polls <= 2 * 5 + 1);
  }

  TEST_CASE("a future that is NotReady and registers nothing is refused, not slept on for ever") {
    Runtime runtime;
    testing::Counters counters;
    CHECK_THROWS_AS(runtime.block_on(testing::counted(async::countdown(3), counters)), async::NothingToWaitFor);
    CHECK(counters.polls == 1);          // polled once, then refused
    CHECK(runtime.stats().waits == 0);   // it never went to sleep
    CHECK_THROWS_WITH_AS(runtime.wait(), doctest::Contains("no source is registered"), async::NothingToWaitFor);
  }

  TEST_CASE("wait with a timeout returns with no events when nothing happens") {
    Runtime runtime;
    CHECK(runtime.wait(std::chrono::milliseconds(0)) == 0);
    CHECK(runtime.wait(std::chrono::milliseconds(5)) == 0);
    CHECK(runtime.stats().waits == 2);
    CHECK(runtime.stats().events == 0);
  }

  TEST_CASE("an exception from poll comes out of block_on") {
    Http::set_server({"127.0.0.1", testing::unused_loopback_port()});
    Runtime runtime;
    CHECK_THROWS_AS(runtime.block_on(Http::get("/0/nobody")), common::ServerUnreachable);
    CHECK(runtime.registry().sources() == 0);
  }

  TEST_CASE("block_on refuses a null future") {
    Runtime runtime;
    CHECK_THROWS_AS(runtime.block_on(async::FuturePtr<int>{}), std::invalid_argument);
  }

  TEST_CASE("one runtime at a time: a second is refused while the first exists") {
    {
      Runtime first;
      CHECK_THROWS_WITH_AS(Runtime{}, doctest::Contains("one already exists"), std::logic_error);
      CHECK(&async::registry() == &first.registry());  // the refused one did not replace it
    }
    Runtime later;  // the first is gone: allowed again
    CHECK(&async::registry() == &later.registry());
  }
}
