#include "declaration.hpp"

namespace corofy {

namespace {

bool is_specifier(const SourceFile& file, std::size_t i) {
  for (const char* word : {"static", "thread_local", "extern", "constexpr", "constinit", "const", "volatile",
                           "register", "inline", "mutable"}) {
    if (file.is(i, word)) return true;
  }
  return false;
}

bool is_name(const SourceFile& file, std::size_t i) {
  return i < file.tokens.size() && file.tokens[i].kind == TokenKind::Identifier && !is_keyword(file.tokens[i].text);
}

// A possibly qualified, possibly templated type name from `i`: std::vector<int>.
// Returns the index after it, or kNoMatch.
std::size_t type_name(const SourceFile& file, std::size_t i, std::size_t end) {
  if (file.is(i, "typename")) ++i;
  if (file.is(i, "::")) ++i;
  for (;;) {
    if (i >= end || !is_name(file, i)) return kNoMatch;
    ++i;
    if (i < end && file.is(i, "<")) {
      i = skip_angles(file, i, end);
      if (i == kNoMatch) return kNoMatch;
    }
    if (i + 1 < end && file.is(i, "::") && is_name(file, i + 1)) {
      ++i;
      continue;
    }
    return i;
  }
}

}  // namespace

std::string Declaration::member_type(const SourceFile& file) const {
  std::size_t last = type_last;
  while (last > type_first && (file.is(last, "const") || file.is(last, "volatile"))) --last;
  return std::string(file.span(type_first, last));
}

std::optional<Declaration> parse_declaration(const SourceFile& file, std::size_t first, std::size_t last) {
  const std::size_t end = last + 1;
  Declaration d;
  d.first = first;
  std::size_t i = first;
  for (; i < end; ++i) {
    if (file.is(i, "static") || file.is(i, "thread_local") || file.is(i, "extern")) d.static_storage = i;
    if (file.is(i, "[") && file.is(i + 1, "[")) {
      i = file.match[i];  // an attribute: [[maybe_unused]]
    } else if (!is_specifier(file, i)) {
      break;
    }
  }
  d.type_first = i;
  if (i >= end) return std::nullopt;
  if (file.is(i, "auto")) {
    d.deduced = i++;
  } else if (file.is(i, "decltype") && file.is(i + 1, "(")) {
    d.deduced = i;
    i = file.match[i + 1] + 1;
  } else if (is_type_keyword(file.tokens[i].text)) {
    while (i < end && (is_type_keyword(file.tokens[i].text) || file.is(i, "const") || file.is(i, "volatile"))) ++i;
  } else {
    i = type_name(file, i, end);
    if (i == kNoMatch) return std::nullopt;
  }
  for (; i < end; ++i) {
    if (file.is(i, "*")) {
      d.pointer = i;
    } else if (file.is(i, "&") || file.is(i, "&&")) {
      d.reference = i;
    } else if (!file.is(i, "const") && !file.is(i, "volatile")) {
      break;
    }
  }
  d.type_last = i - 1;
  if (d.deduced != kNoMatch && file.is(i, "[")) {  // a structured binding: auto [a, b] = ...
    for (std::size_t k = i + 1; k < file.match[i]; ++k) {
      if (is_name(file, k)) d.bound_names.push_back(k);
    }
    if (d.bound_names.empty()) return std::nullopt;
    d.name = d.bound_names.front();
    i = file.match[i] + 1;
  } else {
    if (!is_name(file, i)) return std::nullopt;
    d.name = i++;
  }
  if (i >= end) return d;
  d.init_token = i;
  if (file.is(i, "=")) {
    d.init = Declaration::Init::Equals;
  } else if (file.is(i, "{")) {
    d.init = Declaration::Init::Braces;
  } else if (file.is(i, "(")) {
    d.init = Declaration::Init::Parentheses;
  } else if (file.is(i, "[")) {
    d.array = i;
    return d;
  } else if (file.is(i, ",")) {
    d.second_declarator = i;
    return d;
  } else {
    return std::nullopt;
  }
  for (std::size_t k = i; k < end; ++k) {
    if (file.match[k] != kNoMatch) {
      k = file.match[k];
    } else if (file.is(k, ",")) {
      d.second_declarator = k;
      break;
    }
  }
  if (d.init != Declaration::Init::Equals) {
    const std::size_t after = file.match[i] + 1;
    if (after < end && !file.is(after, ",")) return std::nullopt;  // `T x(a).f();` is no declaration
  }
  return d;
}

}  // namespace corofy
