#include <doctest/doctest.h>

#include "common/http.hpp"

using common::split_response;

TEST_SUITE("common/http") {
  TEST_CASE("the GET request names the path and host and asks to close") {
    CHECK(common::get_request("/600/hi", "127.0.0.1:8080") ==
          "GET /600/hi HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nConnection: close\r\n\r\n");
  }

  TEST_CASE("a response splits into status, reason, headers and body") {
    auto r = split_response("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello");
    CHECK(r.status == 200);
    CHECK(r.reason == "OK");
    REQUIRE(r.headers.size() == 2);
    CHECK(r.header("content-type") == "text/plain");
    CHECK(r.body == "hello");
    CHECK_FALSE(r.header("X-Missing").has_value());
  }

  TEST_CASE("the body is cut to Content-Length, and taken whole without one") {
    CHECK(split_response("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhello").body == "he");
    CHECK(split_response("HTTP/1.0 404 Not Found\r\n\r\nnothing here").body == "nothing here");
  }

  TEST_CASE("a response shorter than its Content-Length is an error") {
    CHECK_THROWS_AS((void)split_response("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello"),
                    common::HttpParseError);
  }

  TEST_CASE("text that is not a response is an error") {
    CHECK_THROWS_AS((void)split_response("hello"), common::HttpParseError);
    CHECK_THROWS_AS((void)split_response("HTTP/1.1 2x0 OK\r\n\r\n"), common::HttpParseError);
    CHECK_THROWS_AS((void)split_response("HTTP/1.1 200 OK\r\nbroken\r\n\r\n"), common::HttpParseError);
  }
}
