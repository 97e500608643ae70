#include <doctest/doctest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <vector>

#include "common/text.hpp"
#include "common/http.hpp"
#include "common/syscall.hpp"
#include "oneshot_reader.hpp"
#include "testing/delay_server_fixture.hpp"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using exercise::OneshotReader;

namespace {

struct SocketPair {
  common::UniqueFd ours;
  common::UniqueFd peer;
};
SocketPair socket_pair() {
  int fds[2];
  common::check(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds), "socketpair");
  return {common::UniqueFd(fds[0]), common::UniqueFd(fds[1])};
}

void put(int fd, std::string_view bytes) {
  const ssize_t n = common::check(::write(fd, bytes.data(), bytes.size()), "write");
  REQUIRE(static_cast<std::size_t>(n) == bytes.size());
}

// Polls, handing each event to its reader, until all are done or a poll
// waits `quiet` with no event. Returns the number of wakeups.
int drive(evq::Poll& poll, std::vector<std::unique_ptr<OneshotReader>>& readers, std::chrono::milliseconds quiet,
          std::vector<std::size_t>* order = nullptr) {
  evq::Events events(16);
  int wakeups = 0;
  auto all_done = [&] {
    for (const auto& r : readers)
      if (!r->done()) return false;
    return true;
  };
  for (int round = 0; round < 10'000 && !all_done(); ++round) {
    poll.poll(events, quiet);
    if (events.empty()) break;
    for (evq::Event event : events) {
      ++wakeups;
      const std::size_t i = event.token().value();
      if (readers.at(i)->on_event(event) && order != nullptr) order->push_back(i);
    }
  }
  return wakeups;
}

}  // namespace

TEST_SUITE("exercise/03-level-oneshot") {
  TEST_CASE("each wakeup reads one chunk and re-arms: 64 bytes in 16-byte reads, then EOF") {
    evq::Poll poll;
    auto pair = socket_pair();
    put(pair.peer.get(), std::string(64, 'x'));
    common::check(::shutdown(pair.peer.get(), SHUT_WR), "shutdown");  // all of it, EOF included, is there now
    std::vector<std::unique_ptr<OneshotReader>> readers;
    readers.push_back(std::make_unique<OneshotReader>(poll.registry(), pair.ours.get(), evq::Token{0}, 16));

    const int wakeups = drive(poll, readers, 200ms);
    CHECK(readers[0]->done());
    CHECK(readers[0]->data() == std::string(64, 'x'));
    CHECK(readers[0]->reads() == 5);  // four chunks, then the EOF
    CHECK(wakeups == 5);

    evq::Events events(4);
    poll.poll(events, 50ms);
    CHECK(events.empty());  // left disarmed at EOF: level-triggered, the EOF would be reported again
  }

  TEST_CASE("between a wakeup and its re-arm the stream is not reported again") {
    evq::Poll poll;
    auto pair = socket_pair();
    OneshotReader reader(poll.registry(), pair.ours.get(), evq::Token{0}, 16);
    put(pair.peer.get(), std::string(64, 'x'));
    evq::Events events(4);

    poll.poll(events, 5s);
    REQUIRE(events.size() == 1);
    const evq::Event first = events[0];
    poll.poll(events, 50ms);
    CHECK(events.empty());  // disarmed until on_event re-arms it

    CHECK_FALSE(reader.on_event(first));  // one read: 16 of the 64 bytes
    poll.poll(events, 5s);
    CHECK(events.size() == 1);  // re-armed, and 48 bytes are still waiting
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture,
                    "the demo with one 16-byte read per wakeup: five responses in reverse order") {
    evq::Poll poll;
    std::vector<common::UniqueFd> sockets;
    std::vector<std::unique_ptr<OneshotReader>> readers;
    const auto endpoint = common::resolve(address());
    for (std::size_t i = 0; i < 5; ++i) {
      const std::string path = common::cat("/", (5 - i) * 100, "/request-", i);
      sockets.push_back(common::connect_to(endpoint, address()));
      common::set_nonblocking(sockets.back().get());
      const std::string request = common::get_request(path, address().to_string());
      REQUIRE(::send(sockets.back().get(), request.data(), request.size(), MSG_NOSIGNAL) ==
              static_cast<ssize_t>(request.size()));
      readers.push_back(std::make_unique<OneshotReader>(poll.registry(), sockets.back().get(), evq::Token{i}, 16));
    }
    std::vector<std::size_t> order;
    const int wakeups = drive(poll, readers, 1000ms, &order);
    CHECK(order == std::vector<std::size_t>{4, 3, 2, 1, 0});
    for (std::size_t i = 0; i < 5; ++i) {
      REQUIRE(readers[i]->done());
      CHECK(common::split_response(readers[i]->data()).body == "request-" + std::to_string(i));
    }
    CHECK(wakeups > 5 * 6);  // every response took several 16-byte reads, each its own wakeup
  }
}
