#include <arpa/inet.h>
#include <doctest/doctest.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <vector>

#include "common/text.hpp"
#include "common/http.hpp"
#include "common/syscall.hpp"
#include "http_request.hpp"
#include "testing/delay_server_fixture.hpp"
#include "testing/http_client.hpp"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using exercise::HttpRequest;

namespace {

// Polls and hands every event to its request until all are done or
// `limit` passes. Returns the number of events that were WRITABLE.
int drive(evq::Poll& poll, std::vector<std::unique_ptr<HttpRequest>>& requests, std::chrono::milliseconds limit,
          std::vector<std::size_t>* order = nullptr) {
  evq::Events events(16);
  int writable = 0;
  const auto give_up = Clock::now() + limit;
  auto all_done = [&] {
    for (const auto& r : requests)
      if (!r->done()) return false;
    return true;
  };
  while (!all_done() && Clock::now() < give_up) {
    poll.poll(events, 100ms);
    for (evq::Event event : events) {
      if (event.is_writable()) ++writable;
      auto& request = *requests.at(event.token().value());
      request.on_event(event);
      if (order != nullptr && request.done()) order->push_back(event.token().value());
    }
  }
  return writable;
}

common::Endpoint loopback(std::uint16_t port) { return common::resolve(common::ServerAddress{"127.0.0.1", port}); }

}  // namespace

