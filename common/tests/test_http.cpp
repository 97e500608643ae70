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

  TEST_CASE("a response is complete once its headers and Content-Length bytes of body are in, not before") {
    const std::string whole = "HTTP/1.1 200 OK\r\ncontent-length: 5\r\nContent-Type: text/plain\r\n\r\nhello";
    for (std::size_t cut = 0; cut < whole.size(); ++cut) {
      CHECK_MESSAGE(!common::response_complete(std::string_view(whole).substr(0, cut)), "cut at " << cut);
    }
    CHECK(common::response_complete(whole));
    CHECK(common::response_complete(whole + "extra"));  // more than announced: the response itself is complete
    CHECK(common::response_complete("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"));
  }

  TEST_CASE("without Content-Length, or with a malformed one, only the end of the stream completes a response") {
    const std::string no_length = "HTTP/1.0 200 OK\r\n\r\nbody";
    CHECK_FALSE(common::response_complete(no_length));
    CHECK(common::response_complete(no_length, /*at_eof=*/true));
    const std::string bad = "HTTP/1.1 200 OK\r\nContent-Length: 5x\r\n\r\nhello";
    CHECK_FALSE(common::response_complete(bad));
    CHECK(common::response_complete(bad, true));  // then split_response says what is wrong
    CHECK_FALSE(common::response_complete("HTTP/1.1 200 OK\r\nContent-Len", true));  // headers never ended
  }
}
