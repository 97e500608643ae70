#include <doctest/doctest.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "executor.hpp"
#include "runtime.hpp"
#include "spawn_blocking.hpp"
#include "task.hpp"
#include "timer.hpp"
#include "waker.hpp"

using namespace std::chrono_literals;

namespace {

// A gate the test opens: work that waits on it runs exactly as long as the
// test wants, so "the work is still running" is a fact, not a guess.
class Gate {
 public:
  void open() {
    {
      std::lock_guard lock(mutex_);
      open_ = true;
    }
    opened_.notify_all();
  }
  // Waits until open. Gives up after 10 s only so that a wrong answer which
  // runs the work on the test's own thread (where nobody is left to open the
  // gate) fails its checks instead of hanging.
  void wait() {
    std::unique_lock lock(mutex_);
    opened_.wait_for(lock, 10s, [this] { return open_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable opened_;
  bool open_ = false;
};

// A waker of our own, on a queue of our own: the test polls the future by
// hand and reads, from the queue, who woke it and how often.
struct Probe {
  std::shared_ptr<async::ReadyQueue> queue = std::make_shared<async::ReadyQueue>();
  async::Waker waker{queue, 7};
};

async::Task<void> compute(int* result, std::thread::id* worker, bool* done) {
  *result = co_await exercise::spawn_blocking<int>([worker] {
    *worker = std::this_thread::get_id();  // read by the test after the wake, which orders the two
    return 6 * 7;
  });
  *done = true;
}

}  // namespace

TEST_SUITE("ch06/exercise 03: spawn_blocking") {
  TEST_CASE("the work runs on a thread of its own so the first poll is NotReady") {
    Probe probe;
    std::thread::id worker;
    auto future = exercise::spawn_blocking<int>([&worker] {
      worker = std::this_thread::get_id();
      return 42;
    });
    // Run inline, the work would be done (and Ready) within this poll, on
    // this thread: the executor's thread, blocked for as long as it runs.
    REQUIRE_FALSE(future->poll(probe.waker).is_ready());
    REQUIRE(probe.queue->take_all_for(5s) == std::vector<std::size_t>{7});  // the thread's wake
    CHECK(worker != std::thread::id{});
    CHECK(worker != std::this_thread::get_id());
    auto state = future->poll(probe.waker);
    REQUIRE(state.is_ready());
    CHECK(state.value() == 42);
  }

  TEST_CASE("while the work runs the future never wakes itself however often it is polled") {
    Probe probe;
    Gate gate;
    auto future = exercise::spawn_blocking<int>([&gate] {
      gate.wait();
      return 42;
    });
    // The work cannot finish before gate.open(): any wake now is the
    // future waking itself, and an executor would poll it again at once,
    // and again, a spin that burns the thread while nothing can change.
    for (int poll = 1; poll <= 3; ++poll) {
      CAPTURE(poll);
      REQUIRE_FALSE(future->poll(probe.waker).is_ready());
      CHECK(probe.queue->pushes() == 0);
    }
    gate.open();
    CHECK(probe.queue->take_all_for(5s) == std::vector<std::size_t>{7});
    auto state = future->poll(probe.waker);
    REQUIRE(state.is_ready());
    CHECK(state.value() == 42);
    CHECK(probe.queue->pushes() == 1);  // one wake in all: the thread's, when the value was there
  }

  TEST_CASE("the thread wakes the latest waker and not the first one") {
    Probe first;
    Probe latest;
    Gate gate;
    auto future = exercise::spawn_blocking<int>([&gate] {
      gate.wait();
      return 1;
    });
    REQUIRE_FALSE(future->poll(first.waker).is_ready());
    // Polled again by another task (another waker): only it may be woken.
    REQUIRE_FALSE(future->poll(latest.waker).is_ready());
    gate.open();
    CHECK(latest.queue->take_all_for(5s) == std::vector<std::size_t>{7});
    CHECK(first.queue->pushes() == 0);
    CHECK(future->poll(latest.waker).is_ready());
  }

  TEST_CASE("a value computed on another thread wakes the task that waits for it") {
    async::Runtime runtime;  // the watchdog's timer needs the reactor
    int result = 0;
    std::thread::id worker;
    bool done = false;
    // A deadline: if the task is never woken the executor would park for
    // ever, so this task looks every 10 ms for 3 s and then ends block_on
    // with an error. It only runs out when the answer is wrong.
    auto check_early = [&]() -> async::Task<void> {
      async::spawn(compute(&result, &worker, &done));
      for (int i = 0; i < 300 && !done; ++i) co_await async::sleep(10ms);
      if (!done) throw std::runtime_error("spawn_blocking's task was never woken (3 s)");
    };
    runtime.block_on(async::boxed(check_early()));
    CHECK(result == 42);
    CHECK(worker != std::this_thread::get_id());
  }
}
