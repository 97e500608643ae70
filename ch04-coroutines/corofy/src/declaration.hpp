// Recognising a local variable's declaration in a statement.
//
// A local that lives across a wait becomes a member of the state machine, and
// a member needs a type. corofy reads the type from the declaration as
// written: `std::string txt = ...;`, `std::vector<int> v{1, 2};`,
// `Timeline timeline(options);`. It does not look types up, so `auto`,
// `decltype(...)` and structured bindings are recognised only to be refused
// when such a local lives across a wait.
//
// As in C++ itself, `a * b;` reads as a declaration of a pointer `b`.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "syntax.hpp"

namespace corofy {

struct Declaration {
  enum class Init { None, Equals, Braces, Parentheses };

  std::size_t first = 0;       // the first token (a specifier or the type)
  std::size_t type_first = 0;  // the type's tokens, specifiers excluded
  std::size_t type_last = 0;
  std::size_t name = 0;        // the declared name's token
  Init init = Init::None;
  std::size_t init_token = 0;  // `=`, `{` or `(` after the name
  std::vector<std::size_t> bound_names;  // auto [a, b] = ...: the names

  std::size_t deduced = kNoMatch;    // the `auto` or `decltype` token
  std::size_t reference = kNoMatch;  // the `&`/`&&` making it a reference
  std::size_t pointer = kNoMatch;    // the `*` making it a pointer
  std::size_t static_storage = kNoMatch;  // `static`, `thread_local` or `extern`
  std::size_t array = kNoMatch;      // `[` after the name
  std::size_t second_declarator = kNoMatch;  // the `,` of `int a = 1, b = 2;`

  // The type as a member of the state machine: the text of the type with a
  // leading or trailing `const` (and `constexpr`) dropped, since a member is
  // assigned after it is constructed.
  [[nodiscard]] std::string member_type(const SourceFile& file) const;
};

// Reads tokens first..last (the statement without its `;`) as a declaration
// of one local, or nullopt when it is not one.
[[nodiscard]] std::optional<Declaration> parse_declaration(const SourceFile& file, std::size_t first,
                                                           std::size_t last);

}  // namespace corofy
