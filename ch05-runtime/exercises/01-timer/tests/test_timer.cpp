#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "common/http.hpp"
#include "http.hpp"
#include "join_all.hpp"
#include "runtime.hpp"
#include "testing/delay_server_fixture.hpp"
#include "timer.hpp"

using namespace std::chrono_literals;

namespace {

// A GET as a Future<void>, so it can be joined with timers; checks the body.
class BodyIs final : public async::Future<void> {
 public:
  BodyIs(async::FuturePtr<std::string> get, std::string expected) : get_(std::move(get)), expected_(std::move(expected)) {}
  async::PollState<void> poll() override {
    auto state = get_->poll();
    if (!state.is_ready()) return async::NotReady{};
    CHECK(common::split_response(state.value()).body == expected_);
    return async::Ready{};
  }

 private:
  async::FuturePtr<std::string> get_;
  std::string expected_;
};

}  // namespace

TEST_SUITE("ch05/exercise 01-timer") {
  TEST_CASE("block_on sleeps on a timer: two polls and one epoll wait") {
    async::Runtime runtime;
    const auto start = std::chrono::steady_clock::now();
    runtime.block_on(exercise::sleep_for(50ms));
    CHECK(std::chrono::steady_clock::now() - start >= 50ms);
    CHECK(runtime.stats().polls == 2);  // arm and register; then Ready after the one event
    CHECK(runtime.stats().waits == 1);
    CHECK(runtime.registry().sources() == 0);  // deregistered when Ready
  }

  TEST_CASE("a zero timer is Ready on the poll after the first") {
    async::Runtime runtime;
    auto timer = exercise::sleep_for(0ms);
    REQUIRE_FALSE(timer->poll().is_ready());
    // An all-zero it_value disarms a timerfd: no event would ever come, and
    // this wait gives up after 5 s with none.
    CHECK(runtime.wait(5s) == 1);
    CHECK(timer->poll().is_ready());
    CHECK(runtime.registry().sources() == 0);
  }

  TEST_CASE("a timer polled again before it expires is NotReady") {
    async::Runtime runtime;
    auto timer = exercise::sleep_for(10s);
    REQUIRE_FALSE(timer->poll().is_ready());
    // Woken for another source's event (or spuriously): the read says
    // EAGAIN, and a poll is no proof that the time is up.
    CHECK_FALSE(timer->poll().is_ready());
    CHECK_FALSE(timer->poll().is_ready());
    CHECK(runtime.registry().sources() == 1);  // still waiting, still registered
  }

  TEST_CASE("a timer that outlives its runtime is destroyed quietly") {
    auto timer = exercise::sleep_for(10s);
    {
      async::Runtime runtime;
      REQUIRE_FALSE(timer->poll().is_ready());
    }
    CHECK_NOTHROW(timer.reset());  // no runtime left to deregister from: just close
  }

  TEST_CASE("a timer polled outside a runtime says so") {
    auto timer = exercise::sleep_for(10ms);
    CHECK_THROWS_AS(timer->poll(), async::NoRuntime);
  }

  TEST_CASE("a timer destroyed while waiting deregisters") {
    async::Runtime runtime;
    auto timer = exercise::sleep_for(10s);
    CHECK_FALSE(timer->poll().is_ready());
    CHECK(runtime.registry().sources() == 1);
    timer.reset();
    CHECK(runtime.registry().sources() == 0);
  }

  TEST_CASE("two timers joined take as long as the longer one") {
    async::Runtime runtime;
    std::vector<async::FuturePtr<void>> timers;
    timers.push_back(exercise::sleep_for(80ms));
    timers.push_back(exercise::sleep_for(40ms));
    const auto start = std::chrono::steady_clock::now();
    runtime.block_on(async::join_all(std::move(timers)));
    const auto elapsed = std::chrono::steady_clock::now() - start;
    CHECK(elapsed >= 80ms);
    CHECK(elapsed < 1s);  // a bound only against hanging: the poll count says they overlapped
    CHECK(runtime.stats().polls == 3);  // start both; the 40 ms one; the 80 ms one
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "a timer and a GET wait in the same epoll_wait") {
    async::Http::set_server(address());
    async::Runtime runtime;
    std::vector<async::FuturePtr<void>> both;
    both.push_back(exercise::sleep_for(60ms));
    both.push_back(std::make_unique<BodyIs>(async::Http::get("/20/beside"), "beside"));
    runtime.block_on(async::join_all(std::move(both)));
    CHECK(runtime.stats().polls >= 3);  // start both; the GET (maybe twice); the timer
    CHECK(runtime.stats().polls <= 4);
    CHECK(runtime.registry().sources() == 0);
  }
}
