// Waker and ReadyQueue: a wake pushes exactly the task's id, once, onto
// exactly its executor's queue, and unparks a thread waiting there.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "waker.hpp"

using async::ReadyQueue;
using async::Waker;
using namespace std::chrono_literals;

TEST_SUITE("ch06/waker") {
  TEST_CASE("wake pushes the task id onto its queue once") {
    auto queue = std::make_shared<ReadyQueue>();
    const Waker waker(queue, 7);
    waker.wake();
    CHECK(queue->pushes() == 1);
    CHECK(queue->take_all_for(0ms) == std::vector<std::size_t>{7});
    CHECK(queue->take_all_for(0ms).empty());  // taken: nothing left
  }

  TEST_CASE("a copied waker wakes the same task on the same queue, and no other queue") {
    auto mine = std::make_shared<ReadyQueue>();
    auto other = std::make_shared<ReadyQueue>();
    const Waker waker(mine, 3);
    const Waker copy = waker;  // NOLINT(performance-unnecessary-copy-initialization): the copy is the point
    copy.wake();
    waker.wake();
    CHECK(copy.will_wake(waker));
    CHECK_FALSE(Waker(other, 3).will_wake(waker));
    CHECK_FALSE(Waker(mine, 4).will_wake(waker));
    CHECK(mine->take_all_for(0ms) == std::vector<std::size_t>{3, 3});
    CHECK(other->pushes() == 0);
  }

  TEST_CASE("take_all returns at once without parking when ids are waiting") {
    auto queue = std::make_shared<ReadyQueue>();
    queue->push(1);
    queue->push(2);
    bool parked = true;
    CHECK(queue->take_all(parked) == std::vector<std::size_t>{1, 2});
    CHECK_FALSE(parked);
  }

  TEST_CASE("wake from another thread unparks a thread parked in take_all") {
    auto queue = std::make_shared<ReadyQueue>();
    const Waker waker(queue, 42);
    std::thread other([waker] { waker.wake(); });
    bool parked = false;
    const auto ids = queue->take_all(parked);  // returns only once the push is in
    other.join();
    CHECK(ids == std::vector<std::size_t>{42});
  }

  TEST_CASE("a waker keeps its queue alive after the executor let go of it") {
    auto queue = std::make_shared<ReadyQueue>();
    const Waker waker(queue, 5);
    std::weak_ptr<ReadyQueue> watch = queue;
    queue.reset();
    waker.wake();  // harmless: the id lands in a queue nobody reads
    CHECK_FALSE(watch.expired());
  }
}
