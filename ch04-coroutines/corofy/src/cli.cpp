#include "cli.hpp"

#include <CLI/CLI.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "rewrite.hpp"

namespace corofy {

namespace {

constexpr const char* kDescription = R"(corofy: rewrite C++ coroutines into state machines.

It reads a C++ file written with two extra words and writes plain C++:
  coroutine T name(PARAMS) { ... }   marks a coroutine; T is void or a value type
  EXPR.wait;                         waits for EXPR, an async::FuturePtr<void>
  TYPE name = EXPR.wait;             waits for EXPR, an async::FuturePtr<TYPE>,
  name = EXPR.wait;                  and gives its output to name
Each coroutine becomes a function `async::FuturePtr<T> name(PARAMS)` and a class
implementing async::Future<T>: a state machine with one state per wait, whose
members are the parameters and the locals that live across a wait. What it
cannot rewrite correctly it refuses, as FILE:LINE:COLUMN: error: ...
)";

constexpr const char* kFooter = R"(Examples:
  corofy main.coro.cpp                 writes main_corofied.cpp beside it
  corofy main.coro.cpp --stdout        prints the rewrite instead
  corofy main.coro.cpp -o out.cpp --waker
  corofy main.coro.cpp --check         fails if main_corofied.cpp is out of date

Exit status: 0 done; 1 the input cannot be rewritten (or --check found a
difference); 2 a bad command line.
)";

bool read_file(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  text = buffer.str();
  return !in.bad();
}

// The 1-based number of the first line where `a` and `b` differ.
std::size_t first_difference(const std::string& a, const std::string& b) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < a.size() && i < b.size() && a[i] == b[i]; ++i) line += a[i] == '\n' ? 1 : 0;
  return line;
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app{kDescription, "corofy"};
  app.footer(kFooter);
  std::string input;
  std::string output;
  Options options;
  bool to_stdout = false;
  bool check = false;
  app.get_formatter()->column_width(24);
  app.add_option("input", input, "the file to rewrite, e.g. main.coro.cpp")
      ->required()
      ->type_name("FILE");
  app.add_option("-o,--output", output, "write here (default: NAME_corofied.cpp beside the input)")
      ->type_name("FILE");
  app.add_flag("--stdout", to_stdout, "print the result instead of writing a file");
  app.add_flag("--waker", options.waker, "generate poll(const async::Waker&) (chapter 6), not poll()");
  app.add_flag("--check", check, "write nothing; fail if the output file is not what corofy writes");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e, out, err);
    return status == 0 ? 0 : 2;
  }
  if (to_stdout && (!output.empty() || check)) {
    err << "corofy: --stdout goes with neither --output nor --check\n";
    return 2;
  }
  if (output.empty()) output = default_output_path(input);
  options.file_name = input.substr(input.rfind('/') == std::string::npos ? 0 : input.rfind('/') + 1);

  std::string source;
  if (!read_file(input, source)) {
    err << "corofy: error: cannot read " << input << ": " << std::strerror(errno) << "\n";
    return 1;
  }
  std::string result;
  try {
    result = rewrite(source, options);
  } catch (const RewriteError& e) {
    for (const Diagnostic& d : e.diagnostics()) err << format(d, input, source);
    err << "corofy: " << e.diagnostics().size() << (e.diagnostics().size() == 1 ? " error" : " errors")
        << "; nothing written\n";
    return 1;
  }
  if (to_stdout) {
    out << result;
    return 0;
  }
  if (check) {
    std::string current;
    if (!read_file(output, current)) {
      err << "corofy: " << output << " is missing; write it with: corofy " << input << " -o " << output << "\n";
      return 1;
    }
    if (current != result) {
      err << "corofy: " << output << " is out of date (from line " << first_difference(current, result)
          << "); rewrite it with: corofy " << input << " -o " << output << (options.waker ? " --waker" : "") << "\n";
      return 1;
    }
    return 0;
  }
  std::ofstream file(output, std::ios::binary | std::ios::trunc);
  file << result;
  file.close();
  if (!file) {
    err << "corofy: error: cannot write " << output << ": " << std::strerror(errno) << "\n";
    return 1;
  }
  return 0;
}

}  // namespace corofy
