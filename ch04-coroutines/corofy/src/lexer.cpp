#include "lexer.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace corofy {

namespace {

bool is_identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)); }

// Longest first, so "<<=" wins over "<<" and "<". There is deliberately no
// ">>" or ">=": a `>` always stands alone, which is how the parser wants the
// end of `std::vector<std::vector<int>>`.
constexpr std::string_view kPunctuators[] = {
    "...", "<=>", "<<=", "->*", "::", "->", ".*", "++", "--", "<<", "<=", "==", "!=",
    "&&", "||", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "##"};

class Lexer {
 public:
  explicit Lexer(std::string_view source) : source_(source) {
    if (source_.starts_with(kByteOrderMark)) pos_ = kByteOrderMark.size();  // still column 1
  }

  std::vector<Token> run() {
    while (pos_ < source_.size()) {
      const char c = peek();
      if (c == '\n') {
        advance(1);
        line_start_ = true;
      } else if (std::isspace(static_cast<unsigned char>(c))) {
        advance(1);
      } else if (c == '/' && peek(1) == '/') {
        skip_line_comment();
      } else if (c == '/' && peek(1) == '*') {
        skip_block_comment();
      } else if (c == '#' && line_start_) {
        directive();
      } else {
        line_start_ = false;
        token();
      }
    }
    return std::move(tokens_);
  }

 private:
  [[nodiscard]] char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < source_.size() ? source_[pos_ + ahead] : '\0';
  }
  void advance(std::size_t n) {
    for (std::size_t i = 0; i < n && pos_ < source_.size(); ++i, ++pos_) {
      if (source_[pos_] == '\n') {
        ++where_.line;
        where_.column = 1;
      } else {
        ++where_.column;
      }
    }
  }
  [[noreturn]] static void fail(Location where, std::string message, std::string note = {}) {
    Diagnostic d{where, std::move(message), {}};
    if (!note.empty()) d.notes.push_back({{}, std::move(note)});
    throw RewriteError(std::move(d));
  }
  void emit(TokenKind kind, std::size_t start, Location where) {
    tokens_.push_back({kind, source_.substr(start, pos_ - start), start, where});
  }

  // At a backslash that ends its line ("\\\n" or "\\\r\n"): its length, else 1.
  [[nodiscard]] std::size_t splice() const {
    if (peek() != '\\') return 1;
    if (peek(1) == '\n') return 2;
    return peek(1) == '\r' && peek(2) == '\n' ? 3 : 1;
  }

  void skip_line_comment() {
    while (pos_ < source_.size() && peek() != '\n') advance(1);
  }
  void skip_block_comment() {
    const Location start = where_;
    const std::size_t close = source_.find("*/", pos_ + 2);
    if (close == std::string_view::npos) fail(start, "unterminated comment: this '/*' has no '*/'");
    advance(close + 2 - pos_);
  }

  // A whole `#...` line, continued by a backslash at the end of a line.
  void directive() {
    const std::size_t start = pos_;
    const Location where = where_;
    while (pos_ < source_.size() && peek() != '\n') {
      advance(splice());
    }
    std::string_view text = source_.substr(start, pos_ - start);
    if (text.ends_with('\r')) text.remove_suffix(1);  // a CRLF line's '\r' is not part of it
    tokens_.push_back({TokenKind::Directive, text, start, where});
  }

  void token() {
    const std::size_t start = pos_;
    const Location where = where_;
    const char c = peek();
    if (is_identifier_start(c)) {
      while (is_identifier_char(peek())) advance(1);
      const std::string_view word = source_.substr(start, pos_ - start);
      if (peek() == '"' && (word == "R" || word == "u8R" || word == "uR" || word == "UR" || word == "LR")) {
        return raw_string(start, where);
      }
      if ((peek() == '"' || peek() == '\'') && (word == "u8" || word == "u" || word == "U" || word == "L")) {
        return quoted(start, where);
      }
      return emit(TokenKind::Identifier, start, where);
    }
    if (is_digit(c) || (c == '.' && is_digit(peek(1)))) return number(start, where);
    if (c == '"' || c == '\'') return quoted(start, where);
    for (std::string_view p : kPunctuators) {
      if (source_.substr(pos_, p.size()) == p) {
        advance(p.size());
        return emit(TokenKind::Punct, start, where);
      }
    }
    advance(1);
    emit(TokenKind::Punct, start, where);
  }

  // A pp-number ([lex.ppnumber]): digits, letters, dots, exponent signs and
  // the digit separator ' between two digits or letters (1'000'000).
  void number(std::size_t start, Location where) {
    for (;;) {
      const char c = peek();
      if (is_identifier_char(c) || c == '.') {
        const bool exponent = c == 'e' || c == 'E' || c == 'p' || c == 'P';
        advance(1);
        if (exponent && (peek() == '+' || peek() == '-')) advance(1);
      } else if (c == '\'' && is_identifier_char(peek(1))) {
        advance(2);
      } else {
        break;
      }
    }
    emit(TokenKind::Number, start, where);
  }

  // "..." or '...' (the prefix, if any, is already consumed): a backslash
  // escapes the next character, a newline ends the line unterminated.
  void quoted(std::size_t start, Location where) {
    const char quote = peek();
    advance(1);
    for (;;) {
      const char c = peek();
      if (pos_ >= source_.size() || c == '\n') {
        fail(where, quote == '"' ? "unterminated string literal" : "unterminated character literal",
             "the line ends before the closing " + std::string(1, quote));
      }
      if (c == '\\') {
        advance(std::max<std::size_t>(splice(), 2));
      } else {
        advance(1);
        if (c == quote) break;
      }
    }
    suffix();
    emit(quote == '"' ? TokenKind::String : TokenKind::Char, start, where);
  }

  // R"delim( ... )delim": nothing inside is special, newlines included.
  void raw_string(std::size_t start, Location where) {
    advance(1);  // the quote
    const std::size_t paren = source_.find('(', pos_);
    const std::size_t line_end = source_.find('\n', pos_);
    if (paren == std::string_view::npos || (line_end != std::string_view::npos && line_end < paren) ||
        paren - pos_ > 16) {
      fail(where, "malformed raw string literal: expected up to 16 delimiter characters and '('");
    }
    // Built by appending: GCC 12 at -O3 warns falsely (-Wrestrict, GCC bug
    // 105329) about `")" + std::string(...)`.
    std::string closing(1, ')');
    closing += source_.substr(pos_, paren - pos_);
    closing += '"';
    const std::size_t end = source_.find(closing, paren + 1);
    if (end == std::string_view::npos) {
      fail(where, "unterminated raw string literal", "expected '" + closing + "' to close it");
    }
    advance(end + closing.size() - pos_);
    suffix();
    emit(TokenKind::String, start, where);
  }

  // A user-defined literal suffix: "abc"s, 'x'_c.
  void suffix() {
    if (is_identifier_start(peek())) {
      while (is_identifier_char(peek())) advance(1);
    }
  }

  std::string_view source_;
  std::size_t pos_ = 0;
  Location where_{1, 1};
  bool line_start_ = true;  // only whitespace so far on this line: a '#' starts a directive
  std::vector<Token> tokens_;
};

}  // namespace

std::vector<Token> lex(std::string_view source) { return Lexer(source).run(); }

}  // namespace corofy
