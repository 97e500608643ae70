// PollWaker: waking a thread that waits in Poll::poll, from another thread.
#include <doctest/doctest.h>

#include <cstdint>
#include <exception>
#include <thread>

#include "support.hpp"

using namespace ch01_test;
using evq::Token;

TEST_SUITE("ch01/poll_waker") {
  TEST_CASE("wake from another thread returns a waiting poll with the waker's token") {
    evq::Poll poll;
    evq::PollWaker waker(poll.registry(), Token{99});
    std::exception_ptr failure;
    std::thread other([&] {
      try {
        waker.wake();
      } catch (...) {
        failure = std::current_exception();
      }
    });
    const auto start = Clock::now();
    const auto events = poll_once(poll, kMustArrive);
    other.join();
    CHECK_FALSE(failure);
    REQUIRE(events.size() == 1);
    CHECK(events[0].token() == Token{99});
    CHECK(events[0].is_readable());
    CHECK(ms_since(start) < 2000);
  }

  TEST_CASE("a wake before the poll is not lost") {
    evq::Poll poll;
    evq::PollWaker waker(poll.registry(), Token{1});
    waker.wake();
    const auto events = poll_once(poll, kMustArrive);
    REQUIRE(events.size() == 1);
    CHECK(events[0].token() == Token{1});
  }

  TEST_CASE("wakes before a poll coalesce into one event; each later wake is a new one") {
    evq::Poll poll;
    evq::PollWaker waker(poll.registry(), Token{1});
    for (int i = 0; i < 100; ++i) waker.wake();
    CHECK(poll_once(poll, kMustArrive).size() == 1);
    CHECK(poll_once(poll, 0ms).empty());  // nobody read the counter, yet no repeat
    for (int round = 0; round < 3; ++round) {
      waker.wake();
      CHECK(poll_once(poll, kMustArrive).size() == 1);
    }
  }

  TEST_CASE("wake still works when the eventfd counter is at its maximum") {
    evq::Poll poll;
    evq::PollWaker waker(poll.registry(), Token{1});
    const std::uint64_t almost_full = 0xfffffffffffffffe;  // the largest value eventfd(2) holds
    common::check(::write(waker.as_raw_fd(), &almost_full, sizeof almost_full), "write(eventfd)");
    CHECK(poll_once(poll, kMustArrive).size() == 1);
    CHECK_NOTHROW(waker.wake());  // would overflow: the waker resets the counter first
    CHECK(poll_once(poll, kMustArrive).size() == 1);
  }
}
