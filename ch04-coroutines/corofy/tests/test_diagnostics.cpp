// Every refusal of corofy: the message, the line and column it points at,
// and the notes that say what to write instead. (test_cli.cpp checks the exit
// status of the tool itself.)
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "diagnostic.hpp"
#include "rewrite.hpp"

using corofy::Diagnostic;
using corofy::Location;

namespace {

// The diagnostics corofy reports for `source`; fails the test if it rewrites it.
std::vector<Diagnostic> errors_in(std::string_view source) {
  try {
    (void)corofy::rewrite(source, {});
  } catch (const corofy::RewriteError& e) {
    return e.diagnostics();
  }
  FAIL("corofy rewrote what it should have refused:\n" << source);
  return {};
}

// The only diagnostic for `source`, which must start with `message`.
Diagnostic only_error(std::string_view source, std::string_view message, Location where) {
  const auto errors = errors_in(source);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message.starts_with(message));
  CHECK(errors[0].where == where);
  return errors[0];
}

bool has_note(const Diagnostic& d, std::string_view text, Location where = {}) {
  for (const auto& note : d.notes) {
    if (note.message.find(text) != std::string::npos && (where.line == 0 || note.where == where)) return true;
  }
  return false;
}

bool rewrites(std::string_view source) {
  try {
    (void)corofy::rewrite(source, {});
    return true;
  } catch (const corofy::RewriteError& e) {
    FAIL_CHECK("unexpected: " << e.what());
    return false;
  }
}

}  // namespace

