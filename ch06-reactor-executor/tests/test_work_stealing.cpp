// The work-stealing executor: no task polled on two threads at once, no wake
// lost, every task run to completion once, idle workers steal and park, and
// errors leave it clean and reusable. Run these under TSan (the tsan preset).
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "common/text.hpp"
#include "common/http.hpp"
#include "http.hpp"
#include "ready.hpp"
#include "reactor.hpp"
#include "task.hpp"
#include "testing/delay_server_fixture.hpp"
#include "testing/wait.hpp"
#include "work_stealing.hpp"

using namespace std::chrono_literals;

namespace {

// Ready after `signals` wakes from outside, each delivered through the waker
// it stored on its last poll. Notices being polled by two threads at once.
class Signalled final : public async::Future<void> {
 public:
  Signalled(int signals, std::atomic<int>& overlaps, std::atomic<int>& completions)
      : needed_(signals), overlaps_(overlaps), completions_(completions) {}

  async::PollState<void> poll(const async::Waker& waker) override {
    if (in_poll_.exchange(true)) ++overlaps_;  // another thread is polling us right now
    std::lock_guard lock(mutex_);
    waker_ = waker;
    const bool done = received_ >= needed_;
    if (done) ++completions_;
    in_poll_ = false;
    if (done) return async::Ready{};
    return async::NotReady{};
  }

  // Called from other threads: one more signal, and a wake.
  bool signal() {
    std::optional<async::Waker> waker;
    {
      std::lock_guard lock(mutex_);
      if (!waker_) return false;  // not polled yet: nothing to wake
      ++received_;
      waker = waker_;
    }
    waker->wake();
    return true;
  }

 private:
  const int needed_;
  std::atomic<int>& overlaps_;
  std::atomic<int>& completions_;
  std::atomic<bool> in_poll_{false};
  std::mutex mutex_;
  std::optional<async::Waker> waker_;
  int received_ = 0;
};

// NotReady until released from outside; records when it is destroyed.
class Held final : public async::Future<void> {
 public:
  Held(std::string name, std::vector<std::string>& destroyed, std::mutex& mutex)
      : name_(std::move(name)), destroyed_(destroyed), mutex_(mutex) {}
  ~Held() override {
    std::lock_guard lock(mutex_);
    destroyed_.push_back(name_);
  }
  async::PollState<void> poll(const async::Waker&) override { return async::NotReady{}; }

 private:
  std::string name_;
  std::vector<std::string>& destroyed_;
  std::mutex& mutex_;
};

class Throws final : public async::Future<void> {
 public:
  async::PollState<void> poll(const async::Waker&) override { throw std::runtime_error("task failed"); }
};

// Wakes itself `times` times from inside its own poll, then is Ready.
class WakesItself final : public async::Future<void> {
 public:
  WakesItself(int times, int& polls) : left_(times), polls_(polls) {}
  async::PollState<void> poll(const async::Waker& waker) override {
    ++polls_;
    if (left_-- == 0) return async::Ready{};
    waker.wake();  // while RUNNING: the task is NOTIFIED and queued again after this poll
    return async::NotReady{};
  }

