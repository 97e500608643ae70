#include "statements.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

namespace corofy {

namespace {

class BodyParser {
 public:
  explicit BodyParser(const SourceFile& file) : f_(file) {}

  Body run(std::size_t open, std::size_t close) {
    for (std::size_t i = open + 1; i < close;) {
      const std::size_t next = statement(i, close);
      body_.statements.push_back({i, next - 1, simple_});
      i = next;
    }
    return std::move(body_);
  }

 private:
  void add(Construct kind, std::size_t keyword, std::size_t first, std::size_t last) {
    body_.constructs.push_back({kind, keyword, first, last});
  }

  // One statement starting at `i`, ending before `end`; returns the index
  // after it. Leaves simple_ telling whether it was a simple statement.
  std::size_t statement(std::size_t i, std::size_t end) {
    // `if (a) if (b) ...` nests without brackets: count the statements too.
    if (i < end && depth_ == kMaxNesting) throw RewriteError(too_deep(f_.tokens[i]));
    ++depth_;
    const std::size_t next = statement_at_depth(i, end);
    --depth_;
    return next;
  }

  std::size_t statement_at_depth(std::size_t i, std::size_t end) {
    const bool controlled = std::exchange(controlled_, false);
    simple_ = false;
    if (i >= end) return end;
    const Token& t = f_.tokens[i];
    if (t.kind == TokenKind::Directive) {
      throw RewriteError(Diagnostic{t.where, "a preprocessor line inside a coroutine cannot be rewritten",
                                    {{{}, "corofy cannot tell which lines the compiler will see; move it out"}}});
    }
    if (t.is("{")) {
      const std::size_t close = f_.match[i];
      for (std::size_t k = i + 1; k < close;) k = statement(k, close);
      // The braces of `for (...) { ... }` belong to the loop: report the loop.
      if (!controlled) add(Construct::Block, i, i, close);
      simple_ = false;
      return close + 1;
    }
    if (t.is("if") || t.is("switch") || t.is("for") || t.is("while")) {
      std::size_t head = i + 1;
      if (f_.is(head, "constexpr")) ++head;
      if (!f_.is(head, "(")) return expression(i, end);
      expression_inside(head);
      std::size_t next = body(f_.match[head] + 1, end);
      if (t.is("if") && f_.is(next, "else")) next = body(next + 1, end);
      add(t.is("if") || t.is("switch") ? Construct::Branch : Construct::Loop, i, i, next - 1);
      simple_ = false;
      return next;
    }
    if (t.is("do")) {
      std::size_t next = body(i + 1, end);
      if (f_.is(next, "while") && f_.is(next + 1, "(")) {
        expression_inside(next + 1);
        next = f_.match[next + 1] + 1;
        if (next >= end || !f_.is(next, ";")) missing(";", i, end);
        ++next;
      }
      add(Construct::Loop, i, i, next - 1);
      simple_ = false;
      return next;
    }
    if (t.is("try")) {
      std::size_t next = body(i + 1, end);
      while (f_.is(next, "catch") && f_.is(next + 1, "(")) next = body(f_.match[next + 1] + 1, end);
      add(Construct::Try, i, i, next - 1);
      simple_ = false;
      return next;
    }
    if (t.is("case") || t.is("default") ||
        (t.kind == TokenKind::Identifier && f_.is(i + 1, ":") && !is_keyword(t.text))) {
      std::size_t k = i;
      while (k < end && !f_.is(k, ":")) k = f_.match[k] != kNoMatch ? f_.match[k] + 1 : k + 1;
      if (k >= end) missing(":", i, end);
      return k + 1;  // the label alone; what it labels is the next statement
    }
    if (t.is("return") && lambdas_ == 0) body_.returns.push_back(i);
    return expression(i, end);
  }

  // The statement a control statement controls.
  std::size_t body(std::size_t i, std::size_t end) {
    controlled_ = true;
    return statement(i, end);
  }

