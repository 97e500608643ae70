// Exercise 03: a value-returning coroutine in corofy's syntax.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "http.hpp"
#include "lengths.hpp"
#include "testing/delay_server_fixture.hpp"

namespace {

std::size_t run(async::Future<std::size_t>& future, int* polls) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (*polls = 1; std::chrono::steady_clock::now() < deadline; ++*polls) {
    auto state = future.poll();
    if (state.is_ready()) return std::move(state).value();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  FAIL("total_length never became Ready");
  return 0;
}

}  // namespace

TEST_SUITE("ch04/exercise 03-sum-of-lengths") {
  TEST_CASE_FIXTURE(testing::DelayServerFixture, "total_length adds the lengths of the two bodies") {
    async::Http::set_server(address());
    auto future = exercise::total_length("/20/abc", "/10/hello%20world");
    int polls = 0;
    CHECK(run(*future, &polls) == 3 + 11);
    CHECK(polls >= 3);  // each GET needs at least one NotReady
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "total_length sends nothing before its first poll and then both GETs one after the other") {
    async::Http::set_server(address());
    auto future = exercise::total_length("/100/a", "/100/bc");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // time in which nothing may happen
    CHECK(server.stats().requests == 0);
    const auto start = std::chrono::steady_clock::now();
    int polls = 0;
    CHECK(run(*future, &polls) == 3);
    CHECK(server.stats().requests == 2);
    // One after the other: at least the sum of the two delays. (Run together,
    // with join_all, they would take about the longer one: see the README.)
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(200));
  }
}
