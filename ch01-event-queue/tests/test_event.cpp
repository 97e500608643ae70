// The vocabulary types: Token, Interest, Trigger, Event, Events.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <type_traits>
#include <unordered_set>

#include "evq.hpp"

using evq::Event;
using evq::Events;
using evq::Interest;
using evq::Token;
using evq::Trigger;

namespace {
epoll_event raw(std::uint32_t flags, std::uint64_t data) {
  epoll_event event{};
  event.events = flags;
  event.data.u64 = data;
  return event;
}
}  // namespace

TEST_SUITE("ch01/event") {
  TEST_CASE("Token is a strong type: no implicit conversion from or to an integer") {
    static_assert(!std::is_convertible_v<std::size_t, Token>);
    static_assert(!std::is_convertible_v<Token, std::size_t>);
    static_assert(std::is_constructible_v<Token, std::size_t>);
    CHECK(Token{7}.value() == 7);
    CHECK(Token{7} == Token{7});
    CHECK(Token{7} != Token{8});
    CHECK(Token{7} < Token{8});
    std::unordered_set<Token> seen{Token{1}, Token{2}, Token{1}};
    CHECK(seen.size() == 2);
  }

  TEST_CASE("Interest combines READABLE and WRITABLE with |") {
    CHECK(Interest::READABLE.is_readable());
    CHECK_FALSE(Interest::READABLE.is_writable());
    CHECK(Interest::WRITABLE.is_writable());
    CHECK_FALSE(Interest::WRITABLE.is_readable());
    const Interest both = Interest::READABLE | Interest::WRITABLE;
    CHECK(both.is_readable());
    CHECK(both.is_writable());
    CHECK(both == (Interest::WRITABLE | Interest::READABLE));
    CHECK(both != Interest::READABLE);
    static_assert(!std::is_default_constructible_v<Interest>, "an empty Interest cannot be made");
  }

  TEST_CASE("Trigger is edge by default, level on request, and oneshot keeps the trigger") {
    CHECK(Trigger::EDGE.is_edge());
    CHECK_FALSE(Trigger::LEVEL.is_edge());
    CHECK_FALSE(Trigger::EDGE.is_oneshot());
    CHECK(Trigger::EDGE.oneshot().is_edge());
    CHECK(Trigger::EDGE.oneshot().is_oneshot());
    CHECK_FALSE(Trigger::LEVEL.oneshot().is_edge());
    CHECK(Trigger::LEVEL.oneshot().is_oneshot());
    CHECK(Trigger::LEVEL.oneshot() != Trigger::LEVEL);
  }

  TEST_CASE("Event reads the token back from epoll_data, even the largest one") {
    CHECK(Event(raw(EPOLLIN, 42)).token() == Token{42});
    const std::size_t largest = std::numeric_limits<std::size_t>::max();
    CHECK(Event(raw(EPOLLIN, largest)).token() == Token{largest});
  }

  TEST_CASE("Event maps the EPOLL flags to readiness the way mio does") {
    const Event in(raw(EPOLLIN, 0));
    CHECK(in.is_readable());
    CHECK_FALSE(in.is_writable());
    CHECK_FALSE(in.is_read_closed());
    CHECK_FALSE(in.is_error());

    const Event fin(raw(EPOLLIN | EPOLLRDHUP, 0));  // the peer sent FIN
    CHECK(fin.is_readable());
    CHECK(fin.is_read_closed());
    CHECK_FALSE(fin.is_write_closed());

    const Event hup(raw(EPOLLHUP, 0));  // both directions closed
    CHECK(hup.is_read_closed());
    CHECK(hup.is_write_closed());

    const Event refused(raw(EPOLLOUT | EPOLLERR | EPOLLHUP, 0));  // a failed connect
    CHECK(refused.is_writable());
    CHECK(refused.is_error());
    CHECK(refused.is_write_closed());

    CHECK(Event(raw(EPOLLPRI, 0)).is_readable());
    CHECK(Event(raw(EPOLLOUT, 0)).is_writable());
  }

  TEST_CASE("an Event prints its token and its flags by name") {
    std::ostringstream out;
    out << Event(raw(EPOLLIN | EPOLLRDHUP, 3));
    CHECK(out.str() == "Event { token: 3, flags: EPOLLIN|EPOLLRDHUP }");
    CHECK(evq::describe_flags(0) == "0");
    CHECK(evq::describe_flags(EPOLLOUT | EPOLLERR | EPOLLHUP) == "EPOLLOUT|EPOLLERR|EPOLLHUP");
    CHECK(evq::describe_flags(EPOLLIN | 0x01000000u) == "EPOLLIN|0x01000000");
  }

  TEST_CASE("Events has a fixed capacity of at least one and starts empty") {
    Events events(3);
    CHECK(events.capacity() == 3);
    CHECK(events.size() == 0);
    CHECK(events.empty());
    CHECK(events.begin() == events.end());
    CHECK_THROWS_AS((void)events[0], std::out_of_range);
    CHECK_THROWS_AS(Events(0), std::invalid_argument);
    CHECK_THROWS_AS(Events(std::size_t{1} << 40), std::invalid_argument);
  }
}
