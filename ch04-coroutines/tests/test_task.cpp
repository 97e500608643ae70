// Task<T> (src/task.hpp): a C++20 coroutine that is a Future.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "countdown.hpp"
#include "join_all.hpp"
#include "ready.hpp"
#include "task.hpp"

namespace {

// A future that counts its destructions and throws when polled, if asked to.
struct Probe final : async::Future<int> {
  Probe(int& destroyed, bool throws) : destroyed_(destroyed), throws_(throws) {}
  ~Probe() override { ++destroyed_; }
  async::PollState<int> poll() override {
    if (throws_) throw std::runtime_error("probe failed");
    return async::NotReady{};
  }
  int& destroyed_;
  bool throws_;
};

async::Task<int> add_after(std::vector<std::string>* log, int a, int b) {
  log->push_back("started");
  int x = co_await async::countdown(1, a);
  log->push_back("first");
  int y = co_await async::countdown(2, b);
  log->push_back("second");
  co_return x + y;
}

async::Task<int> immediate() { co_return co_await async::ready(7); }

async::Task<void> nothing() { co_return; }

async::Task<std::string> catches(int* destroyed) {
  try {
    co_await async::FuturePtr<int>(std::make_unique<Probe>(*destroyed, true));
  } catch (const std::runtime_error& e) {
    co_return std::string("caught: ") + e.what();
  }
  co_return "not caught";
}

async::Task<int> throws_after_wait() {
  co_await async::countdown(1);
  throw std::logic_error("inside the coroutine");
}

async::Task<int> waits_forever(int* destroyed) {
  co_return co_await async::FuturePtr<int>(std::make_unique<Probe>(*destroyed, false));
}

async::Task<int> waits_on_task() {
  int inner = co_await immediate();
  co_return inner * 2;
}

template <class T>
int polls_until_ready(async::Future<T>& future, int limit = 100) {
  for (int polls = 1; polls <= limit; ++polls) {
    if (future.poll().is_ready()) return polls;
  }
  FAIL("not Ready after " << limit << " polls");
  return limit;
}

}  // namespace

TEST_SUITE("ch04/task") {
  TEST_CASE("a Task runs nothing until polled, then one step per Ready child") {
    std::vector<std::string> log;
    auto task = add_after(&log, 2, 3);
    CHECK(log.empty());
    CHECK_FALSE(task.poll().is_ready());  // runs to the first co_await: countdown(1) is NotReady
    CHECK(log == std::vector<std::string>{"started"});
    CHECK_FALSE(task.poll().is_ready());  // first is Ready; countdown(2) NotReady
    CHECK_FALSE(task.poll().is_ready());
    auto state = task.poll();
    REQUIRE(state.is_ready());
    CHECK(std::move(state).value() == 5);
    CHECK(log == std::vector<std::string>{"started", "first", "second"});
    CHECK_THROWS_AS((void)task.poll(), async::FuturePolledAfterReady);
  }

  TEST_CASE("co_await on a future that is Ready at once does not suspend") {
    auto task = immediate();
    auto state = task.poll();
    REQUIRE(state.is_ready());
    CHECK(std::move(state).value() == 7);
    auto empty = nothing();
    CHECK(empty.poll().is_ready());
  }

  TEST_CASE("a Task can co_await another Task") {
    auto task = waits_on_task();
    auto state = task.poll();
    REQUIRE(state.is_ready());
    CHECK(std::move(state).value() == 14);
  }

  TEST_CASE("an exception from an awaited future reaches the coroutine's catch") {
    int destroyed = 0;
    auto task = catches(&destroyed);
    auto state = task.poll();
    REQUIRE(state.is_ready());
    CHECK(std::move(state).value() == "caught: probe failed");
    CHECK(destroyed == 1);
  }

  TEST_CASE("an exception that leaves the coroutine comes out of poll") {
    auto task = throws_after_wait();
    CHECK_FALSE(task.poll().is_ready());
    CHECK_THROWS_WITH_AS((void)task.poll(), "inside the coroutine", std::logic_error);
  }

  TEST_CASE("destroying a suspended Task destroys its frame and the future it waits on") {
    int destroyed = 0;
    {
      auto task = waits_forever(&destroyed);
      CHECK_FALSE(task.poll().is_ready());
      CHECK_FALSE(task.poll().is_ready());
      CHECK(destroyed == 0);
    }
    CHECK(destroyed == 1);
  }

  TEST_CASE("join_all runs boxed Tasks side by side") {
    std::vector<std::string> log;
    std::vector<async::FuturePtr<int>> tasks;
    tasks.push_back(async::boxed(add_after(&log, 1, 2)));
    tasks.push_back(async::boxed(add_after(&log, 10, 20)));
    auto all = async::join_all(std::move(tasks));
    CHECK(polls_until_ready(*all) == 4);
    CHECK(log == std::vector<std::string>{"started", "started", "first", "first", "second", "second"});
  }

  TEST_CASE("frame_size reports the bytes the frame's allocation asked for") {
    std::vector<std::string> log;
    auto task = add_after(&log, 1, 1);
    // At least the resume and destroy pointers, the promise, and the
    // parameters that live in the frame.
    CHECK(task.frame_size() >= 2 * sizeof(void*) + sizeof(async::Task<int>::promise_type) + sizeof(int) * 2);
    auto other = nothing();
    CHECK(other.frame_size() > 0);
    CHECK(other.frame_size() < task.frame_size());
  }
}
