// Executor: block_on returns the value, polls only tasks that were woken,
// parks (never spins) when none is, and runs tasks spawned from tasks.
#include <doctest/doctest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/http.hpp"
#include "common/text.hpp"
#include "countdown.hpp"
#include "counted.hpp"
#include "executor.hpp"
#include "http.hpp"
#include "join_all.hpp"
#include "ready.hpp"
#include "runtime.hpp"
#include "task.hpp"
#include "testing/delay_server_fixture.hpp"
#include "testing/emulator.hpp"
#include "timer.hpp"

using async::Executor;
using async::Http;
using namespace std::chrono_literals;

namespace {

async::Task<void> child(std::vector<int>* finished, int n) {
  co_await async::sleep(std::chrono::milliseconds(10 * n));
  finished->push_back(n);
}

// A task that spawns three children and does not wait for them.
async::Task<void> parent(std::vector<int>* finished) {
  for (int n = 3; n >= 1; --n) async::spawn(child(finished, n));
  finished->push_back(0);
  co_return;
}

async::Task<std::size_t> body_length(std::string path) {
  const std::string response = co_await Http::get(std::move(path));
  co_return common::split_response(response).body.size();
}

}  // namespace

TEST_SUITE("ch06/executor") {
  TEST_CASE("block_on returns the value of a ready future after one poll and no park") {
    Executor executor;
    CHECK(executor.block_on(async::ready(42)) == 42);
    CHECK(executor.stats().polls == 1);
    CHECK(executor.stats().parks == 0);
    CHECK(executor.stats().spawned == 1);
    CHECK(executor.stats().finished == 1);
  }

  TEST_CASE("a future that wakes itself is polled once per wake and never parks") {
    Executor executor;
    testing::Counters counters;
    CHECK(executor.block_on(testing::counted(async::countdown(3, 'x'), counters)) == 'x');
    CHECK(counters.polls == 4);  // three NotReady, each after a wake, then Ready
    CHECK(executor.stats().polls == 4);
    CHECK(executor.wakes() == 4);  // spawn's push, then the three self-wakes
    CHECK(executor.stats().parks == 0);
    CHECK(counters.destroyed == 1);
  }

  TEST_CASE("every poll gets a waker for the task being polled") {
    Executor executor;
    testing::Counters counters;
    executor.block_on(testing::counted(async::countdown(1), counters));
    REQUIRE(counters.last_waker.has_value());
    CHECK(counters.last_waker->id() == 1);  // block_on's task is the first spawned
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "an executor with nothing ready parks instead of polling") {
    Http::set_server(address());
    async::Runtime runtime;
    testing::Counters counters;
    const std::string raw = runtime.block_on(testing::counted(Http::get("/200/parked"), counters));
    CHECK(common::split_response(raw).body == "parked");
    // Poll 1 sends the request, then the thread parks for ~200 ms. One wake
    // for the response and its FIN (two if the FIN lags): a spinning loop
    // would have polled thousands of times.
    const auto& stats = runtime.executor().stats();
    CHECK(stats.polls == counters.polls);
    CHECK(stats.polls >= 2);
    CHECK(stats.polls <= 3);
    CHECK(stats.parks == stats.polls - 1);
    CHECK(runtime.reactor().sources() == 0);
    CHECK(runtime.reactor().wakers() == 0);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "join_all of N requests is polled about once per answer, not once per event loop turn") {
    Http::set_server(address());
    constexpr int kRequests = 6;
    async::Runtime runtime;
    std::vector<async::FuturePtr<std::string>> gets;
    for (int i = 0; i < kRequests; ++i) gets.push_back(Http::get(common::cat("/", 40 * i, "/r", i)));
    const auto responses = runtime.block_on(async::join_all(std::move(gets)));
    REQUIRE(responses.size() == kRequests);
    for (int i = 0; i < kRequests; ++i) CHECK(common::split_response(responses[i]).body == common::cat("r", i));
    const auto& stats = runtime.executor().stats();
    CHECK(stats.polls >= 2);
    CHECK(stats.polls <= 2 * kRequests + 1);
  }

  TEST_CASE("a task spawned from inside a task runs on the same executor, and block_on waits for it") {
    ASYNC_SKIP_UNDER_EMULATOR("the children's sleeps are 10 ms apart, too close for qemu-user's timing");
    async::Runtime runtime;  // the children sleep on the reactor's timers
    std::vector<int> finished;
    runtime.block_on(async::boxed(parent(&finished)));
    // parent finished first; its children in the order of their sleeps.
    CHECK(finished == std::vector<int>{0, 1, 2, 3});
    CHECK(runtime.executor().stats().spawned == 4);
    CHECK(runtime.executor().stats().finished == 4);
    CHECK(runtime.executor().tasks() == 0);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "a co_await coroutine Task runs on the executor and returns its value") {
    Http::set_server(address());
    async::Runtime runtime;
    CHECK(runtime.block_on(async::boxed(body_length("/30/twelve%20chars"))) == 12);
  }

  TEST_CASE("spawn with no executor on this thread throws NoExecutor") {
    CHECK_THROWS_AS(async::spawn(async::ready()), async::NoExecutor);
  }

  TEST_CASE("a second executor on the same thread is refused") {
    Executor first;
    CHECK_THROWS_AS(Executor(), std::logic_error);
    CHECK(async::current_executor() == &first);
  }

  TEST_CASE("an exception from a task comes out of block_on") {
    Executor executor;
    auto failing = []() -> async::Task<int> {
      co_await async::countdown(1);
      throw std::runtime_error("task failed");
    };
    CHECK_THROWS_WITH_AS(executor.block_on(async::boxed(failing())), "task failed", std::runtime_error);
  }
}
