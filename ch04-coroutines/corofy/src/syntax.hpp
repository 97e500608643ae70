// The parsed file: tokens, matched brackets, and the coroutines in it.
//
// corofy is not a C++ compiler. It needs three things from the syntax: where
// each `coroutine` function starts and ends, the function's signature (return
// type, name, parameters), and the statements of its body (statements.hpp).
// Everything else is copied through as text.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "lexer.hpp"

namespace corofy {

inline constexpr std::size_t kNoMatch = std::numeric_limits<std::size_t>::max();

// How deep brackets, and statements inside a coroutine, may nest. corofy
// walks nested code recursively; past this depth it refuses the file, at the
// token that goes one level deeper, instead of running out of stack.
inline constexpr std::size_t kMaxNesting = 256;

// The error for that token.
[[nodiscard]] Diagnostic too_deep(const Token& at);

// A lexed file whose brackets are known to balance.
struct SourceFile {
  std::string_view text;
  std::vector<Token> tokens;
  std::vector<std::size_t> match;  // for ( [ { ) ] }: the index of its partner; else kNoMatch

  // Lexes `text` and matches (), [] and {}. Throws RewriteError for a
  // literal or comment left open, a bracket without its partner, or brackets
  // nested deeper than kMaxNesting.
  explicit SourceFile(std::string_view source);

  // The source text from the start of token `first` to the end of token `last`.
  [[nodiscard]] std::string_view span(std::size_t first, std::size_t last) const;
  // The same tokens on one line, one space where the source had whitespace
  // (for comments that quote code).
  [[nodiscard]] std::string one_line(std::size_t first, std::size_t last) const;
  [[nodiscard]] bool is(std::size_t i, std::string_view text) const { return i < tokens.size() && tokens[i].is(text); }
};

// C++ keywords that can never be the name of a variable or a type.
[[nodiscard]] bool is_keyword(std::string_view word);
// Keywords that name a fundamental type: int, unsigned, double...
[[nodiscard]] bool is_type_keyword(std::string_view word);

// From `<` at index `open`, the index just past its matching `>`, counting
// nested angles and skipping bracketed groups; kNoMatch when a `;`, `{` or the
// end `limit` comes first (then it was a less-than, not a template).
[[nodiscard]] std::size_t skip_angles(const SourceFile& file, std::size_t open, std::size_t limit);

struct Parameter {
  std::string type;         // as written: "const std::string&"
  std::string name;         // empty for an unnamed parameter
  std::size_t first = 0;    // tokens of the whole parameter, default argument included
  std::size_t last = 0;
  std::size_t type_last = 0;  // the type is first..type_last
  std::size_t name_token = kNoMatch;
  std::size_t reference = kNoMatch;  // the `&` or `&&` token when it is a reference
};

// `[specifiers] coroutine [specifiers] TYPE NAME(PARAMS) { BODY }`, or the
// same ending in `;`: a declaration, rewritten into the factory's declaration.
struct CoroutineDefinition {
  std::size_t first = 0;      // first token rewritten (a specifier or `coroutine`)
  std::size_t keyword = 0;    // the `coroutine` token
  std::size_t last = 0;       // the body's `}` (or the declaration's `;`)
  std::vector<std::string> specifiers;  // [[attributes]], static, inline: kept on the factory
  std::size_t type_first = 0, type_last = 0;  // the return type's tokens
  std::size_t name = 0;       // the name's token
  std::size_t params_open = 0;  // `(` of the parameter list
  std::vector<Parameter> params;
  bool has_body = false;
  std::size_t body_open = 0;  // `{` and its `}` (== last)
};

// Every coroutine in `file`, in order. Throws RewriteError for a `coroutine`
// that is not a namespace-scope function definition or declaration, and for
// a `.wait` (not a call `.wait(...)`) outside any coroutine's body.
[[nodiscard]] std::vector<CoroutineDefinition> find_coroutines(const SourceFile& file);

}  // namespace corofy
