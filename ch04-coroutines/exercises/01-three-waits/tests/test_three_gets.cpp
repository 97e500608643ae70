// Exercise 01: ThreeGets, a three-wait coroutine written as a state machine.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "http.hpp"
#include "testing/delay_server_fixture.hpp"
#include "testing/wait.hpp"
#include "three_gets.hpp"

namespace {

struct Run {
  std::string result;
  std::vector<std::string> states;  // each state once, in the order seen
  std::chrono::milliseconds elapsed{};
};

Run run(exercise::ThreeGets& future) {
  Run r;
  r.states.emplace_back(future.state_name());
  const auto start = std::chrono::steady_clock::now();
  for (int polls = 0; polls < 1'000'000; ++polls) {
    auto state = future.poll();
    if (std::string(future.state_name()) != r.states.back()) r.states.emplace_back(future.state_name());
    if (state.is_ready()) {
      r.result = std::move(state).value();
      r.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
      return r;
    }
    if (std::chrono::steady_clock::now() - start > std::chrono::seconds(20)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  FAIL("ThreeGets never became Ready");
  return r;
}

// Polls (1 ms apart) until the state is `name`; false after 20 s.
bool poll_until(exercise::ThreeGets& future, std::string_view name) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (future.state_name() != name) {
    if (std::chrono::steady_clock::now() > deadline || future.poll().is_ready()) return false;
    if (future.state_name() != name) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

}  // namespace

TEST_SUITE("ch04/exercise 01-three-waits") {
  TEST_CASE_FIXTURE(testing::DelayServerFixture, "ThreeGets returns the three bodies, in order") {
    async::Http::set_server(address());
    exercise::ThreeGets future("/30/one", "/20/two", "/10/three");
    CHECK(run(future).result == "one two three");
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "ThreeGets goes through Start Wait1 Wait2 Wait3 and Resolved") {
    async::Http::set_server(address());
    exercise::ThreeGets future("/20/a", "/20/b", "/20/c");
    CHECK(run(future).states == std::vector<std::string>{"Start", "Wait1", "Wait2", "Wait3", "Resolved"});
    // ThreeGets' own error, not that of a finished GET polled again (the
    // same exception type, from HttpGetFuture).
    CHECK_THROWS_WITH_AS((void)future.poll(), doctest::Contains("ThreeGets"), async::FuturePolledAfterReady);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "nothing is sent before the first poll and the GETs go one after the other") {
    async::Http::set_server(address());
    exercise::ThreeGets future("/100/x", "/100/y", "/100/z");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // not a synchronisation: time in which nothing may happen
    CHECK(server.stats().requests == 0);
    const Run r = run(future);
    CHECK(r.result == "x y z");
    CHECK(server.stats().requests == 3);
    CHECK(r.elapsed >= std::chrono::milliseconds(300));  // in turn: at least the sum of the delays
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "the poll that starts a GET also sends it") {
    async::Http::set_server(address());
    exercise::ThreeGets future("/30/one", "/30/two", "/30/three");
    // After each poll that enters WaitN, GET number N must be on its way
    // without one more poll: a poll goes as far as it can. (The polls stop
    // here; the server is watched until its count moves, 2 s at most.)
    REQUIRE_FALSE(future.poll().is_ready());
    CHECK(future.state_name() == "Wait1");
    CHECK(testing::eventually([&] { return server.stats().requests == 1; }, std::chrono::seconds(2)));
    REQUIRE(poll_until(future, "Wait2"));
    CHECK(testing::eventually([&] { return server.stats().requests == 2; }, std::chrono::seconds(2)));
    REQUIRE(poll_until(future, "Wait3"));
    CHECK(testing::eventually([&] { return server.stats().requests == 3; }, std::chrono::seconds(2)));
  }
}
