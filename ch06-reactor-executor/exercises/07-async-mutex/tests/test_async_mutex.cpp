// Exercise 07: an async mutex whose lock() futures are woken in order.
#include <doctest/doctest.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "async_mutex.hpp"
#include "executor.hpp"
#include "task.hpp"
#include "waker.hpp"

namespace {

// A waiting task as the test plays it: a lock() future, polled by hand
// with a waker on a queue of its own, so the test sees who was woken.
struct Contender {
  std::shared_ptr<async::ReadyQueue> queue = std::make_shared<async::ReadyQueue>();
  async::Waker waker{queue, 1};
  async::FuturePtr<exercise::LockGuard> future;
  std::optional<exercise::LockGuard> guard;
  bool took = false;  // its lock() was Ready once (the guard may be gone since)

  explicit Contender(exercise::AsyncMutex& mutex) : future(mutex.lock()) {}
  // Polls once; true when the lock is ours now.
  bool poll() {
    auto state = future->poll(waker);
    if (!state.is_ready()) return false;
    guard.emplace(std::move(state).value());
    took = true;
    return true;
  }
  [[nodiscard]] long long wakes() const { return queue->pushes(); }
};

// Ready on the second poll, after waking its task: a step aside.
class YieldOnce final : public async::Future<void> {
 public:
  async::PollState<void> poll(const async::Waker& waker) override {
    if (yielded_) return async::Ready{};
    yielded_ = true;
    waker.wake();
    return async::NotReady{};
  }

 private:
  bool yielded_ = false;
};

async::Task<void> critical(exercise::AsyncMutex& mutex, char name, std::string* log) {
  exercise::LockGuard guard = co_await mutex.lock();
  *log += name;
  co_await async::FuturePtr<void>(std::make_unique<YieldOnce>());  // held across a wait
  *log += name;
}

async::Task<void> three(exercise::AsyncMutex& mutex, std::string* log) {
  async::spawn(critical(mutex, 'a', log));
  async::spawn(critical(mutex, 'b', log));
  async::spawn(critical(mutex, 'c', log));
  co_return;
}

}  // namespace

TEST_SUITE("ch06/exercise 07: async mutex") {
  TEST_CASE("a free lock is taken at once and released by its guard") {
    exercise::AsyncMutex mutex;
    Contender a(mutex);
    REQUIRE(a.poll());
    CHECK(mutex.is_locked());
    a.guard.reset();
    CHECK_FALSE(mutex.is_locked());
    CHECK(a.wakes() == 0);
  }

  TEST_CASE("a waiter is not woken until the holder unlocks") {
    exercise::AsyncMutex mutex;
    Contender a(mutex), b(mutex);
    REQUIRE(a.poll());
    // Polled again and again while the lock is held: never a self-wake,
    // which would have the executor poll it at once, a spin.
    for (int i = 0; i < 3; ++i) CHECK_FALSE(b.poll());
    CHECK(b.wakes() == 0);
    CHECK(mutex.waiters() == 1);
    a.guard.reset();
    CHECK(b.wakes() == 1);
    CHECK(b.poll());
  }

  TEST_CASE("waiters get the lock in the order they asked") {
    exercise::AsyncMutex mutex;
    Contender a(mutex), b(mutex), c(mutex), d(mutex);
    REQUIRE(a.poll());
    REQUIRE_FALSE(b.poll());
    REQUIRE_FALSE(c.poll());
    REQUIRE_FALSE(d.poll());
    std::string order;
    Contender* holder = &a;
    for (int turn = 0; turn < 3; ++turn) {
      holder->guard.reset();  // unlock: the lock goes to whoever is woken
      for (Contender* next : {&b, &c, &d}) {
        if (next->wakes() == 1 && !next->took && next->poll()) {
          order += next == &b ? 'b' : next == &c ? 'c' : 'd';
          holder = next;
          break;
        }
      }
    }
    CHECK(order == "bcd");
  }

  TEST_CASE("unlock wakes the next waiter and no other") {
    exercise::AsyncMutex mutex;
    Contender a(mutex), b(mutex), c(mutex);
    REQUIRE(a.poll());
    REQUIRE_FALSE(b.poll());
    REQUIRE_FALSE(c.poll());
    a.guard.reset();
    CHECK(b.wakes() == 1);
    CHECK(c.wakes() == 0);  // it could not get the lock: a wake would only cost it a poll
    CHECK(b.poll());
  }

  TEST_CASE("a newcomer does not jump the queue of waiters") {
    exercise::AsyncMutex mutex;
    Contender a(mutex), b(mutex);
    REQUIRE(a.poll());
    REQUIRE_FALSE(b.poll());
    a.guard.reset();  // b is woken, but not polled yet...
    Contender late(mutex);
    CHECK_FALSE(late.poll());  // ...and a lock() that comes now waits behind it
    CHECK(b.poll());
    CHECK(mutex.waiters() == 1);
  }

  TEST_CASE("a waiter dropped after the lock was handed to it passes the lock on") {
    exercise::AsyncMutex mutex;
    Contender a(mutex), b(mutex), c(mutex);
    REQUIRE(a.poll());
    REQUIRE_FALSE(b.poll());
    REQUIRE_FALSE(c.poll());
    a.guard.reset();  // handed to b...
    b.future.reset();  // ...which gives up before it is polled
    CHECK(c.wakes() == 1);
    CHECK(c.poll());
  }

  TEST_CASE("a waiter dropped while it waits leaves the queue") {
    exercise::AsyncMutex mutex;
    Contender a(mutex), b(mutex), c(mutex);
    REQUIRE(a.poll());
    REQUIRE_FALSE(b.poll());
    REQUIRE_FALSE(c.poll());
    b.future.reset();
    CHECK(mutex.waiters() == 1);
    a.guard.reset();
    CHECK(c.wakes() == 1);
    CHECK(c.poll());
  }

  TEST_CASE("tasks that hold the lock across a wait take turns without blocking the thread") {
    exercise::AsyncMutex mutex;
    std::string log;
    async::Executor executor;
    executor.block_on(async::boxed(three(mutex, &log)));
    CHECK(log == "aabbcc");  // never two inside at once
    CHECK_FALSE(mutex.is_locked());
    CHECK(executor.stats().parks == 0);  // nobody waited on anything but each other
    // Polls: the spawning task 1; 'a' 2 (lock and yield, then finish);
    // 'b' and 'c' 3 each (wait; woken by an unlock: lock and yield; finish).
    CHECK(executor.stats().polls == 9);
  }
}
