// Diagnostics: what corofy says when it cannot rewrite a file.
//
// corofy never writes code it is not sure of. When it meets something it
// cannot rewrite it stops with one or more errors in the format compilers
// and editors understand, each with the offending line and a caret:
//
//   main.coro.cpp:12:22: error: a wait inside a loop cannot be rewritten
//      12 |     std::string txt = async::Http::get(path).wait;
//         |                                              ^
//   main.coro.cpp:12:22: note: corofy makes one state per wait ...
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace corofy {

// 1-based, as editors count. Columns count bytes, so a tab is one column.
struct Location {
  int line = 0;
  int column = 0;
  friend bool operator==(const Location&, const Location&) = default;
};

struct Note {
  Location where;
  std::string message;
};

struct Diagnostic {
  Location where;
  std::string message;
  std::vector<Note> notes;  // hints and related places, printed after it
};

// Thrown by every stage (lexer, parser, analysis) with all it found; the
// driver prints them and exits with status 1, writing nothing.
class RewriteError : public std::runtime_error {
 public:
  explicit RewriteError(std::vector<Diagnostic> diagnostics);
  explicit RewriteError(Diagnostic diagnostic);

  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

// "file:line:col: error: message", the source line with a caret under the
// column, then each note as "file:line:col: note: message". Ends with '\n'.
[[nodiscard]] std::string format(const Diagnostic& diagnostic, std::string_view file, std::string_view source);

// 'name', in quotes, for messages. (Built by appending: GCC 12 at -O3 warns
// falsely about "'" + std::string(...), GCC bug 105329.)
[[nodiscard]] std::string quote(std::string_view name);

// The text of 1-based line `line` of `source`, without its newline.
[[nodiscard]] std::string_view source_line(std::string_view source, int line);

}  // namespace corofy