  // A simple statement: up to and including the `;` at its own level.
  std::size_t expression(std::size_t i, std::size_t end) {
    const std::size_t first = i;
    for (; i < end; ++i) {
      if (f_.is(i, ";")) {
        simple_ = true;
        return i + 1;
      }
      i = token(i, first);
    }
    missing(";", first, end);
  }

  // A statement that runs into the `}` (or the end) before its `;` or `:`:
  // corofy could only guess where it ends, so it says so.
  [[noreturn]] void missing(std::string_view what, std::size_t first, std::size_t end) const {
    const Token& at = f_.tokens[std::min(end, f_.tokens.size() - 1)];
    throw RewriteError(Diagnostic{at.where, "expected '" + std::string(what) + "' before '" + std::string(at.text) + "'",
                                  {{f_.tokens[first].where, "the statement starts here"}}});
  }

  // The tokens between the bracket at `open` and its partner.
  void expression_inside(std::size_t open) {
    const std::size_t close = f_.match[open];
    for (std::size_t i = open + 1; i < close; ++i) i = token(i, open + 1);
  }

  // Looks at token `i` of an expression that started at `first`; returns the
  // last index it consumed (a bracketed group is consumed whole).
  std::size_t token(std::size_t i, std::size_t first) {
    const Token& t = f_.tokens[i];
    if (t.is("wait") && i > 0 && f_.is(i - 1, ".") && !f_.is(i + 1, "(")) body_.waits.push_back(i);
    if (t.kind == TokenKind::Directive) statement(i, i + 1);  // reports it
    if (t.is("{")) {
      const std::size_t close = f_.match[i];
      if (is_lambda_body(i, first)) {
        ++lambdas_;
        for (std::size_t k = i + 1; k < close;) k = statement(k, close);
        --lambdas_;
        add(Construct::Lambda, i, i, close);
      } else {
        expression_inside(i);
        add(Construct::Braces, i, i, close);
      }
      return close;
    }
    if (t.is("(") || t.is("[")) {
      expression_inside(i);
      add(Construct::Parentheses, i, i, f_.match[i]);
      return f_.match[i];
    }
    return i;
  }

  // `[captures] { ... }`, `[captures](params) mutable -> T { ... }`: walking
  // back from the `{` over a lambda's declarator reaches `]` or `)` of `](`.
  bool is_lambda_body(std::size_t brace, std::size_t first) const {
    for (std::size_t k = brace; k > first;) {
      --k;
      const Token& t = f_.tokens[k];
      if (t.is("]")) return true;
      if (t.is(")")) {
        const std::size_t open = f_.match[k];
        if (open > first && f_.is(open - 1, "noexcept")) {
          k = open;
          continue;
        }
        return open > first && (f_.is(open - 1, "]") || f_.is(open - 1, ">"));
      }
      const bool declarator_tail = t.kind == TokenKind::Identifier || t.is("::") || t.is("<") || t.is(">") ||
                                   t.is("->") || t.is("*") || t.is("&") || t.is("&&");
      if (!declarator_tail || t.is("return")) return false;
    }
    return false;
  }

  const SourceFile& f_;
  Body body_;
  int lambdas_ = 0;
  std::size_t depth_ = 0;  // statements being parsed, one inside the other  // > 0 inside a lambda's body: its returns are its own
  bool simple_ = false;
  bool controlled_ = false;  // the next statement is the body of if/for/while/do/switch/try
};

}  // namespace

Body parse_body(const SourceFile& file, std::size_t open, std::size_t close) {
  return BodyParser(file).run(open, close);
}

const Enclosing* innermost(const Body& body, std::size_t i) {
  const Enclosing* best = nullptr;
  for (const Enclosing& c : body.constructs) {
    if (c.first <= i && i <= c.last && (best == nullptr || c.last - c.first < best->last - best->first)) best = &c;
  }
  return best;
}

}  // namespace corofy
