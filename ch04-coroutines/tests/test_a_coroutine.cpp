// The state machine written by hand (examples/a-coroutine/coroutine.hpp).
#include <doctest/doctest.h>

#include <chrono>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "a-coroutine/coroutine.hpp"
#include "common/http.hpp"
#include "http.hpp"
#include "testing/delay_server_fixture.hpp"

TEST_SUITE("ch04/a-coroutine") {
  TEST_CASE_FIXTURE(testing::DelayServerFixture, "the hand-written state machine steps through Start, Wait1, Wait2, Resolved in order") {
    async::Http::set_server(address());
    std::ostringstream out;
    example::Coroutine coroutine(out, "/60/HelloWorld1", "/30/HelloWorld2");
    std::vector<std::string> states{std::string(coroutine.state_name())};
    CHECK(out.str().empty());  // nothing runs before the first poll

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    bool ready = false;
    while (!ready && std::chrono::steady_clock::now() < deadline) {
      ready = coroutine.poll().is_ready();
      const std::string state(coroutine.state_name());
      if (state != states.back()) states.push_back(state);
      if (states.size() == 2) CHECK(out.str() == "Program starting\n");  // the first poll stops in Wait1
      std::this_thread::yield();
    }
    REQUIRE(ready);
    CHECK(states == std::vector<std::string>{"Start", "Wait1", "Wait2", "Resolved"});

    // What it printed: the line, then each whole response, in order.
    const std::string text = out.str();
    REQUIRE(text.starts_with("Program starting\n"));
    const auto first = text.find("HTTP/1.1 200 OK");
    const auto second = text.find("HTTP/1.1 200 OK", first + 1);
    REQUIRE(second != std::string::npos);
    CHECK(common::split_response(text.substr(first, second - first - 1)).body == "HelloWorld1");
    CHECK(common::split_response(text.substr(second, text.size() - second - 1)).body == "HelloWorld2");
    CHECK_THROWS_AS((void)coroutine.poll(), async::FuturePolledAfterReady);
  }
}
