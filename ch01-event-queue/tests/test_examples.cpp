// The demos' logic: a-epoll against the embedded delay server, its handling
// of a repeated EOF, and b-level-vs-edge's counts.
#include <doctest/doctest.h>

#include <sstream>

#include "common/http.hpp"
#include "requests.hpp"
#include "support.hpp"
#include "testing/delay_server_fixture.hpp"
#include "testing/http_client.hpp"
#include "testing/run_program.hpp"
#include "testing/svg_picture.hpp"
#include "wakeups.hpp"

using namespace ch01_test;

TEST_SUITE("ch01/examples") {
  TEST_CASE_FIXTURE(testing::DelayServerFixture,
                    "a-epoll: responses arrive in reverse order, in about the longest delay, not the sum") {
    ch01::RequestsOptions options;
    options.requests = 5;
    options.base_delay = 100ms;  // delays 500, 400, 300, 200, 100 ms
    std::ostringstream out;
    common::Timeline timeline;
    const auto start = Clock::now();
    const auto report = ch01::run_requests(address(), options, ch01::Output{out, timeline});
    const auto elapsed = ms_since(start);

    CHECK(report.completion_order == std::vector<std::size_t>{4, 3, 2, 1, 0});
    CHECK(elapsed >= 500);
    CHECK(elapsed < 500 + 500);  // the sum would be 1500 ms
    REQUIRE(report.responses.size() == 5);
    for (std::size_t i = 0; i < 5; ++i) {
      const auto response = common::split_response(report.responses[i]);
      CHECK(response.status == 200);
      CHECK(response.body == "request-" + std::to_string(i));
    }
    CHECK(timeline.size() == 5);
    const std::string printed = out.str();
    CHECK(printed.find("request 4 done: 200 OK, body \"request-4\"") < printed.find("request 0 done:"));
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture,
                    "a-epoll --svg draws one labelled row per request, the bars ending in the order the answers came") {
    testing::TempSvgPath svg;
    const auto result = testing::run_program({A_EPOLL_PATH, "--server", address().to_string(), "--requests", "3",
                                              "--base-delay-ms", "100", "--svg", svg.path()});
    REQUIRE(result.status == 0);
    const auto picture = testing::read_svg(svg.path());
    CHECK_MESSAGE(picture.parses, picture.xmllint);
    REQUIRE(picture.rows.size() == 3);
    CHECK(picture.rows[0].label == "/300/request-0");
    CHECK(picture.rows[2].label == "/100/request-2");
    // Delays 300, 200, 100 ms: the last sent answers first.
    CHECK(picture.labels_by_end() == std::vector<std::string>{"/100/request-2", "/200/request-1", "/300/request-0"});
    for (const auto& row : picture.rows) CHECK(row.polls >= 1);  // read at least once: at its EOF
    REQUIRE(picture.lanes.size() == 1);
    CHECK(picture.lanes[0].label == "main thread");
    CHECK(picture.lanes[0].parks >= 1);
    CHECK(picture.lanes[0].woken_by_reactor >= 1);
    CHECK(picture.lanes[0].woken_by_other_thread == 0);
  }

  TEST_CASE("a-epoll --svg to an unwritable path is one line and exit status 2, before any request") {
    testing::check_unwritable_svg_is_refused(A_EPOLL_PATH);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "a-epoll: a small Events capacity still collects every response") {
    ch01::RequestsOptions options;
    options.requests = 8;
    options.base_delay = 0ms;  // all at once: more ready sockets than one poll returns
    options.events_capacity = 1;
    std::ostringstream out;
    common::Timeline timeline;
    const auto report = ch01::run_requests(address(), options, ch01::Output{out, timeline});
    CHECK(report.completion_order.size() == 8);
    CHECK(report.polls >= 8);  // one event per poll
  }

  TEST_CASE("a-epoll: an unreachable server is reported as ServerUnreachable, not a crash") {
    const std::uint16_t port = testing::unused_loopback_port();
    ch01::RequestsOptions options;
    std::ostringstream out;
    common::Timeline timeline;
    CHECK_THROWS_AS((void)ch01::run_requests(common::ServerAddress{"127.0.0.1", port}, options,
                                             ch01::Output{out, timeline}),
                    common::ServerUnreachable);
  }

  TEST_CASE("a-epoll: a stream that reports EOF twice is finished once") {
    // Reproduces the false wakeup of the book's FIX #4 on a socket pair (see
    // test_triggering.cpp): the peer's FIN queues a second edge while we drain.
    evq::Poll poll;
    std::vector<ch01::Stream> streams(1);
    auto [ours, peer] = socket_pair();
    streams[0].socket = std::move(ours);
    poll.registry().register_(streams[0].socket.get(), evq::Token{0}, evq::Interest::READABLE);
    put(peer.get(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");

    std::ostringstream out;
    common::Timeline timeline;
    streams[0].timeline_row = timeline.add("/0/hi");
    const ch01::Output output{out, timeline};
    ch01::RequestsReport report;
    evq::Events events(4);

    poll.poll(events, kMustArrive);
    REQUIRE(events.size() == 1);
    common::check(::shutdown(peer.get(), SHUT_WR), "shutdown");  // the FIN lands mid-drain
    CHECK(ch01::handle_events(events, streams, report, output) == 1);

    poll.poll(events, kMustArrive);  // the edge the FIN queued
    REQUIRE(events.size() == 1);
    CHECK(ch01::handle_events(events, streams, report, output) == 0);  // not finished twice
    CHECK(report.repeated_eofs == 1);
    CHECK(report.completion_order == std::vector<std::size_t>{0});
    CHECK(out.str().find("EOF again") != std::string::npos);
  }

  TEST_CASE("a-epoll: a stream drained to EAGAIN is finished by a later event") {
    // The response arrives in two parts: the first wakeup drains the first
    // part and stops at EAGAIN; the second brings the rest and the EOF.
    evq::Poll poll;
    std::vector<ch01::Stream> streams(1);
    auto [ours, peer] = socket_pair();
    streams[0].socket = std::move(ours);
    poll.registry().register_(streams[0].socket.get(), evq::Token{0}, evq::Interest::READABLE);
    std::ostringstream out;
    common::Timeline timeline;
    const ch01::Output output{out, timeline};
    ch01::RequestsReport report;
    evq::Events events(4);

    put(peer.get(), "HTTP/1.1 200 OK\r\n");
    poll.poll(events, kMustArrive);
    REQUIRE(events.size() == 1);
    CHECK(ch01::handle_events(events, streams, report, output) == 0);
    CHECK(out.str().find("read 17 bytes, then EAGAIN") != std::string::npos);

    put(peer.get(), "Content-Length: 2\r\n\r\nhi");
    common::check(::shutdown(peer.get(), SHUT_WR), "shutdown");
    poll.poll(events, kMustArrive);
    REQUIRE(events.size() == 1);
    CHECK(ch01::handle_events(events, streams, report, output) == 1);
    CHECK(streams[0].received == "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
    CHECK(report.completion_order == std::vector<std::size_t>{0});
  }

  TEST_CASE("b-level-vs-edge: level wakes once per read, edge once per arrival") {
    const auto level_once = ch01::count_wakeups(evq::Trigger::LEVEL, 64, 16, false, kMustNotArrive);
    CHECK(level_once.wakeups == 4);
    CHECK(level_once.bytes_read == 64);

    const auto edge_once = ch01::count_wakeups(evq::Trigger::EDGE, 64, 16, false, kMustNotArrive);
    CHECK(edge_once.wakeups == 1);
    CHECK(edge_once.bytes_read == 16);
    CHECK(edge_once.bytes_left == 48);  // stuck: no new edge for them

    const auto edge_drain = ch01::count_wakeups(evq::Trigger::EDGE, 64, 16, true, kMustNotArrive);
    CHECK(edge_drain.wakeups == 1);
    CHECK(edge_drain.bytes_read == 64);
    CHECK(edge_drain.bytes_left == 0);

    CHECK_THROWS_AS((void)ch01::count_wakeups(evq::Trigger::EDGE, 0, 16, true, kMustNotArrive),
                    std::invalid_argument);
  }
}
