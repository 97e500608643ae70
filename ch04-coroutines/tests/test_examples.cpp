// The four programs, run as a reader runs them, against the delay server
// embedded in this test process (short delays, a deadline on every run).
#include <doctest/doctest.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "testing/run_program.hpp"
#include "testing/delay_server_fixture.hpp"
#include "testing/http_client.hpp"
#include "testing/svg_picture.hpp"

namespace {

// What the program itself printed: every line except the stand-in loop's
// "poll N: ..." and a-coroutine's "[state S] ..." lines.
std::string program_lines(const std::string& out) {
  std::istringstream in(out);
  std::string kept;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("poll ") || line.starts_with("[state ")) continue;
    kept += line + "\n";
  }
  return kept;
}

testing::ProgramResult run(const char* program, const common::ServerAddress& server, std::vector<std::string> args) {
  args.insert(args.begin(), {program, "--server", server.to_string()});
  auto result = testing::run_program(args);
  CHECK_FALSE(result.timed_out);
  CHECK_MESSAGE(result.status == 0, "stderr: " << result.err);
  return result;
}

const std::vector<std::string> kTwoGets = {"--first-delay-ms", "60", "--second-delay-ms", "30", "--sleep-ms", "5"};

// "Program starting", then the two whole responses, HelloWorld1 first.
void check_two_responses(const std::string& lines) {
  CHECK(lines.starts_with("Program starting\nHTTP/1.1 200 OK\r\n"));
  const auto first = lines.find("\r\n\r\nHelloWorld1\n");
  const auto second = lines.find("\r\n\r\nHelloWorld2\n");
  CHECK(first != std::string::npos);
  CHECK(second != std::string::npos);
  CHECK(first < second);
}

}  // namespace

TEST_SUITE("ch04/examples") {
  TEST_CASE_FIXTURE(testing::DelayServerFixture, "a-coroutine prints both responses in order and its states as it goes") {
    const auto result = run(A_COROUTINE_PATH, address(), kTwoGets);
    check_two_responses(program_lines(result.out));
    CHECK(result.out.starts_with("[state Start] created: nothing has run yet\n"));
    CHECK(result.out.find("[state Wait1] poll 1: NotReady") != std::string::npos);
    CHECK(result.out.find("[state Wait2] poll ") != std::string::npos);
    CHECK(result.out.find("[state Resolved] poll ") != std::string::npos);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "b-async-await, rewritten by corofy, prints what a-coroutine prints") {
    const auto hand_written = run(A_COROUTINE_PATH, address(), kTwoGets);
    const auto corofied = run(B_ASYNC_AWAIT_PATH, address(), kTwoGets);
    check_two_responses(program_lines(corofied.out));
    CHECK(program_lines(corofied.out) == program_lines(hand_written.out));
    CHECK(corofied.out.find("poll 1: NotReady -> schedule other tasks\n") != std::string::npos);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "d-cpp20 prints the same, and the sizes of the three versions") {
    const auto hand_written = run(A_COROUTINE_PATH, address(), kTwoGets);
    const auto cpp20 = run(D_CPP20_PATH, address(), kTwoGets);
    const std::string lines = program_lines(cpp20.out);
    const auto sizes = lines.find("\nthe same function, three ways, in bytes on the heap:\n");
    REQUIRE(sizes != std::string::npos);
    CHECK(lines.substr(0, sizes) == program_lines(hand_written.out));
    for (const char* row : {R"(by hand \(.*\) +([0-9]+)\n)", R"(by corofy \(.*\) +([0-9]+)\n)",
                            R"(by the compiler \(.*\) +([0-9]+)\n)"}) {
      std::smatch match;
      const std::string tail = lines.substr(sizes);
      REQUIRE_MESSAGE(std::regex_search(tail, match, std::regex(row)), "no row " << row << " in\n" << tail);
      CHECK(std::stoul(match[1].str()) > 2 * sizeof(void*));
    }
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "c-async-await joins five requests and ends in about the longest delay") {
    // Delays 0, 200, 400, 600, 800 ms: about 800 ms at once, 2000 ms one by one.
    const auto result = run(C_ASYNC_AWAIT_PATH, address(), {"--requests", "5", "--delay-ms", "200", "--sleep-ms", "1"});
    const std::string& out = result.out;
    CHECK(out.starts_with("Program starting\n"));
    std::size_t at = 0;
    for (int i = 0; i < 5; ++i) {  // they finish in the order of their delays
      const std::string line = "request " + std::to_string(i) + ": HelloAsyncAwait" + std::to_string(i) + "\n";
      const auto found = out.find(line, at);
      CHECK_MESSAGE(found != std::string::npos, "missing or out of order: " << line);
      if (found != std::string::npos) at = found;
    }
    CHECK(out.find("/800/HelloAsyncAwait4 |") != std::string::npos);  // a timeline row
    std::smatch total;
    REQUIRE(std::regex_search(out, total, std::regex("total elapsed: ([0-9]+) ms")));
    const long ms = std::stol(total[1].str());
    CHECK(ms >= 800);
    CHECK(ms < 1800);  // well under the 2000 ms of one request after another
  }

  TEST_CASE("without a delay server the programs say so in one line and exit with status 2") {
    const common::ServerAddress nowhere{"127.0.0.1", testing::unused_loopback_port()};
    for (const char* program : {A_COROUTINE_PATH, B_ASYNC_AWAIT_PATH, C_ASYNC_AWAIT_PATH, D_CPP20_PATH}) {
      const auto result = testing::run_program({program, "--server", nowhere.to_string()});
      CHECK(result.status == 2);
      CHECK(result.err.starts_with("cannot reach the delay server at " + nowhere.to_string()));
      CHECK(result.err.find('\n') == result.err.size() - 1);
    }
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture,
                    "c-async-await --svg draws a row per request, the bars ending in the order the answers came") {
    testing::TempSvgPath svg;
    (void)run(C_ASYNC_AWAIT_PATH, address(),
              {"--requests", "3", "--delay-ms", "100", "--sleep-ms", "1", "--svg", svg.path()});
    const auto picture = testing::read_svg(svg.path());
    CHECK_MESSAGE(picture.parses, picture.xmllint);
    REQUIRE(picture.rows.size() == 3);
    const std::vector<std::string> by_delay{"/0/HelloAsyncAwait0", "/100/HelloAsyncAwait1", "/200/HelloAsyncAwait2"};
    CHECK(picture.labels_by_end() == by_delay);
    for (const auto& row : picture.rows) CHECK(row.polls >= 1);
    // The stand-in loop sleeps 1 ms between polls: it parks, and only its own timer wakes it.
    REQUIRE(picture.lanes.size() == 1);
    CHECK(picture.lanes[0].parks >= 1);
    CHECK(picture.lanes[0].woken_by_itself == picture.lanes[0].parks);
  }

  TEST_CASE("c-async-await --svg to an unwritable path is one line and exit status 2, before any request") {
    testing::check_unwritable_svg_is_refused(C_ASYNC_AWAIT_PATH);
  }
}
