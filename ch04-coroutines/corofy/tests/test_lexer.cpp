// The lexer must never mistake a comment or a literal for code: that is how
// corofy leaves alone the `coroutine` and `.wait` that are only text.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "diagnostic.hpp"
#include "lexer.hpp"

using corofy::lex;
using corofy::TokenKind;

namespace {
std::vector<std::string> texts(std::string_view source) {
  std::vector<std::string> out;
  for (const corofy::Token& t : lex(source)) out.emplace_back(t.text);
  return out;
}
}  // namespace

TEST_SUITE("ch04/corofy/lexer") {
  TEST_CASE("coroutine and .wait inside comments and literals are not tokens") {
    const auto tokens = texts(R"src(// coroutine x.wait;
/* coroutine
   y.wait; */
a = "coroutine z.wait;";
b = R"d(coroutine ")" w.wait;)d";
c = '.';
)src");
    CHECK(tokens == std::vector<std::string>{"a", "=", "\"coroutine z.wait;\"", ";", "b", "=",
                                             "R\"d(coroutine \")\" w.wait;)d\"", ";", "c", "=", "'.'", ";"});
  }

  TEST_CASE("a digit separator belongs to its number, it does not open a character literal") {
    const auto tokens = lex("1'000'000 + 'x' + 0x1F'FFu + 1.5e-3");
    REQUIRE(tokens.size() == 7);
    CHECK(tokens[0].kind == TokenKind::Number);
    CHECK(tokens[0].text == "1'000'000");
    CHECK(tokens[2].kind == TokenKind::Char);
    CHECK(tokens[4].text == "0x1F'FFu");
    CHECK(tokens[6].text == "1.5e-3");
  }

  TEST_CASE("a raw string ends only at its own delimiter") {
    const auto tokens = lex("R\"x(a )\" b)y\" c)x\" tail");
    REQUIRE(tokens.size() == 2);
    CHECK(tokens[0].kind == TokenKind::String);
    CHECK(tokens[0].text == "R\"x(a )\" b)y\" c)x\"");
    CHECK(tokens[1].text == "tail");
  }

  TEST_CASE("string and character literals take encoding prefixes and user-defined suffixes") {
    const auto tokens = lex(R"t(u8"a" L'b' "c"s uR"(d)" U'\'')t");
    REQUIRE(tokens.size() == 5);
    for (const auto& t : tokens) CHECK(t.kind != TokenKind::Identifier);
    CHECK(tokens[2].text == "\"c\"s");
    CHECK(tokens[4].text == "U'\\''");
  }

  TEST_CASE("an escaped quote does not end a string") {
    CHECK(texts(R"("a\"b.wait;" x)") == std::vector<std::string>{R"("a\"b.wait;")", "x"});
  }

  TEST_CASE("a preprocessor line is one token, its continuation lines included") {
    const auto tokens = lex("#define WAIT(x) x.wait; \\\n  coroutine\nint y;");
    REQUIRE(tokens.size() == 4);
    CHECK(tokens[0].kind == TokenKind::Directive);
    CHECK(tokens[0].text == "#define WAIT(x) x.wait; \\\n  coroutine");
    CHECK(tokens[1].text == "int");
  }

  TEST_CASE("a backslash before CRLF continues a directive and a string literal too") {
    const auto tokens = lex("#define OPEN { \\\r\n  coroutine\r\nint y = \"a\\\r\nb\";\r\n");
    REQUIRE(tokens.size() == 6);
    CHECK(tokens[0].kind == TokenKind::Directive);
    CHECK(tokens[0].text == "#define OPEN { \\\r\n  coroutine");
    CHECK(tokens[1].text == "int");
    CHECK(tokens[4].kind == TokenKind::String);
    CHECK(tokens[4].where == corofy::Location{3, 9});
  }

  TEST_CASE("a byte-order mark at the start is skipped: line 1 still starts at column 1") {
    const auto tokens = lex("\xEF\xBB\xBF#include <x>\nint y;");
    REQUIRE(tokens.size() == 4);
    CHECK(tokens[0].kind == TokenKind::Directive);
    CHECK(tokens[0].text == "#include <x>");
    CHECK(tokens[0].where == corofy::Location{1, 1});
  }

  TEST_CASE("a closing >> of two templates is two tokens") {
    CHECK(texts("std::vector<std::vector<int>> v;") ==
          std::vector<std::string>{"std", "::", "vector", "<", "std", "::", "vector", "<", "int", ">", ">", "v", ";"});
  }

  TEST_CASE("every token knows its line and column, counted from 1") {
    const auto tokens = lex("a\n  /* x */ bb\n\tc");
    REQUIRE(tokens.size() == 3);
    CHECK(tokens[1].where == corofy::Location{2, 11});
    CHECK(tokens[2].where == corofy::Location{3, 2});
    CHECK(tokens[1].offset == 12);
  }
}
