// The statements of a coroutine's body, as far as corofy needs them.
//
// A wait may only stand at the top level of the body, so the body is split
// into its top-level statements. Nested statements are walked too, for three
// reasons: a wait hidden in a loop, a branch or a lambda must be reported
// with the construct it is in; every `return` of the coroutine itself (not
// of a lambda inside it) must be rewritten; and a preprocessor line inside
// the body must be refused.
#pragma once

#include <cstddef>
#include <vector>

#include "syntax.hpp"

namespace corofy {

// The constructs a wait can be hidden in.
enum class Construct { Loop, Branch, Try, Block, Lambda, Braces, Parentheses };

struct Enclosing {
  Construct kind;
  std::size_t keyword;  // the token that opens it: `for`, `if`, `{`, `[`...
  std::size_t first;    // its tokens
  std::size_t last;
};

struct Statement {
  std::size_t first;  // tokens, `;` or `}` included
  std::size_t last;
  bool simple;  // an expression or declaration (not if/for/while/switch/try/{...})
};

struct Body {
  std::vector<Statement> statements;   // the top level, in order
  std::vector<Enclosing> constructs;   // every nested construct, outermost first
  std::vector<std::size_t> returns;    // `return` tokens that leave the coroutine
  std::vector<std::size_t> waits;      // `wait` tokens after a `.`, not followed by `(`
};

// Splits the body between the braces `open` and `close`. Throws RewriteError
// for a preprocessor line inside it.
[[nodiscard]] Body parse_body(const SourceFile& file, std::size_t open, std::size_t close);

// The innermost construct around token `i`, or nullptr at the top level.
[[nodiscard]] const Enclosing* innermost(const Body& body, std::size_t i);

}  // namespace corofy
