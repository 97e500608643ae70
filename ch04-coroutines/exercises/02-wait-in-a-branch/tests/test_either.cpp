// Exercise 02: Either, a wait in each branch of an if, as a state machine.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "either.hpp"
#include "http.hpp"
#include "testing/delay_server_fixture.hpp"
#include "testing/wait.hpp"

namespace {

std::pair<std::string, std::vector<std::string>> run(exercise::Either& future) {
  std::vector<std::string> states{std::string(future.state_name())};
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    auto state = future.poll();
    if (std::string(future.state_name()) != states.back()) states.emplace_back(future.state_name());
    if (state.is_ready()) return {std::move(state).value(), states};
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  FAIL("Either never became Ready");
  return {};
}

}  // namespace

TEST_SUITE("ch04/exercise 02-wait-in-a-branch") {
  TEST_CASE_FIXTURE(testing::DelayServerFixture, "the true branch waits in WaitFast and sends only its own GET") {
    async::Http::set_server(address());
    exercise::Either future(true, "/10/fast", "/10/slow");
    const auto [result, states] = run(future);
    CHECK(result == "fast!");
    CHECK(states == std::vector<std::string>{"Start", "WaitFast", "Resolved"});
    CHECK(server.stats().requests == 1);
    // Either's own error, not that of the finished GET polled again.
    CHECK_THROWS_WITH_AS((void)future.poll(), doctest::Contains("Either"), async::FuturePolledAfterReady);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "the false branch waits in WaitSlow and sends only its own GET") {
    async::Http::set_server(address());
    exercise::Either future(false, "/10/fast", "/10/slow");
    const auto [result, states] = run(future);
    CHECK(result == "slow!");
    CHECK(states == std::vector<std::string>{"Start", "WaitSlow", "Resolved"});
    CHECK(server.stats().requests == 1);
    CHECK_THROWS_WITH_AS((void)future.poll(), doctest::Contains("Either"), async::FuturePolledAfterReady);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "the first poll sends the chosen request at once") {
    async::Http::set_server(address());
    for (const bool fast : {true, false}) {
      CAPTURE(fast);
      const auto before = server.stats().requests.load();
      exercise::Either future(fast, "/10/fast", "/10/slow");
      REQUIRE_FALSE(future.poll().is_ready());
      CHECK(future.state_name() == (fast ? "WaitFast" : "WaitSlow"));
      // No second poll: the request must be on its way already.
      CHECK(testing::eventually([&] { return server.stats().requests == before + 1; }, std::chrono::seconds(2)));
      CHECK(run(future).first == (fast ? "fast!" : "slow!"));
    }
  }
}
