// Moving code around as text: small edits, re-indenting, quoting in comments.
//
// corofy copies the code between waits into the generated states character
// for character (your comments and layout included), except for a few edits:
// a `return` becomes `return resolve_(...)`, a local that became a member
// loses its type. The copy is then re-indented to its new depth, leaving alone
// the lines that begin inside a multi-line string literal (re-indenting those
// would change the string).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace corofy {

struct Edit {
  std::size_t begin;  // offsets in the source: replace [begin, end) with `text`
  std::size_t end;
  std::string text;
};

// source[begin, end) with `edits` (which must lie inside it and not overlap) applied.
[[nodiscard]] std::string apply_edits(std::string_view source, std::size_t begin, std::size_t end,
                                      std::vector<Edit> edits);

// `code`'s lines without the blank ones at either end, moved so the least
// indented line starts at `indent`. Each line ends with '\n'.
[[nodiscard]] std::string reindent(std::string_view code, std::string_view indent);

// `text` with its second and later lines moved `delta` columns right (left
// when negative, never past their indentation), except lines that begin
// inside a string literal. For code whose first line moved by `delta`.
[[nodiscard]] std::string shift_continuation(std::string_view text, long delta);

// `words` filled into lines of at most `width` characters, each starting with
// `prefix` ("// ") and ending with '\n'.
[[nodiscard]] std::string wrap(std::string_view words, std::string_view prefix, std::size_t width = 80);

// Every line of `text` prefixed with `prefix` ("// "), '\n' after each; a
// line ending in a backslash gets a mark after it, so it splices nothing.
[[nodiscard]] std::string comment_lines(std::string_view text, std::string_view prefix);

// From `pos`, skips spaces, tabs and comments; when that reaches the end of
// the line (before `limit`), returns the newline's offset, else `pos`. So a
// statement's span takes its trailing comment along.
[[nodiscard]] std::size_t through_end_of_line(std::string_view source, std::size_t pos, std::size_t limit);

}  // namespace corofy