TEST_SUITE("ch04/corofy/diagnostics") {
  TEST_CASE("a wait inside a loop: points at the wait, shows the loop, suggests join_all") {
    const auto d = only_error(R"(coroutine void f(int n) {
  for (int i = 0; i < n; ++i) {
    std::string txt = get(i).wait;
  }
})",
                              "a wait inside a loop cannot be rewritten", {3, 30});
    CHECK(has_note(d, "the loop starts here", {2, 3}));
    CHECK(has_note(d, "join_all"));
  }

  TEST_CASE("a wait inside while and do-while loops is refused too") {
    only_error("coroutine void f() {\n  while (more()) get().wait;\n}", "a wait inside a loop", {2, 24});
    only_error("coroutine void f() {\n  do { get().wait; } while (more());\n}", "a wait inside a loop", {2, 14});
  }

  TEST_CASE("a wait inside a branch: if, else and switch, with or without braces") {
    const auto d = only_error("coroutine void f(bool b) {\n  if (b) get().wait;\n}", "a wait inside a branch", {2, 16});
    CHECK(has_note(d, "the branch starts here", {2, 3}));
    CHECK(has_note(d, "coroutine of its own"));
    only_error("coroutine void f(bool b) {\n  if (b) {\n  } else {\n    get().wait;\n  }\n}", "a wait inside a branch", {4, 11});
    only_error("coroutine void f(int n) {\n  switch (n) {\n    case 1: get().wait; break;\n  }\n}",
               "a wait inside a branch", {3, 19});
  }

  TEST_CASE("a wait inside a lambda, a try block or a nested block is refused") {
    const auto lambda = only_error("coroutine void f() {\n  auto g = [] { get().wait; };\n}", "a wait inside a lambda", {2, 23});
    CHECK(has_note(lambda, "make it a coroutine"));
    only_error("coroutine void f() {\n  try { get().wait; } catch (...) {}\n}", "a wait inside a try block", {2, 15});
    only_error("coroutine void f() {\n  {\n    get().wait;\n  }\n}", "a wait inside a nested block", {3, 11});
  }

  TEST_CASE("an auto local that lives across a wait: asks for its type, shows the use after the wait") {
    const auto d = only_error(R"(coroutine void f() {
  auto count = 5;
  get().wait;
  use(count);
})",
                              "'count' is declared 'auto' and lives across a wait; write its type", {2, 3});
    CHECK(has_note(d, "'count' is used here, after the wait at line 3", {4, 7}));
  }

  TEST_CASE("an auto local used before the wait only is fine") {
    CHECK(rewrites("coroutine void f() {\n  auto count = 5;\n  use(count);\n  get().wait;\n}"));
  }

  TEST_CASE("a reference or pointer local that lives across a wait: explains the danger") {
    const auto ref = only_error("coroutine void f() {\n  std::string& text = name();\n  get().wait;\n  use(text);\n}",
                                "'text' is a reference that lives across a wait", {2, 14});
    CHECK(has_note(ref, "poll() returns between the steps"));
    CHECK(has_note(ref, "'text' is used here, after the wait at line 3", {4, 7}));
    only_error("coroutine void f() {\n  const char* text = name();\n  get().wait;\n  use(text);\n}",
               "'text' is a pointer that lives across a wait", {2, 13});
    CHECK(rewrites("coroutine void f() {\n  std::string& text = name();\n  use(text);\n  get().wait;\n}"));
  }

  TEST_CASE("a name used before a local of the same name that lives across a wait: the member would take it over") {
    const auto d = only_error(R"(int limit = 10;
coroutine int f() {
  int seen = limit;
  get().wait;
  int limit = 3;
  get().wait;
  return seen + limit;
})",
                              "'limit' is used before the local 'limit' (line 5) is declared, and that local lives across a wait",
                              {3, 14});
    CHECK(has_note(d, "declared here; it becomes a member of the state machine", {5, 7}));
    CHECK(has_note(d, "rename the local"));
    // Before its declaration in the same step, and as a function, too.
    only_error("coroutine void f() {\n  count();\n  int count = 1;\n  get().wait;\n  use(count);\n}",
               "'count' is used before the local 'count' (line 3)", {2, 3});
    // A local that stays in its step, a member access or a qualified name is fine.
    CHECK(rewrites("int limit = 10;\ncoroutine int f() {\n  int seen = limit;\n  get().wait;\n  int limit = 3;\n"
                   "  return seen + limit;\n}"));
    CHECK(rewrites("coroutine int f(S s) {\n  int seen = s.limit + ::limit + ns::limit;\n  int limit = 3;\n"
                   "  get().wait;\n  return seen + limit;\n}"));
  }

  TEST_CASE("a reference parameter: the caller's object may be gone when the coroutine runs") {
    const auto d = only_error("coroutine void f(int n, const std::string& path) {\n  get(path).wait;\n}",
                              "parameter 'path' is a reference", {1, 42});
    CHECK(has_note(d, "take it by value: `std::string path`"));
    CHECK(has_note(d, "CP.53"));
  }

  TEST_CASE("a wait's variable needs its type written out, as a value") {
    const auto d = only_error("coroutine void f() {\n  auto text = get().wait;\n}", "write the type of 'text' instead of 'auto'", {2, 3});
    CHECK(has_note(d, "async::FuturePtr<TYPE>"));
    only_error("coroutine void f() {\n  const std::string& text = get().wait;\n}", "'text' receives a wait's output: declare it as a value",
               {2, 20});
  }

  TEST_CASE("statics, arrays and shared declarations that live across a wait are refused") {
    only_error("coroutine void f() {\n  static int calls = 0;\n  get().wait;\n  ++calls;\n}", "'calls' is static and lives across a wait", {2, 3});
    only_error("coroutine void f() {\n  int marks[3] = {};\n  get().wait;\n  use(marks);\n}", "'marks' is an array", {2, 12});
    only_error("coroutine void f() {\n  int a = 1, b = 2;\n  get().wait;\n  use(a);\n}", "'a' lives across a wait: declare it in a statement of its own", {2, 12});
  }

  TEST_CASE("'.wait' must end a statement, after a future, inside a coroutine") {
    only_error("coroutine void f() {\n  use(get().wait);\n}", "'.wait' must end a statement", {2, 13});
    only_error("coroutine void f() {\n  get().wait + 1;\n}", "'.wait' must end a statement", {2, 9});
    only_error("coroutine void f() {\n  v[0] = get().wait;\n}", "corofy cannot rewrite this assignment", {2, 16});
    only_error("void f() {\n  get().wait;\n}", "'.wait' outside a coroutine", {2, 9});
    only_error("coroutine void f() {\n  text = get().wait;\n}", "corofy does not know the type of 'text'", {2, 3});
  }

  TEST_CASE("'.wait' outside a coroutine is an error wherever it stands; a call of a function named wait is not") {
    only_error("void f() {\n  x = get().wait + 1;\n}", "'.wait' outside a coroutine", {2, 13});
    only_error("int n = get().wait;", "'.wait' outside a coroutine", {1, 15});
    only_error("void f() {\n  use(get().wait);\n}", "'.wait' outside a coroutine", {2, 13});
    only_error("coroutine void f(int n = get().wait);", "'.wait' outside a coroutine's body", {1, 32});
    CHECK(rewrites("void f(std::condition_variable& cv, Lock& lock) {\n  cv.wait(lock);\n}\n"
                   "coroutine void g() {\n  cv.wait(lock);\n  get().wait;\n}"));
  }

  TEST_CASE("a wait after &&, || or inside ?: runs only sometimes: the branch diagnostic, at the wait") {
    const auto d = only_error("coroutine void f(bool a) {\n  bool ok = a && get().wait;\n}", "a wait inside a branch cannot be rewritten",
                              {2, 24});
    CHECK(has_note(d, "the branch starts here: '&&' evaluates its right side only sometimes", {2, 15}));
    only_error("coroutine void f(bool a) {\n  ok = a || get().wait;\n}", "a wait inside a branch", {2, 19});
    const auto both = errors_in("coroutine void f(bool a) {\n  a ? get().wait : other().wait;\n}");
    REQUIRE(both.size() == 2);
    CHECK(both[0].message == "a wait inside a branch cannot be rewritten");
    CHECK(both[1].where == Location{2, 28});
    only_error("coroutine void f(bool a) {\n  use(a && get().wait);\n}", "a wait inside a branch", {2, 18});
    const auto q = only_error("coroutine int f(bool a) {\n  int n = a ? get().wait : 0;\n}", "a wait inside a branch", {2, 21});
    CHECK(has_note(q, "'?:' evaluates one of its branches only", {2, 13}));
    // A `&&` of the declaration is not a branch: refused for what it is.
    only_error("coroutine void f() {\n  std::string&& s = get().wait;\n}", "'s' receives a wait's output: declare it as a value", {2, 14});
  }

  TEST_CASE("a wait in a larger expression is refused at the wait: it would wait on the last operand only") {
    const auto d = only_error("coroutine void f() {\n  int n = 1 + get().wait;\n}",
                              "a wait inside a larger expression cannot be rewritten", {2, 21});
    CHECK(has_note(d, "'.wait' applies only to what follows this '+'", {2, 13}));
    only_error("coroutine void f() {\n  std::cout << get().wait;\n}", "a wait inside a larger expression", {2, 22});
    only_error("coroutine void f(int n) {\n  n = n * get().wait;\n}", "a wait inside a larger expression", {2, 17});
    only_error("coroutine void f() {\n  !get().wait;\n}", "a wait inside a larger expression", {2, 10});
    only_error("coroutine void f() {\n  use(1, get().wait);\n}", "'.wait' must end a statement", {2, 16});
    // Postfix expressions are what a wait waits on.
    CHECK(rewrites("coroutine void f(S s) {\n  async::join_all<int>(std::move(v)).wait;\n  this->g()[0].h().wait;\n"
                   "  static_cast<Ptr>(p).wait;\n  s.template make<int>()->f().wait;\n}"));
  }

  TEST_CASE("return EXPR.wait is refused with what to write instead") {
    const auto d = only_error("coroutine int f() {\n  return get().wait;\n}", "corofy cannot rewrite `return EXPR.wait;`", {2, 16});
    CHECK(has_note(d, "`TYPE value = EXPR.wait;` and `return value;`"));
  }

  TEST_CASE("unbalanced braces and brackets: the one left open, or the one closing nothing") {
    only_error("coroutine void f() {\n  get().wait;\n", "unbalanced '{': it is never closed", {1, 20});
    only_error("void f() {\n}\n}\n", "unbalanced '}': nothing opened it", {3, 1});
    only_error("void f() {\n  g(1;\n}\n", "unbalanced '}': the innermost open bracket is '(' at line 2, column 4", {3, 1});
  }

  TEST_CASE("a statement cut off by the closing brace: says which of semicolon or colon is missing, and where it started") {
    const auto d = only_error("coroutine int f() {\n  g().wait;\n  return x\n}", "expected ';' before '}'", {4, 1});
    CHECK(has_note(d, "the statement starts here", {3, 3}));
    only_error("coroutine void f() {\n  auto l = [] { return 1 };\n}", "expected ';' before '}'", {2, 26});
    only_error("coroutine void f(int n) {\n  switch (n) { default }\n}", "expected ':' before '}'", {2, 24});
  }

  TEST_CASE("nesting deeper than 256 levels is refused at the token that goes deeper, not a stack overflow") {
    const std::size_t deep = 100'000;
    const auto blocks = only_error("coroutine void f() {\n" + std::string(deep, '{') + std::string(deep, '}') + "\n}",
                                   "nested more than 256 levels deep", {2, 256});  // the body's brace is level 1
    CHECK(has_note(blocks, "a function of its own"));
    only_error("int x = " + std::string(deep, '(') + "1" + std::string(deep, ')') + ";", "nested more than 256 levels deep",
               {1, 9 + 256});
    std::string ifs;
    for (std::size_t k = 0; k < deep; ++k) ifs += "if (b) ";
    only_error("coroutine void f(bool b) {\n" + ifs + "g();\n}", "nested more than 256 levels deep", {2, 1 + 7 * 256});
    // 256 levels are fine.
    CHECK(rewrites("void f() " + std::string(256, '{') + std::string(256, '}')));
    std::string ifs_255;  // and the statement they control: 256 statements, one inside the other
    for (std::size_t k = 0; k < 255; ++k) ifs_255 += "if (b) ";
    CHECK(rewrites("coroutine void f(bool b) {\n" + ifs_255 + "g();\n}"));
  }

  TEST_CASE("unterminated strings, characters, raw strings and comments point at where they start") {
    only_error("void f() {\n  s = \"abc;\n}\n", "unterminated string literal", {2, 7});
    only_error("void f() {\n  c = 'a;\n}\n", "unterminated character literal", {2, 7});
    only_error("auto s = u8R\"x(abc)\";\n", "unterminated raw string literal", {1, 10});
    only_error("int a;\n/* coroutine\n", "unterminated comment", {2, 1});
  }

  TEST_CASE("what is not an error: a CRLF file with a continued #define, a coroutine in namespace a::inline b") {
    // The `{` of the macro is on the directive's continuation line: read
    // alone, that line would leave a brace open.
    CHECK(rewrites("#define OPEN_BLOCK { \\\r\n  int unused;\r\ncoroutine void f() {\r\n  g().wait;\r\n}\r\n"));
    CHECK(rewrites("namespace a::inline b {\ncoroutine void f() {\n  g().wait;\n}\n}\n"));
    CHECK(rewrites("inline namespace b {\ncoroutine void f() {\n  g().wait;\n}\n}\n"));
  }

  TEST_CASE("a coroutine must be a function at namespace scope") {
    only_error("struct S {\n  coroutine void f() {}\n};", "a coroutine must be a function at namespace scope", {2, 3});
    only_error("template <class T>\ncoroutine void f(T t) {}", "corofy cannot rewrite a coroutine template", {2, 1});
    only_error("coroutine auto f() {}", "write the coroutine's return type", {1, 11});
    only_error("coroutine std::string& f() {}", "a coroutine returns its value by value", {1, 22});
    only_error("coroutine int x = 5;", "expected a function after 'coroutine'", {1, 1});
    only_error("void f(Task& coroutine);", "'coroutine' is a keyword in the files corofy rewrites", {1, 14});
  }

  TEST_CASE("a preprocessor line inside a coroutine is refused") {
    only_error("coroutine void f() {\n#ifdef X\n  get().wait;\n#endif\n}", "a preprocessor line inside a coroutine", {2, 1});
  }

  TEST_CASE("names the generated code uses are refused") {
    only_error("coroutine void f(int state_) {\n  get().wait;\n}", "'state_' is a name the generated state machine uses", {1, 22});
    only_error("coroutine void f() {\n  int polled = 1;\n}", "'polled' is a name", {2, 7});
  }

  TEST_CASE("every problem of a file is reported at once, in the order of the file") {
    const auto errors = errors_in(R"(coroutine void f(bool b) {
  auto x = 1;
  if (b) get().wait;
  get().wait;
  use(x);
}
coroutine void g() {
  while (true) get().wait;
})");
    REQUIRE(errors.size() == 3);
    CHECK(errors[0].where == Location{2, 3});
    CHECK(errors[1].where == Location{3, 16});
    CHECK(errors[2].where == Location{8, 22});
  }

  TEST_CASE("a diagnostic prints as file:line:col: error:, the source line, a caret under the column, then notes") {
    const std::string source = "coroutine void f() {\n\twhile (more()) get().wait;\n}";
    const auto errors = errors_in(source);
    REQUIRE(errors.size() == 1);
    const std::string text = corofy::format(errors[0], "dir/main.coro.cpp", source);
    // The tab is kept under the tab, so the caret lines up in a terminal.
    CHECK(text.starts_with("dir/main.coro.cpp:2:23: error: a wait inside a loop cannot be rewritten\n"
                           "    2 | \twhile (more()) get().wait;\n"
                           "      | \t" + std::string(21, ' ') + "^\n"
                           "dir/main.coro.cpp:2:2: note: the loop starts here\n"));
    CHECK(text.find("dir/main.coro.cpp:2:23: note: corofy makes one state per `.wait`") != std::string::npos);
  }
}
