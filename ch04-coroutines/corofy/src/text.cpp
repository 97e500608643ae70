#include "text.hpp"

#include <algorithm>
#include <set>

#include "lexer.hpp"

namespace corofy {

namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (;;) {
    const std::size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) {
      lines.push_back(text.substr(start));
      return lines;
    }
    lines.push_back(text.substr(start, newline - start));
    start = newline + 1;
  }
}

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

std::size_t indentation(std::string_view line) {
  const std::size_t n = line.find_first_not_of(" \t");
  return n == std::string_view::npos ? line.size() : n;
}

// 0-based numbers of the lines of `code` that begin inside a string literal.
std::set<std::size_t> lines_inside_literals(std::string_view code) {
  std::set<std::size_t> inside;
  try {
    for (const Token& t : lex(code)) {
      if (t.kind != TokenKind::String && t.kind != TokenKind::Char) continue;
      const auto newlines = static_cast<std::size_t>(std::count(t.text.begin(), t.text.end(), '\n'));
      for (std::size_t k = 1; k <= newlines; ++k) inside.insert(static_cast<std::size_t>(t.where.line - 1) + k);
    }
  } catch (const std::exception&) {
    // The copy is whole statements, so it lexes; if not, re-indent every line.
  }
  return inside;
}

}  // namespace

std::string apply_edits(std::string_view source, std::size_t begin, std::size_t end, std::vector<Edit> edits) {
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.begin < b.begin; });
  std::string out;
  std::size_t pos = begin;
  for (const Edit& e : edits) {
    out += source.substr(pos, e.begin - pos);
    out += e.text;
    pos = e.end;
  }
  out += source.substr(pos, end - pos);
  return out;
}

std::string reindent(std::string_view code, std::string_view indent) {
  const std::vector<std::string_view> lines = split_lines(code);
  const std::set<std::size_t> literal = lines_inside_literals(code);
  std::size_t first = 0;
  std::size_t last = lines.size();
  while (first < last && is_blank(lines[first])) ++first;
  while (last > first && is_blank(lines[last - 1]) && !literal.contains(last - 1)) --last;
  std::size_t strip = std::string_view::npos;
  for (std::size_t i = first; i < last; ++i) {
    if (!literal.contains(i) && !is_blank(lines[i])) strip = std::min(strip, indentation(lines[i]));
  }
  std::string out;
  for (std::size_t i = first; i < last; ++i) {
    if (literal.contains(i)) {
      out += lines[i];
    } else if (!is_blank(lines[i])) {
      out += indent;
      out += lines[i].substr(std::min(strip, indentation(lines[i])));
    }
    out += '\n';
  }
  return out;
}

std::string shift_continuation(std::string_view text, long delta) {
  const std::vector<std::string_view> lines = split_lines(text);
  const std::set<std::size_t> literal = lines_inside_literals(text);
  std::string out(lines.front());
  for (std::size_t i = 1; i < lines.size(); ++i) {
    out += '\n';
    if (literal.contains(i) || is_blank(lines[i])) {
      out += literal.contains(i) ? lines[i] : std::string_view();
    } else if (delta >= 0) {
      out += std::string(static_cast<std::size_t>(delta), ' ');
      out += lines[i];
    } else {
      out += lines[i].substr(std::min(static_cast<std::size_t>(-delta), indentation(lines[i])));
    }
  }
  return out;
}

std::string wrap(std::string_view words, std::string_view prefix, std::size_t width) {
  std::string out;
  std::string line(prefix);
  std::size_t start = 0;
  while (start < words.size()) {
    std::size_t end = words.find(' ', start);
    if (end == std::string_view::npos) end = words.size();
    const std::string_view word = words.substr(start, end - start);
    if (line.size() > prefix.size() && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line = prefix;
    }
    if (line.size() > prefix.size()) line += ' ';
    line += word;
    start = end + 1;
  }
  return out + line + "\n";
}

std::string comment_lines(std::string_view text, std::string_view prefix) {
  std::string out;
  for (std::string_view line : split_lines(text)) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
    out += line.empty() ? std::string(prefix.substr(0, prefix.find_last_not_of(' ') + 1)) : std::string(prefix);
    out += line;
    if (line.ends_with('\\')) out += " (continued)";
    out += '\n';
  }
  return out;
}

std::size_t through_end_of_line(std::string_view source, std::size_t pos, std::size_t limit) {
  std::size_t i = pos;
  while (i < limit) {
    if (source[i] == ' ' || source[i] == '\t' || source[i] == '\r') {
      ++i;
    } else if (source.substr(i, 2) == "//") {
      const std::size_t newline = source.find('\n', i);
      return newline == std::string_view::npos || newline > limit ? pos : newline;
    } else if (source.substr(i, 2) == "/*") {
      const std::size_t close = source.find("*/", i + 2);
      if (close == std::string_view::npos || close + 2 > limit) return pos;
      i = close + 2;
    } else {
      return source[i] == '\n' ? i : pos;
    }
  }
  return pos;
}

}  // namespace corofy