 private:
  int left_;
  int& polls_;
};

// Counts itself in `elsewhere` when it runs while the blocker occupies
// another worker (blocker_worker holds that worker's index + 1, 0 before).
async::Task<void> small(std::atomic<int>* elsewhere, std::atomic<std::size_t>* blocker_worker) {
  const std::size_t here = *async::ws::current_worker();
  const std::size_t blocker = blocker_worker->load();
  if (blocker != 0 && here + 1 != blocker) ++*elsewhere;
  co_return;
}

// Occupies its worker until a small task has run on another worker: only
// stealing can make that happen (every small task is on this worker's own
// queue or was taken from it). Bounded: gives up after a generous guard.
async::Task<void> blocker(std::atomic<int>* elsewhere, std::atomic<std::size_t>* blocker_worker,
                          std::atomic<bool>* released) {
  blocker_worker->store(*async::ws::current_worker() + 1);
  const auto guard = std::chrono::steady_clock::now() + 20s;  // a guard, not a measurement
  while (elsewhere->load() == 0 && std::chrono::steady_clock::now() < guard) std::this_thread::yield();
  released->store(elsewhere->load() > 0);
  co_return;
}

async::Task<void> spawn_blocker_then_smalls(std::atomic<int>* elsewhere, std::atomic<std::size_t>* blocker_worker,
                                            std::atomic<bool>* released) {
  async::ws::spawn(blocker(elsewhere, blocker_worker, released));
  for (int i = 0; i < 64; ++i) async::ws::spawn(small(elsewhere, blocker_worker));
  co_return;
}

async::Task<std::size_t> body_length(std::string path) {
  const std::string response = co_await async::Http::get(path);
  co_return common::split_response(response).body.size();
}

async::Task<void> many_requests(int n, std::atomic<std::size_t>* total) {
  for (int i = 0; i < n; ++i) {
    async::ws::spawn([](int i, std::atomic<std::size_t>* total) -> async::Task<void> {
      *total += co_await body_length(common::cat("/", 10 * (i % 5), "/r", i));
    }(i, total));
  }
  co_return;
}

}  // namespace

