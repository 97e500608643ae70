// Exercise 05: a lost wake-up, exposed on purpose rather than by luck.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "common/fd.hpp"
#include "common/syscall.hpp"
#include "event_loop.hpp"
#include "read_to_end.hpp"
#include "testing/wait.hpp"
#include "waker.hpp"

using namespace std::chrono_literals;

namespace {

struct Pipe {
  common::UniqueFd read_end;
  common::UniqueFd write_end;
  Pipe() {
    int fds[2];
    common::check(::pipe2(fds, O_NONBLOCK | O_CLOEXEC), "pipe2");
    read_end = common::UniqueFd(fds[0]);
    write_end = common::UniqueFd(fds[1]);
  }
  void write(const std::string& text) const {
    CHECK(common::check(::write(write_end.get(), text.data(), text.size()), "write") ==
          static_cast<ssize_t>(text.size()));
  }
  void close_write_end() { write_end.reset(); }
};

// A waker of our own, on a queue of our own.
struct Probe {
  std::shared_ptr<async::ReadyQueue> queue = std::make_shared<async::ReadyQueue>();
  async::Waker waker{queue, 9};
};

// Polls as an executor would: after each NotReady, waits for the wake (5 s
// at most: a bound, not a guess). Returns the text, or fails.
std::string drive(exercise::ReadToEnd& future, Probe& probe) {
  for (int polls = 0; polls < 100; ++polls) {
    auto state = future.poll(probe.waker);
    if (state.is_ready()) return std::move(state).value();
    REQUIRE_MESSAGE(!probe.queue->take_all_for(5s).empty(), "NotReady, and no wake came: a lost wake-up");
  }
  FAIL("still NotReady after 100 polls");
  return {};
}

}  // namespace

TEST_SUITE("ch06/exercise 05: lost wake-up") {
  TEST_CASE("data that arrives right after a read says EAGAIN still wakes the task") {
    exercise::Reactor reactor;
    Pipe pipe;
    Probe probe;
    exercise::ReadToEnd future(reactor, pipe.read_end.get());
    // The bad interleaving, forced: the moment the future's read finds the
    // pipe empty, data arrives, and the reactor's thread handles the event
    // before the poll goes on. A future that has left its waker with the
    // reactor is woken; one that leaves it only now has lost the event,
    // and edge-triggered epoll will not report that data again.
    exercise::on_next_eagain([&] {
      pipe.write("late");
      REQUIRE(testing::eventually([&] { return reactor.stats().dispatched >= 1; }));
    });
    REQUIRE_FALSE(future.poll(probe.waker).is_ready());
    exercise::on_next_eagain(nullptr);
    CHECK(reactor.stats().orphans == 0);
    CHECK(probe.queue->pushes() == 1);  // the reactor woke it: the data will be read
    pipe.close_write_end();
    CHECK(drive(future, probe) == "late");
  }

  TEST_CASE("bytes already in the pipe are all read by one poll") {
    exercise::Reactor reactor;
    Pipe pipe;
    Probe probe;
    std::string message;  // 1000 bytes, no two neighbours alike: a lost or repeated chunk shows
    for (int i = 0; message.size() < 1000; ++i) message += std::to_string(i) + ",";
    message.resize(1000);
    pipe.write(message);
    pipe.close_write_end();
    exercise::ReadToEnd future(reactor, pipe.read_end.get());
    // Edge-triggered: the registration reports the readiness once. A poll
    // that leaves bytes behind waits for an event that never comes.
    auto state = future.poll(probe.waker);
    REQUIRE(state.is_ready());
    CHECK(state.value() == message);
    CHECK(reactor.sources() == 0);  // deregistered at EOF
  }

  TEST_CASE("the latest waker is the one woken") {
    exercise::Reactor reactor;
    Pipe pipe;
    Probe first;
    Probe latest;
    exercise::ReadToEnd future(reactor, pipe.read_end.get());
    REQUIRE_FALSE(future.poll(first.waker).is_ready());
    REQUIRE_FALSE(future.poll(latest.waker).is_ready());  // polled by another task now
    pipe.write("news");
    CHECK(latest.queue->take_all_for(5s) == std::vector<std::size_t>{9});
    CHECK(first.queue->pushes() == 0);
  }

  TEST_CASE("a reader dropped while it waits leaves the reactor") {
    exercise::Reactor reactor;
    Pipe pipe;
    Probe probe;
    auto future = std::make_unique<exercise::ReadToEnd>(reactor, pipe.read_end.get());
    REQUIRE_FALSE(future->poll(probe.waker).is_ready());
    CHECK(reactor.sources() == 1);
    CHECK(reactor.wakers() == 1);
    future.reset();
    CHECK(reactor.sources() == 0);
    CHECK(reactor.wakers() == 0);
  }

  TEST_CASE("a reader polled after Ready throws") {
    exercise::Reactor reactor;
    Pipe pipe;
    Probe probe;
    pipe.write("x");
    pipe.close_write_end();
    exercise::ReadToEnd future(reactor, pipe.read_end.get());
    REQUIRE(future.poll(probe.waker).is_ready());
    CHECK_THROWS_AS((void)future.poll(probe.waker), async::FuturePolledAfterReady);
  }
}
