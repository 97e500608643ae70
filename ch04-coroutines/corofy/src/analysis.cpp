#include "analysis.hpp"

#include <cctype>
#include <utility>

#include "checks.hpp"

namespace corofy {

namespace {

const char* const kForms = "write `EXPR.wait;`, `TYPE name = EXPR.wait;` or `name = EXPR.wait;`";

std::size_t statement_of(const Body& body, std::size_t token) {
  for (std::size_t s = 0; s < body.statements.size(); ++s) {
    if (body.statements[s].first <= token && token <= body.statements[s].last) return s;
  }
  return kNoMatch;
}

bool is_assignment_operator(const Token& t) {
  for (const char* op : {"=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<="}) {
    if (t.is(op)) return true;
  }
  return false;
}

// A `.wait` nested in something: say what, and what to do instead.
Diagnostic nested_wait(const SourceFile& file, const Token& wait, const Enclosing& where) {
  const Location opened = file.tokens[where.keyword].where;
  switch (where.kind) {
    case Construct::Loop:
      return {wait.where, "a wait inside a loop cannot be rewritten",
              {{opened, "the loop starts here"},
               {{}, "corofy makes one state per `.wait` in the text and cannot repeat it; start the futures in the "
                    "loop, collect them in a std::vector and wait once: `async::join_all(std::move(futures)).wait;`, "
                    "or move the loop's body into a coroutine of its own"}}};
    case Construct::Branch:
      return {wait.where, "a wait inside a branch cannot be rewritten",
              {{opened, "the branch starts here"},
               {{}, "corofy rewrites waits at the top level of the body only; move the branch into a coroutine of its "
                    "own and wait on that, or start both futures and wait on `async::join_all(...)`"}}};
    case Construct::Try:
      return {wait.where, "a wait inside a try block cannot be rewritten",
              {{opened, "the try block starts here"},
               {{}, "wait before or after it: exceptions from a poll reach whoever polls the coroutine"}}};
    case Construct::Block:
      return {wait.where, "a wait inside a nested block cannot be rewritten",
              {{opened, "the block starts here"}, {{}, "remove the braces: waits belong at the top level of the body"}}};
    case Construct::Lambda:
      return {wait.where, "a wait inside a lambda cannot be rewritten",
              {{opened, "the lambda's body starts here"},
               {{}, "a lambda is a function of its own: make it a coroutine and wait on it"}}};
    case Construct::Braces:
    case Construct::Parentheses:
      break;
  }
  return {wait.where, "'.wait' must end a statement", {{{}, kForms}}};
}

// The `&&`, `||` or `?` that makes the wait at `keyword` run only sometimes:
// one before it in statement `st`, outside the bracketed groups that close
// before the wait (a declaration's `T&& x =` is skipped). kNoMatch if none.
std::size_t conditional_before(const SourceFile& file, const Statement& st, std::size_t keyword) {
  std::size_t from = st.first;
  if (st.simple && file.is(st.last, ";") && st.last > st.first) {
    const auto declaration = parse_declaration(file, st.first, st.last - 1);
    if (declaration && declaration->init == Declaration::Init::Equals) from = declaration->init_token + 1;
  }
  std::size_t found = kNoMatch;
  for (std::size_t k = from; k < keyword; ++k) {
    if (file.match[k] != kNoMatch && file.match[k] > k && file.match[k] < keyword) {
      k = file.match[k];
    } else if (file.is(k, "&&") || file.is(k, "||") || file.is(k, "?")) {
      found = k;
    }
  }
  return found;
}

Diagnostic conditional_wait(const SourceFile& file, const Token& wait, std::size_t op) {
  const Token& t = file.tokens[op];
  const std::string what = t.is("?") ? "'?:' evaluates one of its branches only"
                                     : quote(t.text) + " evaluates its right side only sometimes";
  return {wait.where, "a wait inside a branch cannot be rewritten",
          {{t.where, "the branch starts here: " + what},
           {{}, "corofy rewrites waits at the top level of the body only; wait into a variable first "
                "(`TYPE name = EXPR.wait;`), or write the branch as an `if` in a coroutine of its own and wait on that"}}};
}

// The token that makes the future expression first..last more than a
// postfix expression (`f(x)`, `a::b<T>(c).d()`, `std::move(f)`), or kNoMatch.
// `.wait` applies to the postfix expression just before it, so in
// `1 + f().wait` it would wait on `f()` and add 1 to the output.
std::size_t operator_in(const SourceFile& file, std::size_t first, std::size_t last) {
  for (std::size_t k = first; k <= last; ++k) {
    const Token& t = file.tokens[k];
    if (t.is("(") || t.is("[") || t.is("{")) {
      k = file.match[k];
    } else if (t.is("<")) {
      const std::size_t after = skip_angles(file, k, last + 1);
      if (after == kNoMatch) return k;
      k = after - 1;
    } else if (!(t.is("::") || t.is(".") || t.is("->") || t.kind == TokenKind::Number ||
                 t.kind == TokenKind::String || t.kind == TokenKind::Char ||
                 (t.kind == TokenKind::Identifier &&
                  (!is_keyword(t.text) || t.is("this") || t.is("template") || t.text.ends_with("_cast"))))) {
      return k;
    }
  }
  return kNoMatch;
}

}  // namespace

const Wait* Coroutine::wait_at(std::size_t s) const {
  for (const Wait& w : waits) {
    if (w.statement == s) return &w;
  }
  return nullptr;
}

std::string pascal_case(std::string_view name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

Coroutine analyze(const SourceFile& file, const CoroutineDefinition& definition, std::string class_name,
                  bool waker_flavour) {
  Coroutine c;
  c.definition = &definition;
  c.name = std::string(file.tokens[definition.name].text);
  c.class_name = std::move(class_name);
  c.output = std::string(file.span(definition.type_first, definition.type_last));
  std::vector<Diagnostic> errors;
  check_parameters(file, definition, errors);
  if (!definition.has_body) {
    if (!errors.empty()) throw RewriteError(std::move(errors));
    return c;
  }
  c.body = parse_body(file, definition.body_open, definition.last);

  for (std::size_t keyword : c.body.waits) {
    const Token& wait = file.tokens[keyword];
    const std::size_t s = statement_of(c.body, keyword);
    const Statement& st = c.body.statements[s];
    const Enclosing* around = innermost(c.body, keyword);
    if (around == nullptr || around->kind == Construct::Braces || around->kind == Construct::Parentheses) {
      if (const std::size_t op = conditional_before(file, st, keyword); op != kNoMatch) {
        errors.push_back(conditional_wait(file, wait, op));
        continue;
      }
    }
    if (around != nullptr) {
      errors.push_back(nested_wait(file, wait, *around));
      continue;
    }
    if (!st.simple || keyword + 1 != st.last || !file.is(st.last, ";") || keyword < st.first + 2) {
      errors.push_back({wait.where, keyword < st.first + 2 ? "'.wait' needs a future before it"
                                                            : "'.wait' must end a statement",
                        {{{}, kForms}}});
      continue;
    }
    if (file.is(st.first, "return")) {
      errors.push_back({wait.where, "corofy cannot rewrite `return EXPR.wait;`",
                        {{{}, "wait into a variable, then return it: `TYPE value = EXPR.wait;` and `return value;`"}}});
      continue;
    }
    Wait w;
    w.statement = s;
    w.keyword = keyword;
    w.expr_first = st.first;
    w.expr_last = keyword - 2;
    auto declaration = parse_declaration(file, st.first, keyword - 2);
    if (declaration && declaration->init == Declaration::Init::Equals) {
      w.form = Wait::Form::Declaration;
      w.expr_first = declaration->init_token + 1;
      w.target = std::string(file.tokens[declaration->name].text);
      w.output_type = declaration->member_type(file);
      w.declaration = std::move(declaration);
      check_wait_declaration(file, w, errors);
    } else if (file.tokens[st.first].kind == TokenKind::Identifier && file.is(st.first + 1, "=")) {
      w.form = Wait::Form::Assignment;
      w.expr_first = st.first + 2;
      w.target = std::string(file.tokens[st.first].text);
    } else {
      bool assigns = false;
      for (std::size_t k = st.first; k < keyword - 1; ++k) {
        if (file.match[k] != kNoMatch) k = file.match[k];
        else if (is_assignment_operator(file.tokens[k])) assigns = true;
      }
      if (assigns) {
        errors.push_back({wait.where, "corofy cannot rewrite this assignment of a wait's result", {{{}, kForms}}});
        continue;
      }
      w.output_type = "void";
    }
    if (w.expr_first > w.expr_last) {
      errors.push_back({wait.where, "'.wait' needs a future before it", {{{}, kForms}}});
      continue;
    }
    if (const std::size_t op = operator_in(file, w.expr_first, w.expr_last); op != kNoMatch) {
      const Token& t = file.tokens[op];
      errors.push_back({wait.where, "a wait inside a larger expression cannot be rewritten",
                        {{t.where, "'.wait' applies only to what follows this " + quote(t.text) +
                                       ", and the rest of the expression would use its output"},
                         {{}, "wait into a variable first (`TYPE name = EXPR.wait;`), then use the variable"}}});
      continue;
    }
    c.waits.push_back(std::move(w));
  }

  // Segment k runs after the k-th wait: statement s is in segment "waits before it".
  std::size_t segment = 0;
  for (std::size_t s = 0; s < c.body.statements.size(); ++s) {
    const Wait* w = c.wait_at(s);
    c.segment_of.push_back(w != nullptr ? segment + 1 : segment);
    if (w != nullptr) ++segment;
  }
  find_locals(file, c, errors);
  check_locals(file, c, errors);
  check_uses_before_declaration(file, c, errors);
  resolve_assignment_targets(file, c, errors);
  check_reserved_names(file, c, waker_flavour, errors);
  if (!errors.empty()) throw RewriteError(std::move(errors));
  return c;
}

}  // namespace corofy
