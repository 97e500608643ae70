#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>

#include "common/http.hpp"
#include "http.hpp"
#include "runtime.hpp"
#include "select.hpp"
#include "testing/delay_server_fixture.hpp"

using namespace std::chrono_literals;

namespace {

struct Seen {
  std::size_t index = 99;
  std::size_t sources = 99;  // what the reactor still held when the select was Ready
  std::size_t wakers = 99;
};

// Polls a select and, when it is Ready, notes what the reactor still holds
// while the select itself is still alive (it is a member).
class KeepAndLook final : public async::Future<void> {
 public:
  KeepAndLook(async::FuturePtr<exercise::Selected<std::string>> select, Seen& seen)
      : select_(std::move(select)), seen_(seen) {}
  async::PollState<void> poll(const async::Waker& waker) override {
    auto state = select_->poll(waker);
    if (!state.is_ready()) return async::NotReady{};
    seen_.index = state.value().index;
    seen_.sources = async::reactor().sources();
    seen_.wakers = async::reactor().wakers();
    return async::Ready{};
  }

 private:
  async::FuturePtr<exercise::Selected<std::string>> select_;
  Seen& seen_;
};

}  // namespace

TEST_SUITE("ch06/exercise 02: select") {
  TEST_CASE_FIXTURE(testing::DelayServerFixture, "select returns the faster of two GETs whichever comes first") {
    async::Http::set_server(address());
    async::Runtime runtime;
    const auto start = std::chrono::steady_clock::now();
    const auto selected = runtime.block_on(exercise::select(async::Http::get("/1500/slow"), async::Http::get("/30/fast")));
    CHECK(selected.index == 1);
    CHECK(common::split_response(selected.value).body == "fast");
    CHECK(std::chrono::steady_clock::now() - start < 1000ms);  // it did not wait for the slow one
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "the loser is dropped at once: its socket and its waker leave the reactor") {
    async::Http::set_server(address());
    async::Runtime runtime;
    Seen seen;
    runtime.block_on(async::FuturePtr<void>(std::make_unique<KeepAndLook>(
        exercise::select(async::Http::get("/20/first"), async::Http::get("/1500/second")), seen)));
    CHECK(seen.index == 0);
    CHECK(seen.sources == 0);
    CHECK(seen.wakers == 0);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "when the second wins the first is dropped at once too") {
    async::Http::set_server(address());
    async::Runtime runtime;
    Seen seen;
    runtime.block_on(async::FuturePtr<void>(std::make_unique<KeepAndLook>(
        exercise::select(async::Http::get("/1500/first"), async::Http::get("/20/second")), seen)));
    CHECK(seen.index == 1);
    CHECK(seen.sources == 0);
    CHECK(seen.wakers == 0);
  }
}
