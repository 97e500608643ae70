#include <doctest/doctest.h>

#include "url_decode.hpp"

using exercise::url_decode;

TEST_SUITE("exercise/00-url-decode") {
  TEST_CASE("text without escapes is unchanged") { CHECK(url_decode("plain-text_1.2~") == "plain-text_1.2~"); }

  TEST_CASE("%20 is a space") { CHECK(url_decode("hello%20world") == "hello world"); }

  TEST_CASE("hex digits may be upper or lower case") { CHECK(url_decode("%2F%2f") == "//"); }

  TEST_CASE("escaped UTF-8 becomes the same bytes") { CHECK(url_decode("%E2%9C%93") == "\xE2\x9C\x93"); }

  TEST_CASE("%25 is a literal percent sign, not the start of another escape") {
    CHECK(url_decode("100%2541") == "100%41");
  }

  TEST_CASE("a '%' without two hex digits after it is an error") {
    CHECK_FALSE(url_decode("%").has_value());
    CHECK_FALSE(url_decode("50%").has_value());
    CHECK_FALSE(url_decode("%4").has_value());
    CHECK_FALSE(url_decode("%xy").has_value());
  }

  TEST_CASE("a '%' followed by a sign or a space is an error") {
    // A number parser (std::stoi, strtol) accepts these; "two hex digits" does not.
    CHECK_FALSE(url_decode("%+1").has_value());
    CHECK_FALSE(url_decode("%-1").has_value());
    CHECK_FALSE(url_decode("% 1").has_value());
    CHECK_FALSE(url_decode("%1 ").has_value());
  }

  TEST_CASE("a plus sign stays a plus sign") {
    // '+' means a space only in HTML form bodies, never in a URL path.
    CHECK(url_decode("a+b") == "a+b");
    CHECK(url_decode("%2B+") == "++");
  }
}
