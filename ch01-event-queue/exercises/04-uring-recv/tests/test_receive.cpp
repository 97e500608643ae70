// Exercise 04: receive_response reads a whole response through io_uring.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <future>
#include <string>
#include <system_error>
#include <thread>

#include "../../../tests/uring_support.hpp"
#include "common/syscall.hpp"
#include "receive.hpp"

namespace {

struct SocketPair {
  common::UniqueFd ours;
  common::UniqueFd peer;
};
SocketPair socket_pair() {
  int fds[2];
  common::check(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), "socketpair");
  return {common::UniqueFd(fds[0]), common::UniqueFd(fds[1])};
}

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) done += static_cast<std::size_t>(common::check(::write(fd, text.data() + done, text.size() - done), "write"));
}

// A body of distinct bytes, so a byte kept twice or from the wrong place shows.
std::string response_with_body(std::size_t length) {
  std::string body;
  for (std::size_t i = 0; i < length; ++i) body.push_back(static_cast<char>('a' + (i * 7) % 26));
  return "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(length) + "\r\n\r\n" + body;
}

}  // namespace

TEST_SUITE("ch01/exercise 04") {
  TEST_CASE("a response that arrives in pieces is read whole") {
    URING_OR_SKIP();
    auto [ours, peer] = socket_pair();
    const std::string response = response_with_body(200);
    write_all(peer.get(), response);
    uring::Ring ring(4);
    std::array<char, 7> buffer{};  // far smaller than the response: many receives
    const std::string got = exercise::receive_response(ring, ours.get(), buffer);
    CHECK(got == response);
    CHECK(ring.in_flight() == 0);  // no receive left with the kernel
  }

  TEST_CASE("only the bytes a completion reports are kept") {
    URING_OR_SKIP();
    auto [ours, peer] = socket_pair();
    const std::string response = response_with_body(3);
    write_all(peer.get(), response);
    uring::Ring ring(4);
    std::array<char, 256> buffer;
    buffer.fill('#');  // what was in the buffer before is not part of the response
    const std::string got = exercise::receive_response(ring, ours.get(), buffer);
    CHECK(got == response);
  }

  TEST_CASE("a failed receive is an error naming recv and its errno") {
    URING_OR_SKIP();
    int fds[2];
    common::check(::pipe2(fds, O_CLOEXEC), "pipe2");
    common::UniqueFd read_end(fds[0]), write_end(fds[1]);
    uring::Ring ring(4);
    std::array<char, 64> buffer{};
    try {
      (void)exercise::receive_response(ring, read_end.get(), buffer);  // RECV on a pipe: ENOTSOCK
      FAIL("no exception for a receive that failed");
    } catch (const std::system_error& e) {
      CHECK(e.code() == std::error_code(ENOTSOCK, std::system_category()));
      CHECK(std::string(e.what()).find("recv") != std::string::npos);
    } catch (const std::exception& e) {
      FAIL("expected std::system_error(ENOTSOCK), got: " << e.what());
    }
  }

  TEST_CASE("a peer that closes mid-response is an error, not a short response") {
    URING_OR_SKIP();
    auto [ours, peer] = socket_pair();
    write_all(peer.get(), "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
    peer.reset();
    uring::Ring ring(4);
    std::array<char, 64> buffer{};
    CHECK_THROWS_AS((void)exercise::receive_response(ring, ours.get(), buffer), std::runtime_error);
  }

  TEST_CASE("without Content-Length, the end of the stream ends the response") {
    URING_OR_SKIP();
    auto [ours, peer] = socket_pair();
    const std::string response = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nno length here";
    write_all(peer.get(), response);
    peer.reset();
    uring::Ring ring(4);
    std::array<char, 16> buffer{};
    CHECK(exercise::receive_response(ring, ours.get(), buffer) == response);
  }

  TEST_CASE("the receive stops at Content-Length without waiting for the end of the stream") {
    URING_OR_SKIP();
    auto [ours, peer] = socket_pair();
    const std::string response = response_with_body(50);
    write_all(peer.get(), response);  // and the connection stays open
    uring::Ring ring(4);
    std::array<char, 16> buffer{};
    // (the descriptor is captured by value: a structured binding cannot be
    // captured before Clang 16)
    auto result = std::async(std::launch::async, [&ring, &buffer, fd = ours.get()] {
      return exercise::receive_response(ring, fd, buffer);
    });
    // A guard, not a measurement: the answer is ready the moment the last
    // byte is read, far sooner than this. If it is not, the receive is
    // waiting for an end of stream that never comes; ending the stream
    // releases it so that the test fails instead of hanging.
    const bool returned = result.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
    if (!returned) ::shutdown(peer.get(), SHUT_WR);
    const std::string got = result.get();
    CHECK_MESSAGE(returned, "receive_response waited for the end of the stream");
    CHECK(got == response);
  }
}