TEST_SUITE("ch06/work stealing") {
  TEST_CASE("block_on returns the root's value") {
    async::ws::Executor executor(2);
    CHECK(executor.block_on(async::ready(42)) == 42);
    CHECK(executor.tasks() == 0);
    CHECK(executor.stats().finished == 1);
  }

  TEST_CASE("no task is polled on two threads at once, no wake is lost, and each task completes once") {
    constexpr int kTasks = 64;
    constexpr int kSignals = 200;
    std::atomic<int> overlaps{0};
    std::atomic<int> completions{0};
    std::vector<Signalled*> futures;
    async::ws::Executor executor(2);
    for (int i = 0; i < kTasks; ++i) {
      auto future = std::make_unique<Signalled>(kSignals, overlaps, completions);
      futures.push_back(future.get());
      executor.spawn(std::move(future));
    }
    // Two threads signal every task kSignals times between them, while the
    // workers poll: wakes arrive during polls (NOTIFIED) and between them.
    auto signaller = [&] {
      for (int round = 0; round < kSignals / 2; ++round) {
        for (Signalled* future : futures) {
          while (!future->signal()) std::this_thread::yield();  // its first poll is still to come
        }
      }
    };
    std::thread a(signaller), b(signaller);
    a.join();
    b.join();
    // Every signal has been delivered; the executor finishes every task only
    // if no wake was lost (a lost one leaves a task waiting for ever, and
    // tasks() never drops to 0: the guard below turns that into a failure).
    const bool all_done = testing::eventually([&] { return executor.tasks() == 0; }, 20s);
    CHECK_MESSAGE(all_done, executor.tasks() << " tasks never completed: a wake was lost");
    CHECK(overlaps.load() == 0);
    CHECK(completions.load() == kTasks);
    const auto stats = executor.stats();
    CHECK(stats.finished == kTasks);
    long long polls = 0;
    for (const auto& w : stats.workers) polls += w.polls;
    // At most one poll per wake plus the first: no task is polled without a reason.
    CHECK(polls <= stats.wakes + kTasks);
  }

  TEST_CASE("a task woken during its own poll is polled again, once per wake") {
    int polls = 0;
    async::ws::Executor executor(1);
    executor.block_on(async::FuturePtr<void>(std::make_unique<WakesItself>(5, polls)));
    CHECK(polls == 6);
    CHECK(executor.stats().notified == 5);
    CHECK(executor.stats().workers[0].polls == 6);
  }

  TEST_CASE("an idle worker steals from a busy worker's queue") {
    std::atomic<int> elsewhere{0};
    std::atomic<std::size_t> blocker_worker{0};
    std::atomic<bool> released{false};
    async::ws::Executor executor(2);
    executor.block_on(async::boxed(spawn_blocker_then_smalls(&elsewhere, &blocker_worker, &released)));
    CHECK(released.load());  // a small task ran beside the blocker
    CHECK(elsewhere.load() >= 1);
    const auto stats = executor.stats();
    CHECK(stats.workers[0].steals + stats.workers[1].steals >= 1);
    CHECK(stats.finished == 1 + 1 + 64);
  }

  TEST_CASE("workers with nothing to do park instead of spinning") {
    std::atomic<int> overlaps{0};
    std::atomic<int> completions{0};
    auto future = std::make_unique<Signalled>(1, overlaps, completions);
    Signalled* signalled = future.get();
    async::ws::Executor executor(2);
    executor.spawn(std::move(future));
    // Both workers run out of work and park; nothing polls in the meantime.
    REQUIRE(testing::eventually([&] {
      const auto stats = executor.stats();
      return stats.workers[0].parks >= 1 && stats.workers[1].parks >= 1 && stats.workers[0].polls + stats.workers[1].polls == 1;
    }));
    const auto parked = executor.stats();
    REQUIRE(signalled->signal());
    REQUIRE(testing::eventually([&] { return executor.tasks() == 0; }));
    const auto after = executor.stats();
    CHECK(after.workers[0].polls + after.workers[1].polls == 2);  // the first poll and the one after the wake
    CHECK(parked.workers[0].polls + parked.workers[1].polls == 1);
  }

  TEST_CASE("a task that throws: block_on destroys every task in spawn order, rethrows, and the executor is reusable") {
    std::vector<std::string> destroyed;
    std::mutex mutex;
    async::ws::Executor executor(2);
    executor.spawn(std::make_unique<Held>("first", destroyed, mutex));
    executor.spawn(std::make_unique<Held>("second", destroyed, mutex));
    CHECK_THROWS_WITH_AS(executor.block_on(async::FuturePtr<void>(std::make_unique<Throws>())), "task failed",
                         std::runtime_error);
    CHECK(executor.tasks() == 0);
    {
      std::lock_guard lock(mutex);
      CHECK(destroyed == std::vector<std::string>{"first", "second"});
    }
    CHECK(executor.block_on(async::ready(7)) == 7);
  }

  TEST_CASE("spawning on a worker goes to its own queue; ws::spawn elsewhere is refused") {
    CHECK_THROWS_AS(async::ws::spawn(async::ready()), std::logic_error);
    CHECK_FALSE(async::ws::current_worker().has_value());
    async::ws::Executor executor(2);
    executor.block_on(async::boxed([]() -> async::Task<void> {
      for (int i = 0; i < 10; ++i) async::ws::spawn(async::ready());
      co_return;
    }()));
    const auto stats = executor.stats();
    long long local = 0, injected = 0;
    for (const auto& w : stats.workers) {
      local += w.local + w.stolen_tasks;
      injected += w.injected;
    }
    CHECK(injected == 1);        // the root, spawned from this (non-worker) thread
    CHECK(local >= 10);          // the ten spawned on a worker, run from its queue or stolen from it
    CHECK(stats.finished == 11);
  }

  TEST_CASE("block_on on one of its own workers is refused") {
    async::ws::Executor executor(1);
    CHECK_THROWS_AS(executor.block_on(async::boxed([](async::ws::Executor* self) -> async::Task<void> {
                      (void)self->block_on(async::ready(1));
                      co_return;
                    }(&executor))),
                    std::logic_error);
    CHECK(executor.tasks() == 0);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "GETs on two workers all complete, woken by the one reactor") {
    async::Reactor reactor;  // the one reactor thread that wakes the workers' tasks
    async::Http::set_server(address());
    std::atomic<std::size_t> total{0};
    async::ws::Executor executor(2);
    executor.block_on(async::boxed(many_requests(40, &total)));
    std::size_t expected = 0;
    for (int i = 0; i < 40; ++i) expected += ("r" + std::to_string(i)).size();
    CHECK(total.load() == expected);
    CHECK(executor.stats().finished == 41);
    CHECK(async::current_reactor() != nullptr);
  }
}
