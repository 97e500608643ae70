// The delay server's parsing rules, without sockets.
#include <doctest/doctest.h>

#include "delayserver/request.hpp"

using namespace delayserver;

namespace {
const Limits kLimits{};

DelayRequest accept_head(std::string_view head) {
  auto parsed = parse_head(head, kLimits);
  REQUIRE_MESSAGE(std::holds_alternative<DelayRequest>(parsed),
                  "rejected: " << std::get<Rejection>(parsed).reason);
  return std::get<DelayRequest>(parsed);
}

Rejection reject_head(std::string_view head) {
  auto parsed = parse_head(head, kLimits);
  REQUIRE(std::holds_alternative<Rejection>(parsed));
  return std::get<Rejection>(parsed);
}
}  // namespace

TEST_SUITE("common/url_decode") {
  TEST_CASE("plain text passes through unchanged") { CHECK(url_decode("hello") == "hello"); }

  TEST_CASE("percent escapes decode to bytes, in either case of hex") {
    CHECK(url_decode("hello%20world") == "hello world");
    CHECK(url_decode("%2f%2F") == "//");
  }

  TEST_CASE("UTF-8 escapes decode to the same bytes") {
    CHECK(url_decode("caf%C3%A9") == "caf\xC3\xA9");
    CHECK(url_decode("\xC3\xA9") == "\xC3\xA9");  // raw UTF-8 kept as it is
  }

  TEST_CASE("a plus sign stays a plus sign (it is a space only in form bodies)") {
    CHECK(url_decode("a+b") == "a+b");
  }

  TEST_CASE("a truncated or non-hex escape is rejected") {
    CHECK_FALSE(url_decode("%").has_value());
    CHECK_FALSE(url_decode("abc%2").has_value());
    CHECK_FALSE(url_decode("%zz").has_value());
    CHECK_FALSE(url_decode("%2g").has_value());
  }
}

TEST_SUITE("common/scan_head") {
  TEST_CASE("a head is complete at the blank line, and its length includes it") {
    const std::string head = "GET /1/a HTTP/1.1\r\nHost: x\r\n\r\n";
    auto scan = scan_head(head + "GET /next", kLimits);
    REQUIRE(std::holds_alternative<HeadComplete>(scan));
    CHECK(std::get<HeadComplete>(scan).length == head.size());
  }

  TEST_CASE("a head without headers is complete too") {
    auto scan = scan_head("GET /1/a HTTP/1.1\r\n\r\n", kLimits);
    REQUIRE(std::holds_alternative<HeadComplete>(scan));
    CHECK(std::get<HeadComplete>(scan).length == 21);
  }

  TEST_CASE("a partial head asks for more") {
    CHECK(std::holds_alternative<Incomplete>(scan_head("GET /1/a HT", kLimits)));
    CHECK(std::holds_alternative<Incomplete>(scan_head("GET /1/a HTTP/1.1\r\nHost: x\r\n", kLimits)));
  }

  TEST_CASE("a request target over the limit is a 414 before the line even ends") {
    const std::string line = "GET /1/" + std::string(kLimits.max_target + 100, 'a');
    auto scan = scan_head(line, kLimits);
    REQUIRE(std::holds_alternative<Rejection>(scan));
    CHECK(std::get<Rejection>(scan).status == 414);
    auto complete = scan_head(line + " HTTP/1.1\r\n\r\n", kLimits);
    REQUIRE(std::holds_alternative<Rejection>(complete));
    CHECK(std::get<Rejection>(complete).status == 414);
  }

  TEST_CASE("a target exactly at the limit is accepted") {
    const std::string target = "/1/" + std::string(kLimits.max_target - 3, 'a');
    auto scan = scan_head("GET " + target + " HTTP/1.1\r\n\r\n", kLimits);
    CHECK(std::holds_alternative<HeadComplete>(scan));
  }

  TEST_CASE("a header block over the limit is a 431, complete or not") {
    const std::string big = "GET /1/a HTTP/1.1\r\nX: " + std::string(kLimits.max_head, 'b') + "\r\n";
    auto partial = scan_head(big, kLimits);
    REQUIRE(std::holds_alternative<Rejection>(partial));
    CHECK(std::get<Rejection>(partial).status == 431);
    auto complete = scan_head(big + "\r\n", kLimits);
    REQUIRE(std::holds_alternative<Rejection>(complete));
    CHECK(std::get<Rejection>(complete).status == 431);
  }
}

