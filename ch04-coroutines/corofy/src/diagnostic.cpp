#include "diagnostic.hpp"

#include <string>
#include <utility>

namespace corofy {

namespace {
std::string summary(const std::vector<Diagnostic>& diagnostics) {
  if (diagnostics.empty()) return "corofy: rewrite failed";
  const Diagnostic& first = diagnostics.front();
  return std::to_string(first.where.line) + ":" + std::to_string(first.where.column) + ": " + first.message;
}

std::string prefix(std::string_view file, Location where) {
  return std::string(file) + ":" + std::to_string(where.line) + ":" + std::to_string(where.column) + ": ";
}

// The GCC layout: "   12 | text" and "      |    ^". Tabs in the gutter's
// copy of the line are kept, so the caret lines up in a terminal too.
std::string excerpt(std::string_view source, Location where) {
  const std::string_view text = source_line(source, where.line);
  const std::string number = std::to_string(where.line);
  const std::string gutter = std::string(number.size() < 5 ? 5 - number.size() : 0, ' ');
  std::string out = gutter + number + " | " + std::string(text) + "\n";
  out += std::string(gutter.size() + number.size(), ' ') + " | ";
  const auto column = static_cast<std::size_t>(where.column > 0 ? where.column - 1 : 0);
  for (std::size_t i = 0; i < column && i < text.size(); ++i) out += text[i] == '\t' ? '\t' : ' ';
  out += "^\n";
  return out;
}
}  // namespace

RewriteError::RewriteError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(summary(diagnostics)), diagnostics_(std::move(diagnostics)) {}

RewriteError::RewriteError(Diagnostic diagnostic) : RewriteError(std::vector<Diagnostic>{std::move(diagnostic)}) {}

std::string quote(std::string_view name) {
  std::string out(1, '\'');
  out += name;
  out += '\'';
  return out;
}

std::string_view source_line(std::string_view source, int line) {
  std::size_t start = 0;
  for (int current = 1; current < line; ++current) {
    const std::size_t newline = source.find('\n', start);
    if (newline == std::string_view::npos) return {};
    start = newline + 1;
  }
  const std::size_t end = source.find('\n', start);
  std::string_view text = source.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  if (line == 1 && text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a byte-order mark
  if (text.ends_with('\r')) text.remove_suffix(1);
  return text;
}

std::string format(const Diagnostic& diagnostic, std::string_view file, std::string_view source) {
  std::string out = prefix(file, diagnostic.where) + "error: " + diagnostic.message + "\n";
  if (diagnostic.where.line > 0) out += excerpt(source, diagnostic.where);
  for (const Note& note : diagnostic.notes) {
    // A note without a place of its own belongs to the error's place.
    const Location where = note.where.line > 0 ? note.where : diagnostic.where;
    out += prefix(file, where) + "note: " + note.message + "\n";
    if (note.where.line > 0 && note.where != diagnostic.where) out += excerpt(source, note.where);
  }
  return out;
}

}  // namespace corofy
