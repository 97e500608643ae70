// Edge vs level triggering, one-shot, reregister and deregister (epoll(7)).
#include <doctest/doctest.h>

#include "support.hpp"

using namespace ch01_test;
using evq::Interest;
using evq::Token;
using evq::Trigger;

namespace {
const std::string k64Bytes(64, 'x');
}

TEST_SUITE("ch01/trigger") {
  TEST_CASE("edge-triggered reports a change once: bytes left unread raise no new event") {
    evq::Poll poll;
    auto [ours, peer] = socket_pair();
    poll.registry().register_(ours.get(), Token{0}, Interest::READABLE, Trigger::EDGE);
    put(peer.get(), k64Bytes);

    CHECK(poll_once(poll, kMustArrive).size() == 1);
    CHECK(take(ours.get(), 16)->size() == 16);  // 48 bytes left behind
    CHECK(poll_once(poll, kMustNotArrive).empty());  // ...and no word of them

    put(peer.get(), "more");  // a new change: a new edge
    CHECK(poll_once(poll, kMustArrive).size() == 1);
    CHECK(drain(ours.get()).size() == 48 + 4);
  }

  TEST_CASE("edge-triggered, drained to EAGAIN, reports the next write again") {
    evq::Poll poll;
    auto [ours, peer] = socket_pair();
    poll.registry().register_(ours.get(), Token{0}, Interest::READABLE);  // EDGE is the default
    for (int round = 0; round < 3; ++round) {
      put(peer.get(), k64Bytes);
      REQUIRE(poll_once(poll, kMustArrive).size() == 1);
      CHECK(drain(ours.get()) == k64Bytes);
      CHECK_FALSE(take(ours.get(), 1).has_value());  // EAGAIN: drained
      CHECK(poll_once(poll, kMustNotArrive).empty());
    }
  }

  TEST_CASE("level-triggered reports a source on every poll while bytes are left") {
    evq::Poll poll;
    auto [ours, peer] = socket_pair();
    poll.registry().register_(ours.get(), Token{0}, Interest::READABLE, Trigger::LEVEL);
    put(peer.get(), k64Bytes);

    int wakeups = 0;
    std::string read;
    for (int i = 0; i < 10 && read.size() < k64Bytes.size(); ++i) {
      REQUIRE(poll_once(poll, kMustArrive).size() == 1);
      ++wakeups;
      read += *take(ours.get(), 16);  // one small read per wakeup, no draining
    }
    CHECK(wakeups == 4);
    CHECK(read == k64Bytes);
    CHECK(poll_once(poll, kMustNotArrive).empty());  // nothing left: no more reports
  }

  TEST_CASE("oneshot disarms after one event until reregister arms it again") {
    evq::Poll poll;
    auto [ours, peer] = socket_pair();
    poll.registry().register_(ours.get(), Token{5}, Interest::READABLE, Trigger::LEVEL.oneshot());
    put(peer.get(), k64Bytes);

    CHECK(poll_once(poll, kMustArrive).size() == 1);
    // Level-triggered with bytes unread, yet silent: the registration is disarmed.
    CHECK(poll_once(poll, kMustNotArrive).empty());
    put(peer.get(), "more");
    CHECK(poll_once(poll, kMustNotArrive).empty());  // new data does not re-arm it either

    poll.registry().reregister(ours.get(), Token{5}, Interest::READABLE, Trigger::LEVEL.oneshot());
    const auto events = poll_once(poll, kMustArrive);
    REQUIRE(events.size() == 1);
    CHECK(events[0].token() == Token{5});
    CHECK(poll_once(poll, kMustNotArrive).empty());  // and disarmed again
  }

  TEST_CASE("reregister replaces the token and the interest") {
    evq::Poll poll;
    auto [ours, peer] = socket_pair();
    poll.registry().register_(ours.get(), Token{1}, Interest::READABLE);
    poll.registry().reregister(ours.get(), Token{2}, Interest::WRITABLE);
    const auto events = poll_once(poll, kMustArrive);  // writable at once, nothing to read
    REQUIRE(events.size() == 1);
    CHECK(events[0].token() == Token{2});
    CHECK(events[0].is_writable());
    CHECK_FALSE(events[0].is_readable());
  }

  TEST_CASE("deregistered socket produces no events") {
    evq::Poll poll;
    auto [ours, peer] = socket_pair();
    poll.registry().register_(ours.get(), Token{0}, Interest::READABLE, Trigger::LEVEL);
    poll.registry().deregister(ours.get());
    put(peer.get(), k64Bytes);
    CHECK(poll_once(poll, kMustNotArrive).empty());

    poll.registry().register_(ours.get(), Token{1}, Interest::READABLE);  // and can be added again
    const auto events = poll_once(poll, kMustArrive);
    REQUIRE(events.size() == 1);
    CHECK(events[0].token() == Token{1});
  }

  TEST_CASE("closing the only descriptor of a source removes it from the queue") {
    evq::Poll poll;
    auto [ours, peer] = socket_pair();
    poll.registry().register_(ours.get(), Token{0}, Interest::READABLE, Trigger::LEVEL);
    put(peer.get(), k64Bytes);
    ours.reset();  // closed with bytes unread
    CHECK(poll_once(poll, kMustNotArrive).empty());
  }

  TEST_CASE("an edge that arrives while we drain reports EOF a second time (a false wakeup)") {
    // The demo's FIX #4 situation: data arrives, we are woken and start
    // draining; the peer's FIN lands meanwhile and queues a new edge. We read
    // the data *and* the EOF in one drain, yet the queued event still comes,
    // and reading again finds the EOF we already saw.
    evq::Poll poll;
    auto [ours, peer] = socket_pair();
    poll.registry().register_(ours.get(), Token{0}, Interest::READABLE);
    put(peer.get(), "response");
    REQUIRE(poll_once(poll, kMustArrive).size() == 1);

    common::check(::shutdown(peer.get(), SHUT_WR), "shutdown");  // the FIN, mid-drain
    CHECK(drain(ours.get()) == "response");
    CHECK(take(ours.get(), 16) == std::optional<std::string>(""));  // first EOF

    const auto again = poll_once(poll, kMustArrive);
    REQUIRE(again.size() == 1);
    CHECK(again[0].is_read_closed());
    CHECK(take(ours.get(), 16) == std::optional<std::string>(""));  // the same EOF, again
  }
}
