#include "signature.hpp"

#include <algorithm>
#include <string>
#include <utility>

namespace corofy {

namespace {

[[noreturn]] void fail(const Token& at, std::string message, std::string note = {}) {
  Diagnostic d{at.where, std::move(message), {}};
  if (!note.empty()) d.notes.push_back({{}, std::move(note)});
  throw RewriteError(std::move(d));
}

std::vector<Parameter> parse_parameters(const SourceFile& file, std::size_t open, std::size_t close) {
  std::vector<Parameter> params;
  if (close == open + 1 || (close == open + 2 && file.is(open + 1, "void"))) return params;
  std::size_t first = open + 1;
  std::size_t equals = kNoMatch;
  for (std::size_t i = open + 1; i <= close; ++i) {
    if (i < close && file.match[i] != kNoMatch) {
      i = file.match[i];
    } else if (i < close && equals == kNoMatch && file.is(i, "<")) {
      const std::size_t after = skip_angles(file, i, close);
      if (after != kNoMatch) i = after - 1;
    } else if (i < close && file.is(i, "=") && equals == kNoMatch) {
      equals = i;
    } else if (i == close || file.is(i, ",")) {
      const std::size_t end = equals == kNoMatch ? i : equals;  // the declaration ends here
      if (end == first) fail(file.tokens[i], "expected a parameter");
      Parameter p;
      p.first = first;
      p.last = i - 1;
      for (std::size_t k = first; k < end; ++k) {
        const Token& t = file.tokens[k];
        if (t.is("(") || t.is("[") || t.is("...")) {
          fail(t, "corofy cannot store this parameter: no function, array or variadic parameters",
               "give the type a name with `using` and take that");
        }
        if (t.is("<")) {
          const std::size_t after = skip_angles(file, k, end);
          if (after != kNoMatch) k = after - 1;
        } else if ((t.is("&") || t.is("&&")) && p.reference == kNoMatch) {
          p.reference = k;
        }
      }
      const Token& last = file.tokens[end - 1];
      const bool named = end - first >= 2 && last.kind == TokenKind::Identifier && !is_keyword(last.text) &&
                         !is_type_keyword(last.text) && !file.is(end - 2, "::");
      p.name = named ? std::string(last.text) : std::string();
      p.name_token = named ? end - 1 : kNoMatch;
      p.type_last = named ? end - 2 : end - 1;
      p.type = std::string(file.span(first, p.type_last));
      params.push_back(std::move(p));
      first = i + 1;
      equals = kNoMatch;
    }
  }
  return params;
}

// `[[...]]`, `static` or `inline` ending at token `i`: the index of its first token.
std::size_t specifier_start(const SourceFile& file, std::size_t i) {
  if (file.is(i, "static") || file.is(i, "inline")) return i;
  if (file.is(i, "]") && i >= 1 && file.is(i - 1, "]")) {
    const std::size_t inner = file.match[i - 1];
    if (inner != kNoMatch && inner >= 1 && file.is(inner - 1, "[") && file.match[inner - 1] == i) return inner - 1;
  }
  return kNoMatch;
}

}  // namespace

CoroutineDefinition parse_definition(const SourceFile& file, std::size_t keyword) {
  CoroutineDefinition def;
  def.keyword = keyword;
  def.first = keyword;
  while (def.first > 0) {
    const std::size_t start = specifier_start(file, def.first - 1);
    if (start == kNoMatch) break;
    def.specifiers.insert(def.specifiers.begin(), std::string(file.span(start, def.first - 1)));
    def.first = start;
  }
  if (def.first > 0 && file.is(def.first - 1, ">")) {
    fail(file.tokens[keyword], "corofy cannot rewrite a coroutine template", "write the coroutine for one type");
  }
  std::size_t i = keyword + 1;
  while (file.is(i, "static") || file.is(i, "inline")) def.specifiers.emplace_back(file.tokens[i++].text);
  def.type_first = i;
  for (; i < file.tokens.size(); ++i) {
    const Token& t = file.tokens[i];
    if (t.is("<")) {
      const std::size_t after = skip_angles(file, i, file.tokens.size());
      if (after != kNoMatch) i = after - 1;
    } else if (t.is("(") || t.is(";") || t.is("{") || t.is("=") || t.kind == TokenKind::Directive) {
      break;
    }
  }
  if (i >= file.tokens.size() || !file.is(i, "(") || i < def.type_first + 2 ||
      file.tokens[i - 1].kind != TokenKind::Identifier || is_keyword(file.tokens[i - 1].text)) {
    fail(file.tokens[keyword], "expected a function after 'coroutine': coroutine TYPE NAME(PARAMETERS) { ... }");
  }
  def.name = i - 1;
  def.type_last = i - 2;
  if (file.is(def.type_last, "::")) {
    fail(file.tokens[def.type_first], "define the coroutine inside its namespace, not as a qualified name");
  }
  for (std::size_t k = def.type_first; k <= def.type_last; ++k) {
    if (file.is(k, "auto") || file.is(k, "decltype")) {
      fail(file.tokens[k], "write the coroutine's return type: corofy reads text, not types, and cannot deduce it");
    }
  }
  if (file.is(def.type_last, "&") || file.is(def.type_last, "&&")) {
    fail(file.tokens[def.type_last], "a coroutine returns its value by value, not by reference",
         "the value is handed over after the coroutine's locals are gone");
  }
  def.params_open = i;
  const std::size_t close = file.match[i];
  def.params = parse_parameters(file, i, close);
  if (file.is(close + 1, ";")) {
    def.last = close + 1;
    return def;
  }
  if (!file.is(close + 1, "{")) {
    const std::string what = close + 1 < file.tokens.size() ? std::string(file.tokens[close + 1].text) : "end of file";
    fail(file.tokens[std::min(close + 1, file.tokens.size() - 1)],
         "expected '{' or ';' after a coroutine's parameters, not '" + what + "'");
  }
  def.has_body = true;
  def.body_open = close + 1;
  def.last = file.match[close + 1];
  return def;
}

}  // namespace corofy
