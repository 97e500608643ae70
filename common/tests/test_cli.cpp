// common::cli, the one front to CLI11 every program parses its command line with.
#include <doctest/doctest.h>

#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/cli.hpp"

namespace {
// Parses `args` (the program name first) with stdout and stderr captured.
struct Parsed {
  std::optional<int> exit;
  std::string out;
  std::string err;
};

Parsed parse(common::cli::App& app, std::vector<std::string> args) {
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  // Put back even when parse() throws.
  struct Capture {
    std::ostringstream out;
    std::ostringstream err;
    std::streambuf* old_out = std::cout.rdbuf(out.rdbuf());
    std::streambuf* old_err = std::cerr.rdbuf(err.rdbuf());
    ~Capture() {
      std::cout.rdbuf(old_out);
      std::cerr.rdbuf(old_err);
    }
  } capture;
  Parsed parsed;
  parsed.exit = app.parse(static_cast<int>(argv.size()), argv.data());
  parsed.out = capture.out.str();
  parsed.err = capture.err.str();
  return parsed;
}
}  // namespace

TEST_SUITE("common/cli") {
  TEST_CASE("options of every type take their values; without them the defaults stay") {
    common::cli::App app{"test"};
    int count = 1;
    long big = 2;
    std::size_t size = 3;
    double ratio = 0.5;
    std::string name = "x";
    std::vector<int> list;
    bool flag = false;
    app.add_option("--count", count, "");
    app.add_option("--big", big, "");
    app.add_option("--size", size, "");
    app.add_option("--ratio", ratio, "");
    app.add_option("--name", name, "");
    app.add_option("--list", list, "");
    app.add_flag("--flag", flag, "");
    const auto parsed = parse(app, {"prog", "--count", "7", "--size", "4096", "--ratio", "1.25", "--name", "y",
                                    "--list", "1", "2", "3", "--flag"});
    CHECK_FALSE(parsed.exit.has_value());
    CHECK(count == 7);
    CHECK(big == 2);
    CHECK(size == 4096);
    CHECK(ratio == doctest::Approx(1.25));
    CHECK(name == "y");
    CHECK(list == std::vector<int>{1, 2, 3});
    CHECK(flag);
    CHECK(app.given("--count"));
    CHECK_FALSE(app.given("--big"));
    CHECK(app.has_option("--big"));
    CHECK_FALSE(app.has_option("--nope"));
  }

  TEST_CASE("a value outside its Range is a usage error that names the option") {
    common::cli::App app{"test"};
    int n = 5;
    app.add_option("--n", n, "")->check(common::cli::Range(1, 10));
    const auto parsed = parse(app, {"prog", "--n", "11"});
    REQUIRE(parsed.exit.has_value());
    CHECK(*parsed.exit != 0);
    CHECK(parsed.err.find("--n") != std::string::npos);
    CHECK(n == 5);
  }

  TEST_CASE("a value that is not a number, and an unknown option, are usage errors") {
    common::cli::App app{"test"};
    int n = 5;
    app.add_option("--n", n, "");
    CHECK(parse(app, {"prog", "--n", "ten"}).exit.value_or(0) != 0);
    common::cli::App other{"test"};
    CHECK(parse(other, {"prog", "--what"}).exit.value_or(0) != 0);
  }

  TEST_CASE("--help prints the description, each option with its default, and exits with 0") {
    common::cli::App app{"a program that counts"};
    int count = 42;
    app.add_option("--count", count, "how many to count")->capture_default_str();
    const auto parsed = parse(app, {"prog", "--help"});
    REQUIRE(parsed.exit.has_value());
    CHECK(*parsed.exit == 0);
    CHECK(parsed.out.find("a program that counts") != std::string::npos);
    CHECK(parsed.out.find("how many to count") != std::string::npos);
    CHECK(parsed.out.find("42") != std::string::npos);
  }

  TEST_CASE("a function option's std::invalid_argument is a usage error; other exceptions leave parse()") {
    common::cli::App app{"test"};
    app.add_option_function("--bad", [](const std::string&) { throw std::invalid_argument("not like that"); }, "");
    const auto parsed = parse(app, {"prog", "--bad", "x"});
    REQUIRE(parsed.exit.has_value());
    CHECK(*parsed.exit != 0);
    CHECK(parsed.err.find("not like that") != std::string::npos);

    common::cli::App other{"test"};
    other.add_option_function("--io", [](const std::string&) { throw std::runtime_error("cannot open"); }, "");
    CHECK_THROWS_AS((void)parse(other, {"prog", "--io", "x"}), std::runtime_error);
  }

  TEST_CASE("a check function's message rejects the value") {
    common::cli::App app{"test"};
    std::string word = "ok";
    app.add_option("--word", word, "")->check([](const std::string& w) { return w.empty() ? "must not be empty" : ""; });
    const auto parsed = parse(app, {"prog", "--word", ""});
    REQUIRE(parsed.exit.has_value());
    CHECK(*parsed.exit != 0);
    CHECK(parsed.err.find("must not be empty") != std::string::npos);
  }
}
