// Golden files: corofy's output for each tests/golden/NN-name/input.cpp must
// be expected.cpp, line for line. A difference names the file and the first
// line that differs. The build also compiles every rewrite and
// test_generated_code.cpp runs it, so an expected.cpp is not just text that
// matches: it is code that works.
//
// To accept a deliberate change of the output, run the tests once with
// COROFY_UPDATE_GOLDEN=1 in the environment, then read the diff before
// committing it.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "rewrite.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kGolden = COROFY_GOLDEN_DIR;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot read " << path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

void check_golden(const std::string& name) {
  const fs::path dir = kGolden / name;
  corofy::Options options{.file_name = "input.cpp", .waker = false};
  if (fs::exists(dir / "options.txt")) options.waker = read(dir / "options.txt").find("--waker") != std::string::npos;
  std::string actual;
  try {
    actual = corofy::rewrite(read(dir / "input.cpp"), options);
  } catch (const corofy::RewriteError& e) {
    FAIL("corofy refused " << name << "/input.cpp: " << e.what());
  }
  if (const char* update = std::getenv("COROFY_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    std::ofstream(dir / "expected.cpp", std::ios::binary) << actual;
  }
  const auto want = lines(read(dir / "expected.cpp"));
  const auto got = lines(actual);
  for (std::size_t i = 0; i < want.size() && i < got.size(); ++i) {
    if (want[i] != got[i]) {
      FAIL(name << "/expected.cpp:" << i + 1 << ": differs\n  expected: " << want[i] << "\n  corofy:   " << got[i]);
    }
  }
  if (want.size() != got.size()) {
    FAIL(name << "/expected.cpp has " << want.size() << " lines, corofy wrote " << got.size());
  }
  CHECK(actual.ends_with('\n') == read(dir / "expected.cpp").ends_with('\n'));
}

// The cases, one test each; a new golden directory must be added here.
const std::vector<std::string> kCases = {
    "01-no-wait",
    "02-one-wait",
    "03-several-waits",
    "04-parameters",
    "05-locals-across-waits",
    "06-value-returning",
    "07-waker",
    "08-keywords-in-comments-and-literals",
    "09-several-coroutines",
    "10-layout-and-comments",
    "11-input-forms",
};

}  // namespace

TEST_SUITE("ch04/corofy/golden") {
  TEST_CASE("01-no-wait: one state runs the whole body") { check_golden(kCases[0]); }
  TEST_CASE("02-one-wait: states Start and Wait1") { check_golden(kCases[1]); }
  TEST_CASE("03-several-waits: the three forms of a wait") { check_golden(kCases[2]); }
  TEST_CASE("04-parameters: every parameter becomes a member") { check_golden(kCases[3]); }
  TEST_CASE("05-locals-across-waits: locals used after a wait become members") { check_golden(kCases[4]); }
  TEST_CASE("06-value-returning: every return resolves the future") { check_golden(kCases[5]); }
  TEST_CASE("07-waker: the waker reaches every child") { check_golden(kCases[6]); }
  TEST_CASE("08-keywords-in-comments-and-literals: text stays text") { check_golden(kCases[7]); }
  TEST_CASE("09-several-coroutines: declarations, statics, coroutines waiting on coroutines") { check_golden(kCases[8]); }
  TEST_CASE("10-layout-and-comments: your layout and comments survive") { check_golden(kCases[9]); }

  TEST_CASE("11-input-forms: a byte-order mark, a continued #define, an inline namespace") { check_golden(kCases[10]); }

  TEST_CASE("every golden directory has its test case") {
    std::set<std::string> on_disk;
    for (const auto& entry : fs::directory_iterator(kGolden)) {
      if (entry.is_directory()) on_disk.insert(entry.path().filename().string());
    }
    CHECK(on_disk == std::set<std::string>(kCases.begin(), kCases.end()));
  }
}
