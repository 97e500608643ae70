#include "syntax.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include "signature.hpp"

namespace corofy {

namespace {

[[noreturn]] void fail(const Token& at, std::string message, std::string note = {}) {
  Diagnostic d{at.where, std::move(message), {}};
  if (!note.empty()) d.notes.push_back({{}, std::move(note)});
  throw RewriteError(std::move(d));
}

std::vector<std::size_t> match_brackets(const std::vector<Token>& tokens) {
  std::vector<std::size_t> match(tokens.size(), kNoMatch);
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind != TokenKind::Punct || t.text.size() != 1) continue;
    const char c = t.text[0];
    if (c == '(' || c == '[' || c == '{') {
      if (open.size() == kMaxNesting) throw RewriteError(too_deep(t));
      open.push_back(i);
    } else if (c == ')' || c == ']' || c == '}') {
      const char wanted = c == ')' ? '(' : c == ']' ? '[' : '{';
      if (open.empty()) fail(t, "unbalanced '" + std::string(1, c) + "': nothing opened it");
      const Token& opener = tokens[open.back()];
      if (opener.text[0] != wanted) {
        fail(t, "unbalanced '" + std::string(1, c) + "': the innermost open bracket is '" + std::string(opener.text) +
                    "' at line " + std::to_string(opener.where.line) + ", column " + std::to_string(opener.where.column));
      }
      match[open.back()] = i;
      match[i] = open.back();
      open.pop_back();
    }
  }
  if (!open.empty()) {
    const Token& t = tokens[open.back()];
    fail(t, "unbalanced '" + std::string(t.text) + "': it is never closed");
  }
  return match;
}

// `.wait` not followed by `(`: a wait, not a call of a function named wait.
bool is_wait(const SourceFile& file, std::size_t i) {
  return file.is(i, "wait") && i > 0 && file.is(i - 1, ".") && !file.is(i + 1, "(");
}

// Is the `{` at `i` the body of a namespace (or of extern "C" / "C++")?
bool opens_namespace(const SourceFile& file, std::size_t i) {
  if (i >= 2 && file.tokens[i - 1].kind == TokenKind::String && file.is(i - 2, "extern")) return true;
  std::size_t j = i;
  while (j > 0) {
    const Token& t = file.tokens[j - 1];
    if (t.is("namespace")) return true;
    if (!(t.is("::") || t.is("inline") || (t.kind == TokenKind::Identifier && !is_keyword(t.text)))) return false;
    --j;
  }
  return false;
}

}  // namespace

Diagnostic too_deep(const Token& at) {
  return {at.where, "nested more than " + std::to_string(kMaxNesting) + " levels deep: corofy does not rewrite code this deep",
          {{{}, "it reads nested code recursively and stops here rather than run out of stack; move the inner code "
                "into a function of its own"}}};
}

SourceFile::SourceFile(std::string_view source) : text(source), tokens(lex(source)), match(match_brackets(tokens)) {}

std::string_view SourceFile::span(std::size_t first, std::size_t last) const {
  return text.substr(tokens[first].offset, tokens[last].end() - tokens[first].offset);
}

std::string SourceFile::one_line(std::size_t first, std::size_t last) const {
  std::string out;
  for (std::size_t i = first; i <= last; ++i) {
    if (i > first && tokens[i].offset > tokens[i - 1].end()) out += ' ';
    for (char c : tokens[i].text) out += c == '\n' ? ' ' : c;
  }
  return out;
}

bool is_type_keyword(std::string_view word) {
  static constexpr std::string_view kWords[] = {
      "bool", "char", "char8_t", "char16_t", "char32_t", "wchar_t", "short", "int",
      "long", "signed", "unsigned", "float", "double", "void"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

bool is_keyword(std::string_view word) {
  static constexpr std::string_view kWords[] = {
      "alignas", "alignof", "asm", "auto", "break", "case", "catch", "class", "co_await",
      "co_return", "co_yield", "concept", "const", "consteval", "constexpr", "constinit", "const_cast",
      "continue", "decltype", "default", "delete", "do", "dynamic_cast", "else", "enum", "explicit", "export",
      "extern", "false", "for", "friend", "goto", "if", "inline", "mutable", "namespace", "new", "noexcept",
      "nullptr", "operator", "private", "protected", "public", "register", "reinterpret_cast", "requires",
      "return", "sizeof", "static", "static_assert", "static_cast", "struct", "switch", "template", "this",
      "thread_local", "throw", "true", "try", "typedef", "typeid", "typename", "union", "using", "virtual",
      "volatile", "while", "coroutine"};
  return is_type_keyword(word) || std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

std::size_t skip_angles(const SourceFile& file, std::size_t open, std::size_t limit) {
  int depth = 0;
  for (std::size_t i = open; i < limit; ++i) {
    const Token& t = file.tokens[i];
    if (t.is("<")) {
      ++depth;
    } else if (t.is(">")) {
      if (--depth == 0) return i + 1;
    } else if (t.is("(") || t.is("[")) {
      i = file.match[i];
    } else if (t.is(";") || t.is("{") || t.is("}") || t.is(")") || t.is("]") || t.is("&&") || t.is("||")) {
      return kNoMatch;
    }
  }
  return kNoMatch;
}

std::vector<CoroutineDefinition> find_coroutines(const SourceFile& file) {
  std::vector<CoroutineDefinition> found;
  std::vector<bool> namespace_scope;  // one entry per open `{`
  for (std::size_t i = 0; i < file.tokens.size(); ++i) {
    const Token& t = file.tokens[i];
    if (t.is("{")) {
      namespace_scope.push_back(opens_namespace(file, i));
    } else if (t.is("}")) {
      namespace_scope.pop_back();
    } else if (t.is("coroutine") && !(i > 0 && (file.is(i - 1, ".") || file.is(i - 1, "->") || file.is(i - 1, "::")))) {
      // After a type (`Coroutine& coroutine`) it is a name, not the keyword.
      const Token* before = i > 0 ? &file.tokens[i - 1] : nullptr;
      if (before != nullptr && (before->is("&") || before->is("*") ||
                                (before->kind == TokenKind::Identifier && !is_keyword(before->text)))) {
        fail(t, "'coroutine' is a keyword in the files corofy rewrites", "rename this variable");
      }
      if (std::find(namespace_scope.begin(), namespace_scope.end(), false) != namespace_scope.end()) {
        fail(t, "a coroutine must be a function at namespace scope",
             "corofy does not rewrite member functions or coroutines nested in other code");
      }
      found.push_back(parse_definition(file, i));
      // Its signature is copied into the factory's: no wait there.
      const CoroutineDefinition& d = found.back();
      for (std::size_t k = d.first; k < (d.has_body ? d.body_open : d.last); ++k) {
        if (is_wait(file, k)) fail(file.tokens[k], "'.wait' outside a coroutine's body", "only the body can wait");
      }
      i = found.back().last;  // the body's braces balance: the scope stack is unchanged
    } else if (is_wait(file, i)) {
      fail(t, "'.wait' outside a coroutine", "only a function marked `coroutine` can wait");
    }
  }
  return found;
}

}  // namespace corofy
