// The lexer: C++ source text to tokens, enough C++ to never be fooled.
//
// corofy rewrites two words, `coroutine` and `.wait`, so it must know when
// those letters are *not* code: inside a comment, a string literal, a raw
// string literal (R"x( ... )x"), a character literal, or a preprocessor
// line. The lexer recognises all of those (and digit separators, 1'000, which
// look like the start of a character literal) and hands the parser only real
// tokens, each with its place in the file. Comments produce no token.
//
// A line ends in "\n" or "\r\n"; a backslash before either continues a
// directive or a string literal onto the next line.
//
// Simplified: no trigraphs (gone since C++17), no line splices outside
// literals and directives, no universal character names in identifiers.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "diagnostic.hpp"

namespace corofy {

enum class TokenKind {
  Identifier,  // names and keywords: corofy tells them apart where it matters
  Number,      // 42, 1'000, 0x1Fu, 1.5e-3
  String,      // "...", u8"...", R"d(...)d", with any suffix ("abc"s)
  Char,        // 'a', u'\n'
  Punct,       // operators and punctuation: ::  ->  {  ;  ...
  Directive,   // a whole preprocessor line: #include <x>, with its continuations
};

struct Token {
  TokenKind kind;
  std::string_view text;  // a view into the source: the source must outlive it
  std::size_t offset;     // of the first byte
  Location where;         // of the first byte

  [[nodiscard]] std::size_t end() const { return offset + text.size(); }
  [[nodiscard]] bool is(std::string_view punct_or_word) const {
    return (kind == TokenKind::Punct || kind == TokenKind::Identifier) && text == punct_or_word;
  }
};

// The UTF-8 byte-order mark some editors put at the start of a file. The
// lexer skips it (line 1 still starts at column 1); the rewrite keeps it at
// the very start of its output.
inline constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Every token of `source`, in order. Throws RewriteError for an unterminated
// comment, string, raw string or character literal, pointing at its start.
[[nodiscard]] std::vector<Token> lex(std::string_view source);

}  // namespace corofy
