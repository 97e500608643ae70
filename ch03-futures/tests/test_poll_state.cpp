#include <doctest/doctest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "future.hpp"

using async::NotReady;
using async::PollState;
using async::Ready;

TEST_SUITE("ch03/poll_state") {
  TEST_CASE("NotReady is not ready and has no value") {
    PollState<int> state = NotReady{};
    CHECK_FALSE(state.is_ready());
    CHECK_THROWS_AS((void)state.value(), std::logic_error);
  }

  TEST_CASE("Ready carries its value out") {
    PollState<int> state = Ready{42};
    REQUIRE(state.is_ready());
    CHECK(state.value() == 42);
    CHECK(std::move(state).value() == 42);
  }

  TEST_CASE("Ready converts to the future's output type") {
    PollState<std::string> state = Ready{"hello"};  // Ready<const char*>
    REQUIRE(state.is_ready());
    CHECK(state.value() == "hello");
  }

  TEST_CASE("a move-only value is moved out, not copied") {
    PollState<std::unique_ptr<int>> state = Ready{std::make_unique<int>(7)};
    REQUIRE(state.is_ready());
    std::unique_ptr<int> out = std::move(state).value();
    REQUIRE(out != nullptr);
    CHECK(*out == 7);
  }

  TEST_CASE("PollState<void> is Ready or NotReady, and value() checks which") {
    PollState<void> ready = Ready{};
    PollState<void> not_ready = NotReady{};
    CHECK(ready.is_ready());
    CHECK_FALSE(not_ready.is_ready());
    CHECK_NOTHROW(std::move(ready).value());
    CHECK_THROWS_AS(std::move(not_ready).value(), std::logic_error);
  }

  TEST_CASE("FuturePolledAfterReady names the future") {
    const async::FuturePolledAfterReady error("HttpGetFuture(GET /1/a)");
    CHECK(std::string(error.what()) == "HttpGetFuture(GET /1/a) polled again after it returned Ready");
  }
}
