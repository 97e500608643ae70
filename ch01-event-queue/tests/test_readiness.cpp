// Readiness on real descriptors: a socket pair, a pipe, an eventfd, TCP.
#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <netinet/in.h>

#include "support.hpp"

using namespace ch01_test;
using evq::Interest;
using evq::Token;

namespace {

// A loopback TCP port with a socket bound to it but not listening: a connect
// to it is refused for as long as `holder` lives (no other test can take it).
struct RefusingPort {
  common::UniqueFd holder;
  sockaddr_in address{};
};
RefusingPort refusing_port() {
  RefusingPort port;
  port.holder = common::UniqueFd(common::check(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket"));
  port.address.sin_family = AF_INET;
  port.address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // SAFETY: sockaddr_in is the sockaddr of AF_INET (bind(2), ip(7)).
  auto* as_sockaddr = reinterpret_cast<sockaddr*>(&port.address);
  common::check(::bind(port.holder.get(), as_sockaddr, sizeof port.address), "bind");
  socklen_t length = sizeof port.address;
  common::check(::getsockname(port.holder.get(), as_sockaddr, &length), "getsockname");
  return port;
}

}  // namespace

TEST_SUITE("ch01/readiness") {
  TEST_CASE("a socket becomes readable when its peer writes, and the event carries its token") {
    evq::Poll poll;
    auto [ours, peer] = socket_pair();
    poll.registry().register_(ours.get(), Token{7}, Interest::READABLE);

    CHECK(poll_once(poll, kMustNotArrive).empty());  // nothing written yet

    put(peer.get(), "hello");
    const auto events = poll_once(poll, kMustArrive);
    REQUIRE(events.size() == 1);
    CHECK(events[0].token() == Token{7});
    CHECK(events[0].is_readable());
    CHECK_FALSE(events[0].is_writable());
    CHECK(drain(ours.get()) == "hello");
  }

  TEST_CASE("a pipe's read end becomes readable and its write end is writable") {
    evq::Poll poll;
    Pipe pipe = make_pipe();
    poll.registry().register_(pipe.read_end.get(), Token{1}, Interest::READABLE);
    poll.registry().register_(pipe.write_end.get(), Token{2}, Interest::WRITABLE);

    auto events = poll_once(poll, kMustArrive);  // an empty pipe can be written to
    REQUIRE(events.size() == 1);
    CHECK(events[0].token() == Token{2});
    CHECK(events[0].is_writable());

    put(pipe.write_end.get(), "x");
    events = poll_once(poll, kMustArrive);
    REQUIRE(events.size() == 1);
    CHECK(events[0].token() == Token{1});
    CHECK(events[0].is_readable());
  }

  TEST_CASE("an eventfd becomes readable when its counter is written") {
    evq::Poll poll;
    auto efd = make_eventfd();
    poll.registry().register_(efd.get(), Token{3}, Interest::READABLE);
    CHECK(poll_once(poll, kMustNotArrive).empty());

    const std::uint64_t add = 5;
    common::check(::write(efd.get(), &add, sizeof add), "write(eventfd)");
    const auto events = poll_once(poll, kMustArrive);
    REQUIRE(events.size() == 1);
    CHECK(events[0].token() == Token{3});
    CHECK(events[0].is_readable());
    std::uint64_t counter = 0;
    common::check(::read(efd.get(), &counter, sizeof counter), "read(eventfd)");
    CHECK(counter == 5);
  }

  TEST_CASE("all 64 bits of a token survive the round trip through the kernel") {
    // A token with different high and low halves: if epoll_event's layout
    // were wrong (the book's aarch64 bug), it would come back garbled.
    const std::uint64_t bits = 0x1122334455667788;
    evq::Poll poll;
    auto [ours, peer] = socket_pair();
    poll.registry().register_(ours.get(), Token{static_cast<std::size_t>(bits)}, Interest::WRITABLE);
    const auto events = poll_once(poll, kMustArrive);
    REQUIRE(events.size() == 1);
    CHECK(events[0].token().value() == bits);
  }

  TEST_CASE("several ready sources come back from one poll, each with its own token") {
    evq::Poll poll;
    auto [a, a_peer] = socket_pair();
    auto [b, b_peer] = socket_pair();
    poll.registry().register_(a.get(), Token{10}, Interest::READABLE);
    poll.registry().register_(b.get(), Token{20}, Interest::READABLE);
    put(a_peer.get(), "a");
    put(b_peer.get(), "b");
    const auto events = poll_once(poll, kMustArrive);
    REQUIRE(events.size() == 2);
    CHECK(events[0].token() != events[1].token());
    for (const auto& event : events) CHECK((event.token() == Token{10} || event.token() == Token{20}));
  }

  TEST_CASE("a peer's shutdown shows as read-closed, and reading then reaches EOF") {
    evq::Poll poll;
    auto [ours, peer] = socket_pair();
    poll.registry().register_(ours.get(), Token{0}, Interest::READABLE);
    put(peer.get(), "last words");
    common::check(::shutdown(peer.get(), SHUT_WR), "shutdown");

    const auto events = poll_once(poll, kMustArrive);
    REQUIRE(events.size() == 1);
    CHECK(events[0].is_readable());
    CHECK(events[0].is_read_closed());
    CHECK(drain(ours.get()) == "last words");
    CHECK(take(ours.get(), 16) == std::optional<std::string>(""));  // EOF
  }

  TEST_CASE("a refused non-blocking connect is reported as an error and SO_ERROR tells why") {
    RefusingPort port = refusing_port();
    common::UniqueFd socket(
        common::check(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), "socket"));
    // SAFETY: sockaddr_in is the sockaddr of AF_INET.
    const int rc = ::connect(socket.get(), reinterpret_cast<const sockaddr*>(&port.address), sizeof port.address);
    // Non-blocking: the handshake has only started (Linux reports EINPROGRESS
    // even on loopback, where the refusal arrives microseconds later).
    REQUIRE(rc == -1);
    REQUIRE(errno == EINPROGRESS);

    evq::Poll poll;
    poll.registry().register_(socket.get(), Token{9}, Interest::WRITABLE);
    const auto events = poll_once(poll, kMustArrive);
    REQUIRE(events.size() == 1);
    CHECK(events[0].token() == Token{9});
    CHECK(events[0].is_error());
    CHECK(events[0].is_write_closed());
    int error = 0;
    socklen_t length = sizeof error;
    common::check(::getsockopt(socket.get(), SOL_SOCKET, SO_ERROR, &error, &length), "getsockopt(SO_ERROR)");
    CHECK(error == ECONNREFUSED);
  }
}