TEST_SUITE("exercise/01-write-interest") {
  TEST_CASE_FIXTURE(testing::DelayServerFixture, "the socket is non-blocking and the first event is WRITABLE") {
    evq::Poll poll;
    HttpRequest request(poll.registry(), evq::Token{0}, loopback(port()),
                        common::get_request("/300/slow", address().to_string()));
    REQUIRE_FALSE(request.done());
    CHECK((::fcntl(request.fd(), F_GETFL) & O_NONBLOCK) != 0);
    CHECK(request.state() == HttpRequest::State::connecting);
    CHECK(request.bytes_written() == 0);  // nothing may be written before the socket says so

    evq::Events events(4);
    poll.poll(events, 5s);
    REQUIRE(events.size() == 1);
    CHECK(events[0].is_writable());  // the connect finished; the response is 300 ms away
  }

  TEST_CASE("a refused connection ends the request with ECONNREFUSED, without throwing") {
    evq::Poll poll;
    std::vector<std::unique_ptr<HttpRequest>> requests;
    CHECK_NOTHROW(requests.push_back(std::make_unique<HttpRequest>(
        poll.registry(), evq::Token{0}, loopback(testing::unused_loopback_port()), "GET / HTTP/1.1\r\n\r\n")));
    REQUIRE(requests.size() == 1);
    drive(poll, requests, 5s);
    CHECK(requests[0]->done());
    CHECK(requests[0]->error() == ECONNREFUSED);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "five event-driven requests complete in reverse order") {
    evq::Poll poll;
    std::vector<std::unique_ptr<HttpRequest>> requests;
    const auto endpoint = loopback(port());
    for (std::size_t i = 0; i < 5; ++i) {
      const std::string path = common::cat("/", (5 - i) * 100, "/request-", i);
      requests.push_back(std::make_unique<HttpRequest>(poll.registry(), evq::Token{i}, endpoint,
                                                       common::get_request(path, address().to_string())));
    }
    std::vector<std::size_t> order;
    drive(poll, requests, 5s, &order);
    CHECK(order == std::vector<std::size_t>{4, 3, 2, 1, 0});
    for (std::size_t i = 0; i < 5; ++i) {
      CHECK(requests[i]->error() == 0);
      CHECK(common::split_response(requests[i]->response()).body == "request-" + std::to_string(i));
    }
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "once the request is written, no WRITABLE event arrives") {
    // The connect is the only WRITABLE event a small request needs. After
    // that the socket is watched for READABLE alone: a registration that
    // kept WRITABLE would report it again with every change of the socket
    // (the response, the EOF), each one a useless wakeup.
    evq::Poll poll;
    std::vector<std::unique_ptr<HttpRequest>> requests;
    requests.push_back(std::make_unique<HttpRequest>(poll.registry(), evq::Token{0}, loopback(port()),
                                                     common::get_request("/100/once", address().to_string())));
    const int writable = drive(poll, requests, 5s);
    REQUIRE(requests[0]->done());
    CHECK(requests[0]->error() == 0);
    CHECK(common::split_response(requests[0]->response()).body == "once");
    CHECK(writable == 1);
  }

  TEST_CASE("a request bigger than the socket buffers is written over several WRITABLE events") {
    // Our own peer instead of the delay server: it reads slowly, so the
    // request's writes must stop at EAGAIN and resume when there is room.
    common::UniqueFd listener(common::check(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket"));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    // SAFETY: sockaddr_in is the sockaddr of AF_INET.
    auto* as_sockaddr = reinterpret_cast<sockaddr*>(&address);
    common::check(::bind(listener.get(), as_sockaddr, sizeof address), "bind");
    common::check(::listen(listener.get(), 1), "listen");
    socklen_t length = sizeof address;
    common::check(::getsockname(listener.get(), as_sockaddr, &length), "getsockname");
    const timeval accept_timeout{5, 0};  // accept(2) honours SO_RCVTIMEO: never hang
    common::check(::setsockopt(listener.get(), SOL_SOCKET, SO_RCVTIMEO, &accept_timeout, sizeof accept_timeout),
                  "setsockopt(SO_RCVTIMEO)");

    const std::string big(1 << 20, 'x');  // 1 MiB, far more than the buffers below hold
    evq::Poll poll;
    std::vector<std::unique_ptr<HttpRequest>> requests;
    requests.push_back(std::make_unique<HttpRequest>(poll.registry(), evq::Token{0}, loopback(ntohs(address.sin_port)), big));
    const int small = 16 * 1024;
    common::check(::setsockopt(requests[0]->fd(), SOL_SOCKET, SO_SNDBUF, &small, sizeof small), "setsockopt(SO_SNDBUF)");
    common::UniqueFd peer(common::check(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC), "accept4"));
    common::check(::setsockopt(peer.get(), SOL_SOCKET, SO_RCVBUF, &small, sizeof small), "setsockopt(SO_RCVBUF)");
    common::set_nonblocking(peer.get());

    std::string received;
    int writable = 0;
    evq::Events events(4);
    const auto give_up = Clock::now() + 10s;
    while (received.size() < big.size() && Clock::now() < give_up) {
      poll.poll(events, 10ms);
      for (evq::Event event : events) {
        if (event.is_writable()) ++writable;
        requests[0]->on_event(event);
      }
      // The slow reader: between two polls it takes what its small buffer holds.
      char buffer[8192];
      ssize_t n = 0;
      while ((n = ::read(peer.get(), buffer, sizeof buffer)) > 0) received.append(buffer, static_cast<std::size_t>(n));
      if (n == 0) break;  // the request gave up and closed: the checks below fail
      if (errno != EAGAIN && errno != EWOULDBLOCK) common::throw_errno("read");
      // The request says it has written all it will, and all of that has
      // arrived: nothing more is coming (a request that stopped early would
      // otherwise keep this loop waiting until give_up).
      const auto state = requests[0]->state();
      if (state != HttpRequest::State::connecting && state != HttpRequest::State::writing &&
          received.size() >= requests[0]->bytes_written())
        break;
    }
    CHECK(received.size() == big.size());
    CHECK(received == big);
    CHECK(requests[0]->bytes_written() == big.size());
    CHECK(writable > 1);  // one WRITABLE event could not have been enough

    testing::send_all(peer.get(), "pong");
    peer.reset();  // EOF ends the response
    drive(poll, requests, 5s);
    CHECK(requests[0]->done());
    CHECK(requests[0]->error() == 0);
    CHECK(requests[0]->response() == "pong");
  }
}
