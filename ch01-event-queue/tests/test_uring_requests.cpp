// c-io-uring's core against the embedded delay server.
#include <doctest/doctest.h>

#include <sstream>

#include "common/http.hpp"
#include "testing/delay_server_fixture.hpp"
#include "testing/http_client.hpp"
#include "uring_requests.hpp"
#include "uring_support.hpp"

using namespace std::chrono_literals;

TEST_SUITE("ch01/uring examples") {
  TEST_CASE_FIXTURE(testing::DelayServerFixture, "c-io-uring: every response arrives, last sent first back") {
    URING_OR_SKIP();
    ch01::UringOptions options;
    options.requests = 5;
    options.base_delay = 100ms;  // delays 500, 400, 300, 200, 100 ms
    std::ostringstream out;
    common::Timeline timeline;
    const auto report = ch01::run_uring_requests(address(), options, ch01::Output{out, timeline});
    CHECK(report.completion_order == std::vector<std::size_t>{4, 3, 2, 1, 0});
    REQUIRE(report.responses.size() == 5);
    for (std::size_t i = 0; i < 5; ++i) {
      const auto response = common::split_response(report.responses[i]);
      CHECK(response.status == 200);
      CHECK(response.body == "request-" + std::to_string(i));
    }
    CHECK(timeline.size() == 5);
    CHECK(report.socket_fallbacks == 0);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture,
                    "c-io-uring: the first io_uring_enter submits every request's socket operation at once") {
    URING_OR_SKIP();
    ch01::UringOptions options;
    options.requests = 40;
    options.base_delay = 0ms;
    options.entries = 64;  // room for all 40 SOCKETs and the timeout
    std::ostringstream out;
    common::Timeline timeline;
    const auto report = ch01::run_uring_requests(address(), options, ch01::Output{out, timeline});
    CHECK(report.completion_order.size() == 40);
    // Each request completes socket, connect, send, close and its receives
    // (one, unless the response arrived in pieces: the reader stops at the
    // Content-Length, not at the end of the stream), plus the timeout and its
    // cancel. Each io_uring_enter submits everything queued and every wake
    // reaps everything ready, so there are fewer calls than completions, and
    // no call at all to read.
    CHECK(report.receives >= 40);
    CHECK(report.completions == 40 * 4 + report.receives + 2);
    CHECK(report.enters < report.completions);
  }

  TEST_CASE("c-io-uring: an unreachable server is reported as ServerUnreachable, not a crash") {
    URING_OR_SKIP();
    const std::uint16_t port = testing::unused_loopback_port();
    ch01::UringOptions options;
    options.requests = 3;
    std::ostringstream out;
    common::Timeline timeline;
    CHECK_THROWS_AS((void)ch01::run_uring_requests(common::ServerAddress{"127.0.0.1", port}, options,
                                                   ch01::Output{out, timeline}),
                    common::ServerUnreachable);
  }

  TEST_CASE("c-io-uring: zero requests set up and tear down the ring without entering it") {
    URING_OR_SKIP();
    ch01::UringOptions options;
    options.requests = 0;
    std::ostringstream out;
    common::Timeline timeline;
    const auto report = ch01::run_uring_requests(common::ServerAddress{"127.0.0.1", 9}, options,
                                                 ch01::Output{out, timeline});
    CHECK(report.enters == 0);
    CHECK(report.completion_order.empty());
  }
}
