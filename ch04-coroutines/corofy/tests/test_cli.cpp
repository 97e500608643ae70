// The command line: where the output goes, --stdout, --check, --waker, the
// exit statuses, --help; and once as a real process, the diagnostic and exit
// status of the built tool on a file with a wait in a loop.
#include <doctest/doctest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli.hpp"
#include "rewrite.hpp"
#include "testing/run_program.hpp"

namespace fs = std::filesystem;

namespace {

// A fresh directory under /tmp, removed with everything in it.
struct TempDir {
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "corofy-test-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return path / name;
  }
  fs::path path;
};

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Run {
  int status;
  std::string out;
  std::string err;
};

Run run_corofy(std::vector<std::string> args) {
  args.insert(args.begin(), "corofy");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out;
  std::ostringstream err;
  const int status = corofy::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  return {status, out.str(), err.str()};
}

const std::string kGood = "#include \"future.hpp\"\ncoroutine void f() {\n  g().wait;\n}\n";
const std::string kLoop = "coroutine void f(int n) {\n  for (int i = 0; i < n; ++i) g(i).wait;\n}\n";

}  // namespace

TEST_SUITE("ch04/corofy/cli") {
  TEST_CASE("by default the output goes to NAME_corofied.cpp beside the input") {
    CHECK(corofy::default_output_path("dir/main.coro.cpp") == "dir/main_corofied.cpp");
    CHECK(corofy::default_output_path("main.cpp") == "main_corofied.cpp");
    CHECK(corofy::default_output_path("a.b/noext") == "a.b/noext_corofied.cpp");
    TempDir dir;
    const auto input = dir.write("main.coro.cpp", kGood);
    const auto run = run_corofy({input.string()});
    CHECK(run.status == 0);
    CHECK(run.err.empty());
    CHECK(read(dir.path / "main_corofied.cpp") == corofy::rewrite(kGood, {.file_name = "main.coro.cpp"}));
  }

  TEST_CASE("-o chooses the output, --stdout prints it, --waker changes poll()") {
    TempDir dir;
    const auto input = dir.write("in.cpp", kGood);
    CHECK(run_corofy({input.string(), "-o", (dir.path / "out.cpp").string()}).status == 0);
    CHECK(read(dir.path / "out.cpp").find("poll() override") != std::string::npos);
    const auto printed = run_corofy({input.string(), "--stdout", "--waker"});
    CHECK(printed.status == 0);
    CHECK(printed.out.find("poll(const async::Waker& waker) override") != std::string::npos);
    CHECK(printed.out.find("wait1_->poll(waker)") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.path / "in_corofied.cpp"));
  }

  TEST_CASE("--check passes when the output is current and names the first different line when not") {
    TempDir dir;
    const auto input = dir.write("main.coro.cpp", kGood);
    CHECK(run_corofy({input.string(), "--check"}).status == 1);  // not written yet
    CHECK(run_corofy({input.string()}).status == 0);
    CHECK(run_corofy({input.string(), "--check"}).status == 0);
    dir.write("main.coro.cpp", kGood + "// one more line\n");
    const auto stale = run_corofy({input.string(), "--check"});
    CHECK(stale.status == 1);
    CHECK(stale.err.find("main_corofied.cpp is out of date (from line ") != std::string::npos);
    CHECK(stale.err.find("rewrite it with: corofy ") != std::string::npos);
  }

  TEST_CASE("a file corofy cannot rewrite: diagnostics on stderr, exit status 1, nothing written") {
    TempDir dir;
    const auto input = dir.write("loop.cpp", kLoop);
    const auto run = run_corofy({input.string()});
    CHECK(run.status == 1);
    CHECK(run.err.starts_with(input.string() + ":2:36: error: a wait inside a loop cannot be rewritten\n"));
    CHECK(run.err.ends_with("corofy: 1 error; nothing written\n"));
    CHECK_FALSE(fs::exists(dir.path / "loop_corofied.cpp"));
  }

  TEST_CASE("every kind of refusal exits with status 1 and prints file:line:col: error: first") {
    struct Case {
      const char* source;
      const char* first_line;  // after "<path>:"
    };
    const Case cases[] = {
        {"coroutine void f() {\n  while (more()) g().wait;\n}\n", "2:22: error: a wait inside a loop cannot be rewritten"},
        {"coroutine void f(bool b) {\n  if (b) g().wait;\n}\n", "2:14: error: a wait inside a branch cannot be rewritten"},
        {"coroutine void f() {\n  auto n = 1;\n  g().wait;\n  use(n);\n}\n",
         "2:3: error: 'n' is declared 'auto' and lives across a wait; write its type"},
        {"coroutine void f() {\n  int& n = m;\n  g().wait;\n  use(n);\n}\n",
         "2:6: error: 'n' is a reference that lives across a wait"},
        {"coroutine void f() {\n  int* n = &m;\n  g().wait;\n  use(n);\n}\n",
         "2:6: error: 'n' is a pointer that lives across a wait"},
        {"coroutine void f(const std::string& s) {\n  g(s).wait;\n}\n",
         "1:35: error: parameter 's' is a reference; a coroutine keeps its parameters until it finishes"},
        {"coroutine void f() {\n  g().wait;\n", "1:20: error: unbalanced '{': it is never closed"},
        {"void f() {\n  s = \"open;\n}\n", "2:7: error: unterminated string literal"},
        {"void f() {\n  c = 'x;\n}\n", "2:7: error: unterminated character literal"},
        {"auto s = R\"d(open\n", "1:10: error: unterminated raw string literal"},
        {"void f() {}\n/* open\n", "2:1: error: unterminated comment: this '/*' has no '*/'"},
    };
    TempDir dir;
    for (const Case& c : cases) {
      const auto input = dir.write("bad.cpp", c.source);
      const auto run = run_corofy({input.string()});
      CHECK_MESSAGE(run.status == 1, c.first_line);
      CHECK(run.err.starts_with(input.string() + ":" + c.first_line + "\n"));
      CHECK(run.out.empty());
      CHECK_FALSE(fs::exists(dir.path / "bad_corofied.cpp"));
    }
  }

  TEST_CASE("a missing input or a bad option is reported, not a crash") {
    const auto missing = run_corofy({"/nonexistent/main.coro.cpp"});
    CHECK(missing.status == 1);
    CHECK(missing.err.starts_with("corofy: error: cannot read /nonexistent/main.coro.cpp: "));
    CHECK(run_corofy({"--no-such-option", "x.cpp"}).status == 2);
    CHECK(run_corofy({}).status == 2);
    CHECK(run_corofy({"x.cpp", "--stdout", "-o", "y.cpp"}).status == 2);
  }

  TEST_CASE("--help explains the two words and the options") {
    const auto help = run_corofy({"--help"});
    CHECK(help.status == 0);
    for (const char* text : {"coroutine T name(PARAMS)", "EXPR.wait;", "TYPE name = EXPR.wait;", "--output",
                             "--stdout", "--waker", "--check", "Exit status"}) {
      CHECK_MESSAGE(help.out.find(text) != std::string::npos, "--help does not mention " << text);
    }
  }

  TEST_CASE("the built tool stops with an error, within a deadline, on input cut off mid-statement") {
    struct Case {
      const char* source;
      const char* first_line;  // after "<path>:"
    };
    const Case cases[] = {
        {"coroutine int f() {\n  return x\n}\n", "3:1: error: expected ';' before '}'"},
        {"coroutine int f() {\n  g().wait;\n  return x\n}\n", "4:1: error: expected ';' before '}'"},
        {"coroutine void f() {\n  if (b) { return }\n}\n", "2:19: error: expected ';' before '}'"},
        {"coroutine void f() {\n  int x = 1\n}\n", "3:1: error: expected ';' before '}'"},
        {"coroutine void f() {\n  do {} while (x)\n}\n", "3:1: error: expected ';' before '}'"},
        {"coroutine void f(int n) {\n  switch (n) { case 1 }\n}\n", "2:23: error: expected ':' before '}'"},
        {"coroutine int f() {\n  return g(", "2:11: error: unbalanced '(': it is never closed"},
        {"coroutine int f() {\n  return", "1:19: error: unbalanced '{': it is never closed"},
        {"coroutine int f(", "1:16: error: unbalanced '(': it is never closed"},
    };
    TempDir dir;
    for (const Case& c : cases) {
      const auto input = dir.write("cut.coro.cpp", c.source);
      const auto run = testing::run_program({COROFY_PATH, input.string(), "--stdout"}, std::chrono::seconds(10));
      CHECK_FALSE_MESSAGE(run.timed_out, c.source);
      CHECK_MESSAGE(run.status == 1, c.source);
      CHECK(run.out.empty());
      CHECK_MESSAGE(run.err.starts_with(input.string() + ":" + c.first_line + "\n"), run.err);
    }
  }

  TEST_CASE("the built tool exits with status 1 and prints file:line:col for a wait in a loop") {
    TempDir dir;
    const auto input = dir.write("loop.coro.cpp", kLoop);
    const auto run = testing::run_program({COROFY_PATH, input.string()});
    CHECK_FALSE(run.timed_out);
    CHECK(run.status == 1);
    CHECK(run.out.empty());
    CHECK(run.err.starts_with(input.string() + ":2:36: error: a wait inside a loop cannot be rewritten\n"));
    CHECK(run.err.find(input.string() + ":2:3: note: the loop starts here") != std::string::npos);
  }
}
