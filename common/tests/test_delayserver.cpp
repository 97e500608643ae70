// The delay server over real loopback sockets, embedded in the test process.
#include <doctest/doctest.h>
#include <sys/socket.h>

#include <sstream>
#include <thread>

#include "common/text.hpp"
#include "common/syscall.hpp"
#include "testing/delay_server_fixture.hpp"
#include "testing/http_client.hpp"
#include "testing/wait.hpp"

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using testing::DelayServerFixture;

namespace {

using testing::eventually;
using testing::ms_since;

std::string request_for(std::string_view target) {
  return "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n\r\n";
}

}  // namespace

TEST_SUITE("common/delayserver") {
  TEST_CASE_FIXTURE(DelayServerFixture, "the fixture serves on an ephemeral loopback port") {
    CHECK(port() != 0);
    CHECK(address().host == "127.0.0.1");
    auto response = testing::fetch(address(), "/0/ready");
    CHECK(response.status == 200);
    CHECK(response.body == "ready");
  }

  TEST_CASE_FIXTURE(DelayServerFixture, "GET /{delay}/{message} answers the decoded message after the delay") {
    const auto start = Clock::now();
    auto response = testing::fetch(address(), "/300/hello%20world");
    const auto elapsed = ms_since(start);
    CHECK(response.status == 200);
    CHECK(response.header("Content-Type").value_or("").starts_with("text/plain"));
    CHECK(response.header("Content-Length") == "11");
    CHECK(response.body == "hello world");
    CHECK(elapsed >= 300);
    CHECK(elapsed < 1300);
  }

  TEST_CASE("each request is logged as '#n - {delay}ms: {message}'") {
    std::ostringstream log;
    {
      auto options = delayserver::EmbeddedServer::quiet_ephemeral();
      options.quiet = false;
      options.log = &log;
      delayserver::EmbeddedServer server(options);
      (void)testing::fetch(server.address(), "/10/first");
      (void)testing::fetch(server.address(), "/20/caf%C3%A9");
    }  // joined: the log is complete
    CHECK(log.str() == "#1 - 10ms: first\n#2 - 20ms: caf\xC3\xA9\n");
  }

  TEST_CASE_FIXTURE(DelayServerFixture, "bad input gets its status and a one-line reason, then the connection closes") {
    struct Case {
      const char* what;
      std::string raw;
      int status;
      const char* reason_contains;
    };
    const std::vector<Case> cases = {
        {"malformed request line", "HELLO\r\n\r\n", 400, "malformed request line"},
        {"request line without a version", "GET /1/a\r\n\r\n", 400, "malformed request line"},
        {"non-numeric delay", request_for("/abc/x"), 400, "whole number"},
        {"negative delay", request_for("/-5/x"), 400, "whole number"},
        {"overflowing delay", request_for("/123456789012345678901234567890/x"), 400, "maximum"},
        {"delay above the maximum", request_for("/60001/x"), 400, "60000"},
        {"invalid escape", request_for("/1/bad%G1"), 400, "escape"},
        {"binary garbage", std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15), 400, "malformed"},
        {"root path", request_for("/"), 404, "/{delay_ms}/{message}"},
        {"delay only", request_for("/100"), 404, "/{delay_ms}/{message}"},
        {"three segments", request_for("/1/2/3"), 404, "/{delay_ms}/{message}"},
        {"POST", "POST /1/a HTTP/1.1\r\nContent-Length: 0\r\n\r\n", 405, "only GET"},
        {"target over 8 KiB", request_for("/1/" + std::string(9000, 'a')), 414, "8192"},
        {"header block over 16 KiB",
         "GET /1/a HTTP/1.1\r\nX-Big: " + std::string(17 * 1024, 'h') + "\r\n\r\n", 431, "16384"},
    };
    for (const auto& c : cases) {
      CAPTURE(c.what);
      const std::string raw_response = testing::exchange(port(), c.raw);  // returns at EOF: closed
      auto response = common::split_response(raw_response);
      CHECK(response.status == c.status);
      CHECK(response.header("Connection") == "close");
      CHECK(response.body.find(c.reason_contains) != std::string::npos);
      CHECK(response.body.ends_with("\n"));
      CHECK(response.body.find('\n') == response.body.size() - 1);  // one line
    }
  }

  TEST_CASE_FIXTURE(DelayServerFixture, "a request cut off by the client's half-close gets 400") {
    auto fd = testing::connect_loopback(port());
    testing::send_all(fd.get(), "GET /1/a HTT");
    common::check(::shutdown(fd.get(), SHUT_WR), "shutdown");
    auto response = common::split_response(testing::read_to_end(fd.get()));
    CHECK(response.status == 400);
  }

  TEST_CASE("a client that does not send a whole request in time is disconnected") {
    auto options = delayserver::EmbeddedServer::quiet_ephemeral();
    options.request_timeout = 200ms;
    delayserver::EmbeddedServer server(options);
    auto fd = testing::connect_loopback(server.port(), 5s);
    testing::send_all(fd.get(), "GET /1/slow");
    const auto start = Clock::now();
    CHECK(testing::read_to_end(fd.get()).empty());  // EOF, no response
    CHECK(ms_since(start) >= 150);
    CHECK(ms_since(start) < 3000);
    CHECK(eventually([&] { return server.stats().open_connections == 0; }));
  }

  TEST_CASE_FIXTURE(DelayServerFixture, "keep-alive serves two requests on one connection; Connection: close ends it") {
    auto fd = testing::connect_loopback(port());
    std::string pending;
    testing::send_all(fd.get(), request_for("/10/one"));
    auto first = testing::read_one_response(fd.get(), pending);
    CHECK(first.body == "one");
    CHECK_FALSE(first.header("Connection").has_value());
    testing::send_all(fd.get(), "GET /10/two HTTP/1.1\r\nConnection: close\r\n\r\n");
    auto second = testing::read_one_response(fd.get(), pending);
    CHECK(second.body == "two");
    CHECK(second.header("Connection") == "close");
    CHECK(pending.empty());
    CHECK(testing::read_to_end(fd.get()).empty());  // the server closed
  }

  TEST_CASE_FIXTURE(DelayServerFixture, "pipelined requests are answered in order") {
    auto fd = testing::connect_loopback(port());
    testing::send_all(fd.get(), request_for("/30/a") + request_for("/10/b") +
                                    "GET /0/c HTTP/1.1\r\nConnection: close\r\n\r\n");
    std::string pending;
    CHECK(testing::read_one_response(fd.get(), pending).body == "a");
    CHECK(testing::read_one_response(fd.get(), pending).body == "b");
    CHECK(testing::read_one_response(fd.get(), pending).body == "c");
  }

  TEST_CASE_FIXTURE(DelayServerFixture, "HTTP/1.0 closes after the response") {
    auto response = common::split_response(testing::exchange(port(), "GET /5/old HTTP/1.0\r\n\r\n"));
    CHECK(response.body == "old");
    CHECK(response.header("Connection") == "close");
  }

  TEST_CASE_FIXTURE(DelayServerFixture, "a client that closes before its delay ends has its timer cancelled") {
    {
      auto fd = testing::connect_loopback(port());
      testing::send_all(fd.get(), request_for("/30000/never"));
      REQUIRE(eventually([&] { return server.stats().pending_delays == 1; }));
    }  // the client closes its socket here
    const auto start = Clock::now();
    CHECK(eventually([&] { return server.stats().pending_delays == 0; }, 3s));
    CHECK(ms_since(start) < 3000);
    CHECK(eventually([&] { return server.stats().open_connections == 0; }));
    CHECK(server.stats().responses == 0);
  }

  TEST_CASE_FIXTURE(DelayServerFixture, "1,000 concurrent delayed requests are all answered in about one delay") {
    (void)delayserver::raise_open_file_limit();  // 2,000 descriptors in this process
    constexpr int kClients = 1000;
    constexpr int kDelayMs = 500;
    std::vector<common::UniqueFd> clients;
    clients.reserve(kClients);
    const auto start = Clock::now();
    for (int i = 0; i < kClients; ++i) {
      clients.push_back(testing::connect_loopback(port()));
      testing::send_all(clients.back().get(),
                        "GET /" + std::to_string(kDelayMs) + "/r" + std::to_string(i) +
                            " HTTP/1.1\r\nConnection: close\r\n\r\n");
    }
    int answered = 0;
    for (int i = 0; i < kClients; ++i) {
      auto response = common::split_response(testing::read_to_end(clients[static_cast<std::size_t>(i)].get()));
      if (response.status == 200 && response.body == common::cat("r", i)) ++answered;
    }
    const auto elapsed = ms_since(start);
    CHECK(answered == kClients);
    CHECK(elapsed >= kDelayMs);
    CHECK(elapsed < kDelayMs + 2500);  // one delay, not a thousand of them
    CHECK(server.stats().requests == kClients);
  }
}
