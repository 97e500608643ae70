// uring::Ring: the rings, the tokens, and the completion model (the kernel
// does the operation and owns our buffer until it completes).
#include <doctest/doctest.h>

#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "common/syscall.hpp"
#include "testing/http_client.hpp"
#include "uring/ring.hpp"
#include "uring_support.hpp"

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

std::vector<uring::Completion> wait_for(uring::Ring& ring, unsigned n) {
  std::vector<uring::Completion> out;
  while (out.size() < n) {
    ring.submit_and_wait(static_cast<unsigned>(n - out.size()));
    ring.reap(out);
  }
  return out;
}

}  // namespace

TEST_SUITE("ch01/uring") {
  TEST_CASE("a ring has a power-of-two submission queue at least as large as asked and a completion queue twice that") {
    URING_OR_SKIP();
    uring::Ring ring(6);
    CHECK(ring.sq_entries() == 8);
    CHECK(ring.cq_entries() == 16);
    CHECK(ring.queued() == 0);
    CHECK(ring.in_flight() == 0);
  }

  TEST_CASE("a NOP's completion carries its user_data, and reaping it needs no io_uring_enter") {
    URING_OR_SKIP();
    uring::Ring ring(4);
    ring.push(uring::nop(), 42);
    CHECK(ring.queued() == 1);
    CHECK(ring.enters() == 0);  // pushing writes shared memory only
    ring.submit_and_wait(1);
    CHECK(ring.enters() == 1);
    CHECK(ring.queued() == 0);
    std::vector<uring::Completion> out;
    REQUIRE(ring.reap(out) == 1);
    CHECK(out[0].user_data == 42);
    CHECK(out[0].res == 0);
    CHECK(ring.in_flight() == 0);
    CHECK(ring.reap(out) == 0);  // nothing more, and still no system call
    CHECK(ring.enters() == 1);
  }

  TEST_CASE("one io_uring_enter submits many operations and waits for all of them") {
    URING_OR_SKIP();
    uring::Ring ring(16);
    for (std::uint64_t i = 0; i < 10; ++i) ring.push(uring::nop(), 100 + i);
    CHECK(ring.submit_and_wait(10) == 10);
    CHECK(ring.enters() == 1);
    std::vector<uring::Completion> out;
    REQUIRE(ring.reap(out) == 10);
    std::vector<std::uint64_t> tokens;
    for (const auto& c : out) tokens.push_back(c.user_data);
    std::sort(tokens.begin(), tokens.end());
    for (std::uint64_t i = 0; i < 10; ++i) CHECK(tokens[i] == 100 + i);
  }

  TEST_CASE("try_push refuses a full submission queue, and push submits what is queued first") {
    URING_OR_SKIP();
    uring::Ring ring(4);
    for (std::uint64_t i = 0; i < ring.sq_entries(); ++i) REQUIRE(ring.try_push(uring::nop(), i));
    CHECK_FALSE(ring.try_push(uring::nop(), 99));
    CHECK(ring.queued() == ring.sq_entries());
    ring.push(uring::nop(), 99);  // one io_uring_enter to make room, then queued
    CHECK(ring.enters() == 1);
    CHECK(ring.queued() == 1);
    const auto out = wait_for(ring, ring.sq_entries() + 1);
    CHECK(out.size() == ring.sq_entries() + 1);
  }

  TEST_CASE("a RECV completes only once data arrives, with the bytes already in the buffer it was given") {
    URING_OR_SKIP();
    auto [ours, peer] = socket_pair();
    uring::Ring ring(4);
    char buffer[16] = {};
    ring.push(uring::recv(ours.get(), buffer, sizeof buffer), 7);
    ring.submit();
    std::vector<uring::Completion> out;
    CHECK(ring.reap(out) == 0);  // nothing has arrived: the operation is still the kernel's
    CHECK(ring.in_flight() == 1);
    common::check(::write(peer.get(), "hello", 5), "write");
    out = wait_for(ring, 1);
    CHECK(out[0].user_data == 7);
    CHECK(out[0].res == 5);
    CHECK(std::string(buffer, 5) == "hello");  // no read of our own: the kernel did it
  }

  TEST_CASE("cancelling a pending RECV completes it with ECANCELED, and the data that comes later stays unread") {
    URING_OR_SKIP();
    auto [ours, peer] = socket_pair();
    uring::Ring ring(4);
    char buffer[16] = {};
    ring.push(uring::recv(ours.get(), buffer, sizeof buffer), 1);
    ring.submit();
    ring.push(uring::cancel(1), 2);
    const auto out = wait_for(ring, 2);
    for (const auto& c : out) {
      if (c.user_data == 1) CHECK(c.res == -ECANCELED);
      if (c.user_data == 2) CHECK(c.res == 0);  // found and cancelled
    }
    CHECK(ring.in_flight() == 0);
    common::check(::write(peer.get(), "late", 4), "write");
    char after[8] = {};
    CHECK(common::check(::read(ours.get(), after, sizeof after), "read") == 4);  // still there for us
    CHECK(std::string(buffer, 4) != "late");
  }

  TEST_CASE("cancel_all_and_drain leaves nothing in flight, so buffers may be freed") {
    URING_OR_SKIP();
    auto [first, first_peer] = socket_pair();
    auto [second, second_peer] = socket_pair();
    uring::Ring ring(8);
    char a[8], b[8];
    ring.push(uring::recv(first.get(), a, sizeof a), 1);
    ring.push(uring::recv(second.get(), b, sizeof b), 2);
    ring.submit();
    CHECK(ring.in_flight() == 2);
    ring.cancel_all_and_drain();
    CHECK(ring.in_flight() == 0);
    CHECK(ring.queued() == 0);
  }

  TEST_CASE("a failed CONNECT cancels the SEND linked after it") {
    URING_OR_SKIP();
    const std::uint16_t port = testing::unused_loopback_port();
    common::UniqueFd fd(common::check(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), "socket"));
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    uring::Ring ring(4);
    const char request[] = "GET / HTTP/1.1\r\n\r\n";
    ring.push(uring::linked(uring::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address)), 1);
    ring.push(uring::send(fd.get(), request, sizeof request - 1), 2);
    const auto out = wait_for(ring, 2);
    for (const auto& c : out) {
      if (c.user_data == 1) CHECK(c.res == -ECONNREFUSED);
      if (c.user_data == 2) CHECK(c.res == -ECANCELED);
    }
  }

  TEST_CASE("a TIMEOUT operation completes with ETIME") {
    URING_OR_SKIP();
    uring::Ring ring(4);
    __kernel_timespec ts{};
    ts.tv_nsec = 1'000'000;  // 1 ms
    ring.push(uring::timeout(&ts), 5);
    const auto out = wait_for(ring, 1);
    CHECK(out[0].user_data == 5);
    CHECK(out[0].res == -ETIME);
  }

  TEST_CASE("IORING_OP_SOCKET returns a new descriptor as its result, and IORING_OP_CLOSE closes it") {
    URING_OR_SKIP();
    uring::Ring ring(4);
    ring.push(uring::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), 1);
    auto out = wait_for(ring, 1);
    if (out[0].res == -EINVAL) {
      MESSAGE("skipped: this kernel has no IORING_OP_SOCKET (Linux 5.19)");
      return;
    }
    REQUIRE(out[0].res >= 0);
    const int fd = out[0].res;
    CHECK(::fcntl(fd, F_GETFD) != -1);  // a real, open descriptor
    ring.push(uring::close(fd), 2);
    out = wait_for(ring, 1);
    CHECK(out[0].res == 0);
    CHECK(::fcntl(fd, F_GETFD) == -1);
    CHECK(errno == EBADF);
  }
}
