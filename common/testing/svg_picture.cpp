#include "testing/svg_picture.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "testing/run_program.hpp"

namespace testing {

namespace {

constexpr const char* kXmllint = "/usr/bin/xmllint";

// The value of attribute `name` inside the tag text `tag`, or nullopt.
std::optional<std::string> attribute(const std::string& tag, const std::string& name) {
  const std::string key = " " + name + "=\"";
  const auto at = tag.find(key);
  if (at == std::string::npos) return std::nullopt;
  const auto from = at + key.size();
  const auto to = tag.find('"', from);
  if (to == std::string::npos) return std::nullopt;
  return tag.substr(from, to - from);
}

std::string unescaped(std::string text) {
  const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&amp;", "&"}};
  for (const auto& [entity, plain] : entities) {
    for (auto at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1)) {
      text.replace(at, std::string(entity).size(), plain);
    }
  }
  return text;
}

long long number(const std::string& tag, const std::string& name) {
  const auto value = attribute(tag, name);
  return value ? std::stoll(*value) : 0;
}

// Every opening tag that starts with `start`, as text up to its '>'.
std::vector<std::string> tags(const std::string& text, const std::string& start) {
  std::vector<std::string> found;
  for (auto at = text.find(start); at != std::string::npos; at = text.find(start, at + 1)) {
    found.push_back(text.substr(at, text.find('>', at) - at));
  }
  return found;
}

}  // namespace

std::vector<std::string> SvgPicture::labels_by_end() const {
  std::vector<SvgRow> sorted = rows;
  std::stable_sort(sorted.begin(), sorted.end(), [](const SvgRow& a, const SvgRow& b) {
    if (!a.end_ms || !b.end_ms) return a.end_ms.has_value() && !b.end_ms.has_value();
    return *a.end_ms < *b.end_ms;
  });
  std::vector<std::string> labels;
  for (const auto& row : sorted) labels.push_back(row.label);
  return labels;
}

SvgPicture read_svg(const std::string& path) {
  SvgPicture picture;
  std::ifstream in(path);
  if (!in) {
    picture.xmllint = "cannot read " + path;
    return picture;
  }
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  picture.bytes = text.size();
  if (::access(kXmllint, X_OK) == 0) {
    const auto lint = run_host_program({kXmllint, "--noout", path}, std::chrono::seconds(30));
    picture.parses = lint.status == 0 && lint.err.empty();
    picture.xmllint = lint.err;
  } else if (std::getenv("CI") != nullptr) {
    picture.xmllint = std::string(kXmllint) + " is missing: scripts/setup.sh --ci installs it (libxml2-utils)";
  } else {
    // A reader's machine without libxml2-utils: the rest is still checked.
    MESSAGE("not checked with xmllint (apt-get install libxml2-utils): ", path);
    picture.parses = true;
  }
  for (const auto& tag : tags(text, "<g class=\"row\"")) {
    SvgRow row;
    row.label = unescaped(attribute(tag, "data-label").value_or(""));
    row.start_ms = std::stod(attribute(tag, "data-start-ms").value_or("0"));
    if (const auto end = attribute(tag, "data-end-ms"); end && *end != "none") row.end_ms = std::stod(*end);
    row.polls = number(tag, "data-polls");
    picture.rows.push_back(row);
  }
  for (const auto& tag : tags(text, "<g class=\"lane\"")) {
    SvgLane lane;
    lane.label = unescaped(attribute(tag, "data-label").value_or(""));
    lane.parks = number(tag, "data-parks");
    lane.wakes = number(tag, "data-wakes");
    lane.woken_by_reactor = number(tag, "data-woken-by-reactor");
    lane.woken_by_other_thread = number(tag, "data-woken-by-other-thread");
    lane.woken_by_itself = number(tag, "data-woken-by-itself");
    picture.lanes.push_back(lane);
  }
  return picture;
}

void check_unwritable_svg_is_refused(const std::string& program, const std::vector<std::string>& args) {
  const std::string path = "/nonexistent-dir/picture.svg";
  std::vector<std::string> argv{program};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.insert(argv.end(), {"--svg", path});
  const auto result = run_program(argv);
  INFO(program, " said: ", result.err);
  CHECK(result.status == 2);
  CHECK(result.err.starts_with("error: --svg " + path + ": cannot open for writing: "));
  CHECK(result.err.find('\n') == result.err.size() - 1);  // one line
  CHECK(result.out.empty());                             // nothing started
}

TempSvgPath::TempSvgPath() {
  char name[] = "/tmp/picture_XXXXXX.svg";
  const int fd = ::mkstemps(name, 4);
  if (fd == -1) throw std::runtime_error("mkstemps failed for a test picture");
  ::close(fd);
  path_ = name;
}

TempSvgPath::~TempSvgPath() { std::remove(path_.c_str()); }

}  // namespace testing