TEST_SUITE("common/parse_head") {
  TEST_CASE("GET /{delay}/{message} gives the delay and the decoded message") {
    auto request = accept_head("GET /300/hello%20world HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(request.delay_ms == 300);
    CHECK(request.message == "hello world");
    CHECK(request.keep_alive);
  }

  TEST_CASE("Connection: close turns keep-alive off, in any case and among other options") {
    CHECK_FALSE(accept_head("GET /1/a HTTP/1.1\r\nConnection: close\r\n\r\n").keep_alive);
    CHECK_FALSE(accept_head("GET /1/a HTTP/1.1\r\nconnection: Upgrade, CLOSE\r\n\r\n").keep_alive);
    CHECK(accept_head("GET /1/a HTTP/1.1\r\nConnection: keep-alive\r\n\r\n").keep_alive);
  }

  TEST_CASE("HTTP/1.0 closes after the response") {
    CHECK_FALSE(accept_head("GET /1/a HTTP/1.0\r\n\r\n").keep_alive);
  }

  TEST_CASE("a query string is ignored") { CHECK(accept_head("GET /5/a?x=1 HTTP/1.1\r\n\r\n").message == "a"); }

  TEST_CASE("a zero delay is allowed") { CHECK(accept_head("GET /0/now HTTP/1.1\r\n\r\n").delay_ms == 0); }

  TEST_CASE("malformed request lines are 400") {
    for (const char* head : {"GET /1/a\r\n\r\n", "GET  /1/a HTTP/1.1\r\n\r\n", "GET /1/a HTTP/1.1 x\r\n\r\n",
                             "\r\n\r\n", "G(T /1/a HTTP/1.1\r\n\r\n", "GET /1/a FTP/1.1\r\n\r\n",
                             "\x01\x02\xff\xfe garbage\r\n\r\n"}) {
      CAPTURE(head);
      CHECK(reject_head(head).status == 400);
    }
  }

  TEST_CASE("another HTTP version is 505") { CHECK(reject_head("GET /1/a HTTP/2.0\r\n\r\n").status == 505); }

  TEST_CASE("a header line without a colon is 400") {
    CHECK(reject_head("GET /1/a HTTP/1.1\r\nno colon here\r\n\r\n").status == 400);
  }

  TEST_CASE("non-numeric, negative and overflowing delays are 400") {
    for (const char* target : {"/abc/x", "/-5/x", "/1.5/x", "/99999999999999999999999/x"}) {
      CAPTURE(target);
      CHECK(reject_head(std::string("GET ") + target + " HTTP/1.1\r\n\r\n").status == 400);
    }
  }

  TEST_CASE("a delay above the maximum is 400 and the reason names the maximum") {
    auto rejection = reject_head("GET /60001/x HTTP/1.1\r\n\r\n");
    CHECK(rejection.status == 400);
    CHECK(rejection.reason.find("60000") != std::string::npos);
    CHECK(accept_head("GET /60000/x HTTP/1.1\r\n\r\n").delay_ms == 60000);
  }

  TEST_CASE("an invalid escape in the message is 400") {
    CHECK(reject_head("GET /1/bad%zz HTTP/1.1\r\n\r\n").status == 400);
  }

  TEST_CASE("other path shapes are 404") {
    for (const char* target : {"/", "/100", "/100/", "/1/2/3", "//x", "*"}) {
      CAPTURE(target);
      CHECK(reject_head(std::string("GET ") + target + " HTTP/1.1\r\n\r\n").status == 404);
    }
  }

  TEST_CASE("a method other than GET is 405") {
    CHECK(reject_head("POST /1/a HTTP/1.1\r\n\r\n").status == 405);
    CHECK(reject_head("DELETE /1/a HTTP/1.1\r\n\r\n").status == 405);
  }
}

TEST_SUITE("common/format_response") {
  TEST_CASE("a response carries length, type and, when closing, Connection: close") {
    CHECK(format_response(200, "hi", false) ==
          "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 2\r\n\r\nhi");
    CHECK(format_response(404, "no\n", true).find("\r\nConnection: close\r\n") != std::string::npos);
    CHECK(format_response(405, "", true).find("\r\nAllow: GET\r\n") != std::string::npos);
  }
}
