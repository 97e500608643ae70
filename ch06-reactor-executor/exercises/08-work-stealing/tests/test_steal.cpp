// Exercise ch06/08: take_half and next_task, one step at a time, then two
// worker threads that finish only if one steals from the other.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>
#include <vector>

#include "steal.hpp"

using exercise::Counters;
using exercise::next_task;
using exercise::WorkQueue;

namespace {

std::vector<int> drain(WorkQueue<int>& queue) {
  std::vector<int> out;
  while (auto task = queue.pop()) out.push_back(*task);
  return out;
}

WorkQueue<int>& fill(WorkQueue<int>& queue, int first, int count) {
  for (int i = first; i < first + count; ++i) queue.push(i);
  return queue;
}

}  // namespace

TEST_SUITE("ch06/exercise 08") {
  TEST_CASE("a steal takes the older half of the queue rounded up") {
    for (int n : {1, 2, 3, 4, 7, 10}) {
      CAPTURE(n);
      WorkQueue<int> queue;
      fill(queue, 0, n);
      const auto taken = queue.take_half();
      CHECK(taken.size() == static_cast<std::size_t>((n + 1) / 2));
      CHECK(queue.size() == static_cast<std::size_t>(n - (n + 1) / 2));
    }
    WorkQueue<int> empty;
    CHECK(empty.take_half().empty());
  }

  TEST_CASE("the thief takes the oldest tasks and the owner keeps its newest") {
    WorkQueue<int> queue;
    fill(queue, 0, 6);
    CHECK(queue.take_half() == std::vector<int>{0, 1, 2});
    CHECK(drain(queue) == std::vector<int>{3, 4, 5});
  }

  TEST_CASE("a worker takes from its own queue first") {
    std::vector<WorkQueue<int>> locals(2);
    WorkQueue<int> injector;
    fill(locals[0], 10, 1);
    fill(injector, 20, 1);
    fill(locals[1], 30, 2);
    Counters counters;
    CHECK(next_task(0, locals, injector, counters) == 10);
    CHECK(counters.local == 1);
  }

  TEST_CASE("the injector comes before stealing") {
    std::vector<WorkQueue<int>> locals(2);
    WorkQueue<int> injector;
    fill(injector, 20, 1);
    fill(locals[1], 30, 4);
    Counters counters;
    CHECK(next_task(0, locals, injector, counters) == 20);
    CHECK(counters.injected == 1);
    CHECK(counters.steals == 0);
    CHECK(locals[1].size() == 4);  // nobody was robbed while the injector had work
  }

  TEST_CASE("with nothing at home a worker steals from the next worker first") {
    std::vector<WorkQueue<int>> locals(3);
    WorkQueue<int> injector;
    fill(locals[2], 200, 2);
    fill(locals[0], 0, 2);
    Counters counters;
    CHECK(next_task(1, locals, injector, counters) == 200);  // 1 + 1 = worker 2
    CHECK(counters.steals == 1);
    CHECK(locals[0].size() == 2);
    CHECK(next_task(1, locals, injector, counters) == 201);  // worker 2 again: it still has one
    CHECK(next_task(1, locals, injector, counters) == 0);    // then worker 0, wrapping around
  }

  TEST_CASE("the rest of a steal goes on the thief own queue and nothing is lost") {
    std::vector<WorkQueue<int>> locals(2);
    WorkQueue<int> injector;
    fill(locals[1], 0, 8);
    Counters counters;
    CHECK(next_task(0, locals, injector, counters) == 0);  // the oldest of the four stolen runs now
    CHECK(counters.steals == 1);
    CHECK(drain(locals[0]) == std::vector<int>{1, 2, 3});   // the other three wait on the thief's queue
    CHECK(drain(locals[1]) == std::vector<int>{4, 5, 6, 7});
  }

  TEST_CASE("nothing anywhere gives nothing") {
    std::vector<WorkQueue<int>> locals(3);
    WorkQueue<int> injector;
    Counters counters;
    CHECK_FALSE(next_task(0, locals, injector, counters).has_value());
    CHECK(counters.local + counters.injected + counters.steals == 0);
  }

  TEST_CASE("two workers: jobs queued behind a busy worker run on the other one") {
    // Worker 0's queue holds a blocker and then 16 jobs. The blocker waits
    // until a job has run on worker 1, which only stealing can bring about.
    using Job = std::function<void(std::size_t)>;
    std::vector<WorkQueue<Job>> locals(2);
    WorkQueue<Job> injector;
    std::atomic<int> ran_on_1{0};
    std::atomic<int> ran{0};
    std::atomic<bool> blocker_released{false};
    locals[0].push([&](std::size_t) {
      const auto guard = std::chrono::steady_clock::now() + std::chrono::seconds(10);  // a guard, not a measurement
      while (ran_on_1.load() == 0 && std::chrono::steady_clock::now() < guard) std::this_thread::yield();
      blocker_released = ran_on_1.load() > 0;
    });
    for (int i = 0; i < 16; ++i) {
      locals[0].push([&](std::size_t worker) {
        if (worker == 1) ++ran_on_1;
        ++ran;
      });
    }
    std::atomic<bool> worker0_started{false};
    auto worker = [&](std::size_t me) {
      Counters counters;
      if (me == 0) {
        // Worker 0 takes its blocker before worker 1 looks for work.
        auto job = next_task(me, locals, injector, counters);
        worker0_started = true;
        if (job) (*job)(me);
      } else {
        while (!worker0_started) std::this_thread::yield();
      }
      while (auto job = next_task(me, locals, injector, counters)) (*job)(me);
    };
    std::thread a(worker, 0), b(worker, 1);
    a.join();
    b.join();
    CHECK(blocker_released.load());
    CHECK(ran.load() == 16);
    CHECK(ran_on_1.load() >= 1);
  }
}
