// a-runtime, run as a reader runs it, against the delay server embedded in
// this test process (short delays, a deadline on every run).
#include <doctest/doctest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "testing/run_program.hpp"
#include "testing/delay_server_fixture.hpp"
#include "testing/http_client.hpp"
#include "testing/svg_picture.hpp"

namespace {

testing::ProgramResult run(const common::ServerAddress& server, std::vector<std::string> args) {
  args.insert(args.begin(), {A_RUNTIME_PATH, "--server", server.to_string()});
  auto result = testing::run_program(args);
  CHECK_FALSE(result.timed_out);
  CHECK_MESSAGE(result.status == 0, "stderr: " << result.err);
  return result;
}

long number_after(const std::string& out, const std::string& label) {
  std::smatch match;
  const std::regex pattern(label + ": ([0-9]+)");
  REQUIRE_MESSAGE(std::regex_search(out, match, pattern), "no '" << label << ": N' in\n" << out);
  return std::stol(match[1].str());
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.is_open(), "cannot read " << path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_SUITE("ch05/examples") {
  TEST_CASE_FIXTURE(testing::DelayServerFixture, "a-runtime joins five requests, ends in about the longest delay, and polls a handful of times") {
    // Delays 0, 100, 200, 300, 400 ms: about 400 ms at once, 1000 ms one by one.
    const auto result = run(address(), {"--requests", "5", "--delay-ms", "100"});
    const std::string& out = result.out;
    CHECK(out.starts_with("Program starting\n"));
    std::size_t at = 0;
    for (int i = 0; i < 5; ++i) {  // they finish in the order of their delays
      const std::string line = "request " + std::to_string(i) + ": HelloAsyncAwait" + std::to_string(i) + "\n";
      const auto found = out.find(line, at);
      CHECK_MESSAGE(found != std::string::npos, "missing or out of order: " << line);
      if (found != std::string::npos) at = found;
    }
    CHECK(out.find("/400/HelloAsyncAwait4 |") != std::string::npos);  // a timeline row
    const long ms = number_after(out, "total elapsed");
    CHECK(ms >= 400);
    CHECK(ms < 900);  // well under the 1000 ms of one request after another
    // Five answers 100 ms apart: one wake-up each (two if a FIN lags), and
    // the first poll. Our chapter 3's spinning loop polls thousands of times.
    const long polls = number_after(out, "polls");
    const long waits = number_after(out, "epoll waits");
    CHECK(polls >= 2);
    CHECK(polls <= 2 * 5 + 1);
    CHECK(waits == polls - 1);
    CHECK(number_after(out, "events") >= waits);
    CHECK(out.find("% of one core") != std::string::npos);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "a-runtime's polls grow with the requests, not with the time waited") {
    // Two requests, the second waiting 300 ms: a spinning loop would poll
    // all that time; the runtime polls once to start and once per answer.
    const auto result = run(address(), {"--requests", "2", "--delay-ms", "300"});
    CHECK(number_after(result.out, "polls") <= 2 * 2 + 1);
    CHECK(number_after(result.out, "total elapsed") >= 300);
  }

  TEST_CASE("without a delay server a-runtime says so in one line and exits with status 2") {
    const common::ServerAddress nowhere{"127.0.0.1", testing::unused_loopback_port()};
    const auto result = testing::run_program({A_RUNTIME_PATH, "--server", nowhere.to_string()});
    CHECK(result.status == 2);
    CHECK(result.err.starts_with("cannot reach the delay server at " + nowhere.to_string()));
    CHECK(result.err.find('\n') == result.err.size() - 1);
  }

  TEST_CASE("a-runtime --help names its options and exits with status 0") {
    const auto result = testing::run_program({A_RUNTIME_PATH, "--help"});
    CHECK(result.status == 0);
    for (const char* option : {"--server", "--requests", "--delay-ms"}) {
      CHECK_MESSAGE(result.out.find(option) != std::string::npos, option << " missing from --help");
    }
  }

  TEST_CASE("the checked-in main_corofied.cpp is the rewrite the build compiles") {
    // The build rewrites main.coro.cpp afresh; a stale copy in the tree would
    // mislead the reader without breaking anything, so this test notices.
    CHECK_MESSAGE(read(CHECKED_IN_REWRITE) == read(BUILT_REWRITE),
                  "examples/a-runtime/main_corofied.cpp is out of date: copy " << BUILT_REWRITE << " over it");
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture,
                    "a-runtime --svg draws a row per request in answer order, a few polls each, and the sleeps epoll ends") {
    testing::TempSvgPath svg;
    (void)run(address(), {"--requests", "3", "--delay-ms", "100", "--svg", svg.path()});
    const auto picture = testing::read_svg(svg.path());
    CHECK_MESSAGE(picture.parses, picture.xmllint);
    REQUIRE(picture.rows.size() == 3);
    const std::vector<std::string> by_delay{"/0/HelloAsyncAwait0", "/100/HelloAsyncAwait1", "/200/HelloAsyncAwait2"};
    CHECK(picture.labels_by_end() == by_delay);
    // Polled once per turn of block_on, and a turn needs an event: a
    // handful, where chapter 3's loop polls the same wait thousands of times.
    for (const auto& row : picture.rows) {
      CHECK(row.polls >= 1);
      CHECK(row.polls < 20);
    }
    REQUIRE(picture.lanes.size() == 1);
    CHECK(picture.lanes[0].label == "main thread");
    CHECK(picture.lanes[0].parks >= 2);  // waiting for /100 and for /200
    CHECK(picture.lanes[0].woken_by_reactor >= 2);
    CHECK(picture.lanes[0].woken_by_itself == 0);
  }

  TEST_CASE("a-runtime --svg to an unwritable path is one line and exit status 2, before any request") {
    testing::check_unwritable_svg_is_refused(A_RUNTIME_PATH);
  }
}
