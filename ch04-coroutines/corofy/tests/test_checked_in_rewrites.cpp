// Beside every FILE.coro.cpp in examples/ sits FILE_corofied.cpp,
// corofy's rewrite, kept in the tree for reading. The build compiles a fresh
// rewrite, so a stale copy would mislead the reader without breaking
// anything: this test is what notices.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "rewrite.hpp"

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<fs::path> coroutine_sources() {
  std::vector<fs::path> found;
  for (const char* dir : {"examples"}) {
    const fs::path root = fs::path(CH04_SOURCE_DIR) / dir;
    if (!fs::exists(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.is_regular_file() && entry.path().string().ends_with(".coro.cpp")) found.push_back(entry.path());
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

// The 1-based number of the first line where `a` and `b` differ.
std::size_t first_difference(const std::string& a, const std::string& b) {
  std::size_t line = 1;
  for (std::size_t i = 0; i < a.size() && i < b.size() && a[i] == b[i]; ++i) line += a[i] == '\n' ? 1 : 0;
  return line;
}

}  // namespace

TEST_SUITE("ch04/corofy/checked-in rewrites") {
  TEST_CASE("every checked-in *_corofied.cpp is what corofy writes today") {
    const auto sources = coroutine_sources();
    CHECK(sources.size() >= 3);  // b-async-await, c-async-await, d-cpp20's twin
    for (const fs::path& source : sources) {
      const fs::path rewrite = corofy::default_output_path(source.string());
      const std::string relative = fs::relative(rewrite, CH04_SOURCE_DIR).string();
      REQUIRE_MESSAGE(fs::exists(rewrite), relative << " is missing");
      const std::string expected =
          corofy::rewrite(read(source), {.file_name = source.filename().string(), .waker = false});
      const std::string checked_in = read(rewrite);
      CHECK_MESSAGE(checked_in == expected, relative << " is out of date from line " << first_difference(checked_in, expected)
                                                     << "; refresh it with: corofy " << fs::relative(source, CH04_SOURCE_DIR).string());
    }
  }
}
