// Reactor: the event loop wakes the waker stored for an event's id, the
// newest one, and only that one; deregister forgets it; a Reactor shuts its
// thread down and leaves no descriptor behind; the timer future fires in order.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/http.hpp"
#include "common/text.hpp"
#include "eventfd_future.hpp"
#include "executor.hpp"
#include "http.hpp"
#include "join_all.hpp"
#include "reactor.hpp"
#include "runtime.hpp"
#include "task.hpp"
#include "testing/delay_server_fixture.hpp"
#include "timer.hpp"

using async::ReadyQueue;
using async::Reactor;
using async::Waker;
using namespace std::chrono_literals;

namespace {

std::size_t open_descriptors() {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

// Spawns a and b (each waiting on its own eventfd), then signals b's fd
// and is done; b, once Ready, signals a's.
class Driver final : public async::Future<void> {
 public:
  Driver(async::FuturePtr<void> a, async::FuturePtr<void> b, const testing::EventFd& b_fd)
      : a_(std::move(a)), b_(std::move(b)), b_fd_(b_fd) {}
  async::PollState<void> poll(const Waker& waker) override {
    if (a_) {
      async::spawn(std::move(a_));
      async::spawn(std::move(b_));
      waker.wake();  // poll me again once they have registered
      return async::NotReady{};
    }
    b_fd_.signal();
    return async::Ready{};
  }

 private:
  async::FuturePtr<void> a_, b_;
  const testing::EventFd& b_fd_;
};

async::Task<void> sleep_then_record(int ms, std::vector<int>* order) {
  co_await async::sleep(std::chrono::milliseconds(ms));
  order->push_back(ms);
}

}  // namespace

TEST_SUITE("ch06/reactor") {
  TEST_CASE("an event wakes the waker stored for its id, once, with that id") {
    Reactor reactor;
    testing::EventFd fd;
    auto queue = std::make_shared<ReadyQueue>();
    const std::size_t id = reactor.next_id();
    reactor.set_waker(Waker(queue, 77), id);
    reactor.register_(fd.get(), evq::Interest::READABLE, id);
    fd.signal();
    CHECK(queue->take_all_for(5s) == std::vector<std::size_t>{77});
    reactor.deregister(fd.get(), id);
    CHECK(queue->pushes() == 1);
    CHECK(reactor.stats().wakes == 1);
  }

  TEST_CASE("set_waker keeps the latest waker: the event wakes the new task, not the old one") {
    Reactor reactor;
    testing::EventFd fd;
    auto old_queue = std::make_shared<ReadyQueue>();
    auto new_queue = std::make_shared<ReadyQueue>();
    const std::size_t id = reactor.next_id();
    reactor.set_waker(Waker(old_queue, 1), id);
    reactor.register_(fd.get(), evq::Interest::READABLE, id);
    reactor.set_waker(Waker(new_queue, 2), id);
    CHECK(reactor.wakers() == 1);  // replaced, not added
    fd.signal();
    CHECK(new_queue->take_all_for(5s) == std::vector<std::size_t>{2});
    reactor.deregister(fd.get(), id);
    CHECK(old_queue->pushes() == 0);
  }

  TEST_CASE("deregister forgets the waker and the source") {
    Reactor reactor;
    testing::EventFd fd;
    auto queue = std::make_shared<ReadyQueue>();
    const std::size_t id = reactor.next_id();
    reactor.set_waker(Waker(queue, 1), id);
    reactor.register_(fd.get(), evq::Interest::READABLE, id);
    CHECK(reactor.sources() == 1);
    reactor.deregister(fd.get(), id);
    CHECK(reactor.sources() == 0);
    CHECK(reactor.wakers() == 0);
    CHECK_THROWS_AS(reactor.deregister(fd.get(), id), std::system_error);  // epoll_ctl(DEL): ENOENT
  }

  TEST_CASE("next_id never returns the shutdown token 0 and never repeats") {
    Reactor reactor;
    const std::size_t a = reactor.next_id();
    const std::size_t b = reactor.next_id();
    CHECK(a >= 1);
    CHECK(b != a);
  }

  TEST_CASE("the reactor wakes the task whose source had the event and no other") {
    async::Runtime runtime;
    testing::EventFd a_fd, b_fd;
    int a_polls = 0, b_polls = 0;
    std::vector<char> finished;
    auto a = std::make_unique<testing::EventFdFuture>(a_fd, a_polls, [&] { finished.push_back('a'); });
    auto b = std::make_unique<testing::EventFdFuture>(b_fd, b_polls, [&] {
      finished.push_back('b');
      a_fd.signal();
    });
    runtime.block_on(async::FuturePtr<void>(std::make_unique<Driver>(std::move(a), std::move(b), b_fd)));
    CHECK(finished == std::vector<char>{'b', 'a'});
    CHECK(a_polls == 2);  // registered, then woken once for its own event
    CHECK(b_polls == 2);
    CHECK(runtime.reactor().stats().wakes == 2);
    CHECK(runtime.executor().stats().polls == 2 + 2 + 2);  // and the driver twice
  }

  TEST_CASE("a leaf future polled with no reactor throws NoReactor and connects nothing") {
    async::Executor executor;
    CHECK_THROWS_AS(executor.block_on(async::Http::get("/0/x")), async::NoReactor);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "a GET polled again after its reactor is gone throws NoReactor, even with a new reactor") {
    async::Http::set_server(address());
    auto get = async::Http::get("/2000/outlived");
    auto queue = std::make_shared<ReadyQueue>();
    {
      Reactor first;
      CHECK_FALSE(get->poll(Waker(queue, 1)).is_ready());  // connected and registered with `first`
    }
    Reactor second;
    CHECK_THROWS_AS(get->poll(Waker(queue, 1)), async::NoReactor);
    get.reset();  // must not deregister from `second`, which never knew the socket
    CHECK(second.sources() == 0);
  }

  TEST_CASE("one reactor at a time, and another can follow once the first has shut down") {
    { Reactor first; CHECK_THROWS_AS(Reactor(), std::logic_error); }
    Reactor second;  // the first joined its thread and released the slot
    CHECK(async::current_reactor() == &second);
  }

  TEST_CASE("shutdown stops the event loop through the poll waker and joins its thread") {
    long long loops = 0;
    {
      Reactor reactor;
      loops = reactor.stats().loops;
    }  // ~Reactor: wake, join; a hang here is the failure (ctest's timeout)
    CHECK(loops == 0);  // nothing had woken it before the shutdown
    CHECK(async::current_reactor() == nullptr);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "a runtime that ran requests and timers leaves no descriptor open") {
    async::Http::set_server(address());
    const std::size_t before = open_descriptors();
    {
      async::Runtime runtime;
      std::vector<async::FuturePtr<std::string>> gets;
      for (int i = 0; i < 4; ++i) gets.push_back(async::Http::get(common::cat("/", 10 * i, "/x")));
      CHECK(runtime.block_on(async::join_all(std::move(gets))).size() == 4);
      runtime.block_on(async::sleep(5ms));
      CHECK(runtime.reactor().sources() == 0);
      CHECK(runtime.reactor().wakers() == 0);
    }
    CHECK(open_descriptors() == before);  // epoll fd, eventfd, sockets, timerfds: all closed
  }

  TEST_CASE("sleep futures on the reactor fire in the order of their durations") {
    async::Runtime runtime;
    std::vector<int> order;
    const auto start = std::chrono::steady_clock::now();
    auto all = [](std::vector<int>* out) -> async::Task<void> {
      for (int ms : {60, 20, 40}) async::spawn(sleep_then_record(ms, out));
      co_return;
    };
    runtime.block_on(async::boxed(all(&order)));
    CHECK(order == std::vector<int>{20, 40, 60});
    CHECK(std::chrono::steady_clock::now() - start >= 60ms);
    CHECK(runtime.reactor().stats().wakes == 3);  // one event per timer
    CHECK(runtime.reactor().sources() == 0);
  }

  TEST_CASE("a sleep of zero is ready at once and registers nothing") {
    async::Runtime runtime;
    runtime.block_on(async::sleep(0ms));
    CHECK(runtime.executor().stats().polls == 1);
    CHECK(runtime.reactor().stats().wakes == 0);
  }

  TEST_CASE("a sleep dropped before it fires deregisters its timer") {
    async::Runtime runtime;
    {
      auto pending = async::sleep(10s);
      // Polled once by hand (it registers), then dropped.
      auto queue = std::make_shared<ReadyQueue>();
      CHECK_FALSE(pending->poll(Waker(queue, 1)).is_ready());
      CHECK(runtime.reactor().sources() == 1);
    }
    CHECK(runtime.reactor().sources() == 0);
    CHECK(runtime.reactor().wakers() == 0);
  }
}
