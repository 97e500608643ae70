// Exercise 04: from the events epoll returns to the wakers stored for them.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <memory>
#include <vector>

#include "common/fd.hpp"
#include "common/syscall.hpp"
#include "reactor.hpp"
#include "waker.hpp"

using namespace std::chrono_literals;

namespace {

// A non-blocking pipe: a source the test makes readable when it chooses.
struct Pipe {
  common::UniqueFd read_end;
  common::UniqueFd write_end;
  Pipe() {
    int fds[2];
    common::check(::pipe2(fds, O_NONBLOCK | O_CLOEXEC), "pipe2");
    read_end = common::UniqueFd(fds[0]);
    write_end = common::UniqueFd(fds[1]);
  }
  void feed() const { common::check(::write(write_end.get(), "x", 1), "write"); }
};

// One ready queue; wakers for any task id on it; what was woken, sorted.
struct Tasks {
  std::shared_ptr<async::ReadyQueue> queue = std::make_shared<async::ReadyQueue>();
  [[nodiscard]] async::Waker waker(std::size_t task) const { return async::Waker(queue, task); }
  [[nodiscard]] std::vector<std::size_t> woken() const {
    auto ids = queue->take_all_for(0ms);  // the wakes happened inside turn(): nothing to wait for
    std::sort(ids.begin(), ids.end());
    return ids;
  }
};

}  // namespace

TEST_SUITE("ch06/exercise 04: reactor dispatch") {
  TEST_CASE("each event wakes the waker stored for its own id and no other") {
    exercise::Reactor reactor;
    Tasks tasks;
    Pipe a, b, c;
    // Reactor ids and task ids differ on purpose (11 -> task 101...), and
    // neither is a slot number: a mix-up cannot pass by coincidence.
    reactor.register_(a.read_end.get(), evq::Interest::READABLE, 11);
    reactor.register_(b.read_end.get(), evq::Interest::READABLE, 12);
    reactor.register_(c.read_end.get(), evq::Interest::READABLE, 13);
    reactor.set_waker(tasks.waker(101), 11);
    reactor.set_waker(tasks.waker(102), 12);
    reactor.set_waker(tasks.waker(103), 13);
    a.feed();
    c.feed();
    CHECK(reactor.turn(0ms) == 2);
    CHECK(tasks.woken() == std::vector<std::size_t>{101, 103});
    CHECK(reactor.stats().events == 2);
    CHECK(reactor.stats().wakes == 2);
    CHECK(reactor.turn(0ms) == 0);  // edge-triggered: no news, no event, no wake
    CHECK(tasks.woken().empty());
  }

  TEST_CASE("every event of one turn is dispatched") {
    exercise::Reactor reactor;
    Tasks tasks;
    std::vector<Pipe> pipes(5);
    for (std::size_t i = 0; i < pipes.size(); ++i) {
      reactor.register_(pipes[i].read_end.get(), evq::Interest::READABLE, 40 + i);
      reactor.set_waker(tasks.waker(400 + i), 40 + i);
    }
    for (const Pipe& pipe : pipes) pipe.feed();  // all five ready before the one epoll_wait
    CHECK(reactor.turn(0ms) == 5);
    CHECK(tasks.woken() == std::vector<std::size_t>{400, 401, 402, 403, 404});
    CHECK(reactor.stats().turns == 1);
    CHECK(reactor.stats().events == 5);
  }

  TEST_CASE("set_waker keeps the latest waker") {
    exercise::Reactor reactor;
    Tasks tasks;
    Pipe pipe;
    reactor.register_(pipe.read_end.get(), evq::Interest::READABLE, 21);
    reactor.set_waker(tasks.waker(1), 21);
    reactor.set_waker(tasks.waker(2), 21);  // the future is polled by another task now
    CHECK(reactor.wakers() == 1);
    pipe.feed();
    CHECK(reactor.turn(0ms) == 1);
    CHECK(tasks.woken() == std::vector<std::size_t>{2});
  }

  TEST_CASE("an event for an id without a waker is counted and wakes nothing") {
    exercise::Reactor reactor;
    Tasks tasks;
    Pipe with, without;
    reactor.register_(with.read_end.get(), evq::Interest::READABLE, 31);
    reactor.register_(without.read_end.get(), evq::Interest::READABLE, 32);
    reactor.set_waker(tasks.waker(301), 31);
    with.feed();
    without.feed();  // registered, but its future has not stored a waker (yet, or any more)
    std::size_t woken = 99;
    CHECK_NOTHROW(woken = reactor.turn(0ms));
    CHECK(woken == 1);
    CHECK(tasks.woken() == std::vector<std::size_t>{301});
    CHECK(reactor.stats().orphans == 1);
  }

  TEST_CASE("a deregistered source wakes nothing") {
    exercise::Reactor reactor;
    Tasks tasks;
    Pipe pipe;
    reactor.register_(pipe.read_end.get(), evq::Interest::READABLE, 51);
    reactor.set_waker(tasks.waker(501), 51);
    reactor.deregister(pipe.read_end.get(), 51);
    CHECK(reactor.wakers() == 0);
    pipe.feed();
    CHECK(reactor.turn(0ms) == 0);
    CHECK(tasks.woken().empty());
  }
}
