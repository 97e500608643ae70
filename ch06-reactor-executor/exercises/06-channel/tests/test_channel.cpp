// Exercise 06: a channel whose recv() is woken by send(), from any task or thread.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "channel.hpp"
#include "executor.hpp"
#include "task.hpp"
#include "waker.hpp"

using namespace std::chrono_literals;

namespace {

// A waker of our own, on a queue of our own: the test polls by hand and
// reads from the queue who woke the receiver and how often.
struct Probe {
  std::shared_ptr<async::ReadyQueue> queue = std::make_shared<async::ReadyQueue>();
  async::Waker waker{queue, 5};
};

async::Task<void> receive(exercise::Channel<int> channel, int count, std::vector<int>* got) {
  for (int i = 0; i < count; ++i) got->push_back(co_await channel.recv());
}

}  // namespace

TEST_SUITE("ch06/exercise 06: channel") {
  TEST_CASE("values sent before anyone receives are kept in order") {
    exercise::Channel<std::string> channel;
    Probe probe;
    channel.send("one");
    channel.send("two");
    channel.send("three");
    CHECK(channel.size() == 3);
    for (const char* expected : {"one", "two", "three"}) {
      auto state = channel.recv()->poll(probe.waker);
      REQUIRE(state.is_ready());
      CHECK(state.value() == expected);
    }
    CHECK(channel.size() == 0);
    CHECK(probe.queue->pushes() == 0);  // nobody waited, so nobody was woken
  }

  TEST_CASE("recv on an empty channel never wakes itself") {
    exercise::Channel<int> channel;
    Probe probe;
    auto recv = channel.recv();
    // Nothing can change until a send: a wake now would have an executor
    // poll the receiver again at once, and again: a spin.
    for (int poll = 1; poll <= 3; ++poll) {
      CAPTURE(poll);
      REQUIRE_FALSE(recv->poll(probe.waker).is_ready());
      CHECK(probe.queue->pushes() == 0);
    }
    channel.send(7);
    CHECK(probe.queue->pushes() == 1);  // the send's wake, and only it
    auto state = recv->poll(probe.waker);
    REQUIRE(state.is_ready());
    CHECK(state.value() == 7);
  }

  TEST_CASE("a send from another thread wakes the waiting receiver") {
    exercise::Channel<int> channel;
    Probe probe;
    auto recv = channel.recv();
    REQUIRE_FALSE(recv->poll(probe.waker).is_ready());
    const long long before = probe.queue->pushes();
    std::thread sender([channel]() mutable { channel.send(42); });
    sender.join();  // send() has returned: its wake has happened
    CHECK(probe.queue->pushes() == before + 1);
    CHECK(probe.queue->take_all_for(0ms) == std::vector<std::size_t>(static_cast<std::size_t>(before + 1), 5));
    auto state = recv->poll(probe.waker);
    REQUIRE(state.is_ready());
    CHECK(state.value() == 42);
  }

  TEST_CASE("a send wakes the latest waker of the receiver") {
    exercise::Channel<int> channel;
    Probe first;
    Probe latest;
    auto recv = channel.recv();
    REQUIRE_FALSE(recv->poll(first.waker).is_ready());
    REQUIRE_FALSE(recv->poll(latest.waker).is_ready());  // polled by another task now
    channel.send(1);
    CHECK(latest.queue->pushes() == 1);
    CHECK(first.queue->pushes() == 0);
  }

  TEST_CASE("a task receives what four threads send and is polled at most twice per value") {
    exercise::Channel<int> channel;
    std::vector<int> got;
    async::Executor executor;
    std::vector<std::thread> senders;
    for (int t = 0; t < 4; ++t) {
      senders.emplace_back([channel, t]() mutable {
        for (int i = 0; i < 250; ++i) channel.send(t * 1000 + i);
      });
    }
    executor.block_on(async::boxed(receive(channel, 1000, &got)));
    for (auto& sender : senders) sender.join();
    REQUIRE(got.size() == 1000);
    // Each sender's values arrive in the order it sent them.
    for (int t = 0; t < 4; ++t) {
      std::vector<int> mine;
      std::copy_if(got.begin(), got.end(), std::back_inserter(mine), [t](int v) { return v / 1000 == t; });
      CHECK(mine.size() == 250);
      CHECK(std::is_sorted(mine.begin(), mine.end()));
    }
    // A value either is there when the task polls, or its send wakes the
    // task once: never more than two polls per value, however the threads
    // and the executor interleave. A spinning receiver polls thousands of times.
    CHECK(executor.stats().polls <= 2 * 1000);
  }
}
