#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/http.hpp"
#include "http.hpp"
#include "ready.hpp"
#include "run_both.hpp"
#include "runtime.hpp"
#include "testing/delay_server_fixture.hpp"

namespace {

// Records "<name> poll" and "<name> ready" in a shared log, in order. A
// poll after Ready is logged too, and answered with the same output again
// instead of reaching the finished inner future (which would throw): the
// test's checks, not an exception, say what went wrong.
template <class T>
class Logged final : public async::Future<T> {
 public:
  Logged(async::FuturePtr<T> inner, std::string name, std::vector<std::string>& log)
      : inner_(std::move(inner)), name_(std::move(name)), log_(log) {}
  async::PollState<T> poll() override {
    log_.push_back(name_ + " poll");
    if (output_) return async::Ready{*output_};
    auto state = inner_->poll();
    if (state.is_ready()) {
      log_.push_back(name_ + " ready");
      output_ = state.value();
    }
    return state;
  }

 private:
  async::FuturePtr<T> inner_;
  std::string name_;
  std::vector<std::string>& log_;
  std::optional<T> output_;
};

// Ready at once with 7; notes its own destruction.
class DropNoted final : public async::Future<int> {
 public:
  explicit DropNoted(bool& dropped) : dropped_(dropped) {}
  ~DropNoted() override { dropped_ = true; }
  DropNoted(const DropNoted&) = delete;
  DropNoted& operator=(const DropNoted&) = delete;
  async::PollState<int> poll() override { return async::Ready{7}; }

 private:
  bool& dropped_;
};

// Passes its inner future's output through; when it is Ready, notes whether
// `dropped` was already set.
class LooksAtDrop final : public async::Future<std::string> {
 public:
  LooksAtDrop(async::FuturePtr<std::string> inner, const bool& dropped, bool& seen)
      : inner_(std::move(inner)), dropped_(dropped), seen_(seen) {}
  async::PollState<std::string> poll() override {
    auto state = inner_->poll();
    if (state.is_ready()) seen_ = dropped_;
    return state;
  }

 private:
  async::FuturePtr<std::string> inner_;
  const bool& dropped_;
  bool& seen_;
};

template <class T>
async::FuturePtr<T> logged(async::FuturePtr<T> inner, std::string name, std::vector<std::string>& log) {
  return std::make_unique<Logged<T>>(std::move(inner), std::move(name), log);
}

std::size_t count(const std::vector<std::string>& log, const std::string& entry) {
  return static_cast<std::size_t>(std::count(log.begin(), log.end(), entry));
}

std::size_t index_of(const std::vector<std::string>& log, const std::string& entry) {
  return static_cast<std::size_t>(std::find(log.begin(), log.end(), entry) - log.begin());
}

}  // namespace

TEST_SUITE("ch05/exercise 02-run-both") {
  TEST_CASE_FIXTURE(testing::DelayServerFixture, "both futures run at the same time and both outputs come back") {
    async::Http::set_server(address());
    async::Runtime runtime;
    std::vector<std::string> log;
    auto [slow, fast] = exercise::block_on_both(runtime, logged(async::Http::get("/150/slow"), "slow", log),
                                                logged(async::Http::get("/30/fast"), "fast", log));
    CHECK(common::split_response(slow).body == "slow");
    CHECK(common::split_response(fast).body == "fast");
    // The fast GET was sent (first polled) before the slow one finished,
    // and finished first: they overlapped.
    REQUIRE(index_of(log, "fast poll") < log.size());
    CHECK(index_of(log, "fast poll") < index_of(log, "slow ready"));
    CHECK(index_of(log, "fast ready") < index_of(log, "slow ready"));
    // Each finished once and was never polled after it was Ready.
    CHECK(count(log, "slow ready") == 1);
    CHECK(count(log, "fast ready") == 1);
    CHECK(log.back() == "slow ready");
    CHECK(index_of(log, "fast ready") > index_of(log, "fast poll"));
    for (std::size_t i = index_of(log, "fast ready"); i < log.size(); ++i) CHECK(log[i] != "fast poll");
    // It slept between turns instead of spinning: one wait per answer, two
    // if a FIN lags behind its answer.
    CHECK(runtime.stats().waits >= 1);
    CHECK(runtime.stats().waits <= 4);
  }

  TEST_CASE("two futures Ready at once: one poll each, no sleep") {
    async::Runtime runtime;
    std::vector<std::string> log;
    auto [number, word] =
        exercise::block_on_both(runtime, logged(async::ready(42), "number", log), logged(async::ready(std::string("hi")), "word", log));
    CHECK(number == 42);
    CHECK(word == "hi");
    CHECK(log == std::vector<std::string>{"number poll", "number ready", "word poll", "word ready"});
    CHECK(runtime.stats().waits == 0);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "the first future Ready at once is not polled again while the second waits") {
    async::Http::set_server(address());
    async::Runtime runtime;
    std::vector<std::string> log;
    auto [number, response] =
        exercise::block_on_both(runtime, logged(async::ready(7), "number", log), logged(async::Http::get("/40/later"), "get", log));
    CHECK(number == 7);
    CHECK(common::split_response(response).body == "later");
    CHECK(count(log, "number poll") == 1);
    CHECK(count(log, "get poll") >= 2);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "the second future Ready at once is not polled again while the first waits") {
    async::Http::set_server(address());
    async::Runtime runtime;
    std::vector<std::string> log;
    auto [response, number] =
        exercise::block_on_both(runtime, logged(async::Http::get("/40/later"), "get", log), logged(async::ready(7), "number", log));
    CHECK(number == 7);
    CHECK(common::split_response(response).body == "later");
    CHECK(count(log, "number poll") == 1);
    CHECK(count(log, "get poll") >= 2);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "a future is released as soon as it is Ready and not when both are done") {
    async::Http::set_server(address());
    async::Runtime runtime;
    bool dropped = false;
    bool dropped_before_the_get_finished = false;
    auto [number, response] = exercise::block_on_both(
        runtime, async::FuturePtr<int>(std::make_unique<DropNoted>(dropped)),
        async::FuturePtr<std::string>(
            std::make_unique<LooksAtDrop>(async::Http::get("/40/later"), dropped, dropped_before_the_get_finished)));
    CHECK(number == 7);
    CHECK(common::split_response(response).body == "later");
    // A finished future still held keeps what it holds (a socket, a
    // registration, a buffer) for as long as the other one runs.
    CHECK(dropped_before_the_get_finished);
  }

  TEST_CASE("a null future is refused") {
    async::Runtime runtime;
    CHECK_THROWS_AS(exercise::block_on_both(runtime, async::ready(1), async::FuturePtr<int>{}), std::invalid_argument);
  }
}
