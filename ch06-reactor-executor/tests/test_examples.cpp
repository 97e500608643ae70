// The examples, run as a reader runs them, against the delay server
// embedded in this test process (short delays, a deadline on every run).
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "testing/delay_server_fixture.hpp"
#include "testing/http_client.hpp"
#include "testing/run_program.hpp"
#include "testing/svg_picture.hpp"

namespace {

testing::ProgramResult run(const char* program, const common::ServerAddress& server, std::vector<std::string> args) {
  args.insert(args.begin(), {program, "--server", server.to_string()});
  auto result = testing::run_program(args);
  CHECK_FALSE(result.timed_out);
  CHECK_MESSAGE(result.status == 0, "stderr: " << result.err);
  return result;
}

// The first "label: N" in `out`.
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

void check_in_order(const std::string& out, const std::vector<std::string>& lines) {
  std::size_t at = 0;
  for (const auto& line : lines) {
    const auto found = out.find(line, at);
    CHECK_MESSAGE(found != std::string::npos, "missing or out of order: " << line);
    if (found != std::string::npos) at = found;
  }
}

}  // namespace

TEST_SUITE("ch06/examples") {
  TEST_CASE_FIXTURE(testing::DelayServerFixture, "b-reactor-executor joins five requests, ends in about the longest delay, and parks between answers") {
    const auto result = run(B_REACTOR_EXECUTOR_PATH, address(), {"--requests", "5", "--delay-ms", "100"});
    const std::string& out = result.out;
    CHECK(out.starts_with("Program starting\n"));
    std::vector<std::string> lines;
    for (int i = 0; i < 5; ++i) lines.push_back("request " + std::to_string(i) + ": HelloAsyncAwait" + std::to_string(i) + "\n");
    check_in_order(out, lines);
    CHECK(out.find("/400/HelloAsyncAwait4 |") != std::string::npos);  // a timeline row
    const long ms = number_after(out, "total elapsed");
    CHECK(ms >= 400);
    CHECK(ms < 900);
    // One task (the join): polled to start and about once per answer.
    CHECK(number_after(out, "tasks") == 1);
    const long polls = number_after(out, "polls");
    CHECK(polls >= 2);
    CHECK(polls <= 2 * 5 + 1);
    CHECK(number_after(out, "parks") >= 1);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "c-reactor-executor runs the spawned tasks to the end after the main task is done") {
    const auto result = run(C_REACTOR_EXECUTOR_PATH, address(), {"--requests", "3", "--delay-ms", "100"});
    const std::string& out = result.out;
    check_in_order(out, {"Program starting\n", "main task: main", "request 1: HelloAsyncAwait1\n",
                         "request 2: HelloAsyncAwait2\n", "request 3: HelloAsyncAwait3\n"});
    CHECK(number_after(out, "tasks") == 4);  // the main task and three spawned
    // Each task is polled for itself: once to start, once or twice when woken.
    const long polls = number_after(out, "polls");
    CHECK(polls >= 2 * 4);
    CHECK(polls <= 3 * 4);
    CHECK(number_after(out, "total elapsed") >= 300);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "d-multiple-threads completes every request on every thread with one reactor") {
    const auto result = run(D_MULTIPLE_THREADS_PATH, address(), {"--threads", "3", "--requests", "2", "--delay-ms", "60"});
    const std::string& out = result.out;
    for (int t = 0; t < 3; ++t) {
      for (int i = 1; i <= 2; ++i) {
        const std::string line = "thread " + std::to_string(t) + ": t" + std::to_string(t) + "-request" + std::to_string(i) + "\n";
        CHECK_MESSAGE(out.find(line) != std::string::npos, "missing: " << line);
      }
      CHECK(out.find("thread " + std::to_string(t) + ": main task's timer fired") != std::string::npos);
      CHECK(out.find("executor " + std::to_string(t) + ": tasks: 3") != std::string::npos);
    }
    CHECK(number_after(out, "reactor:  loops") >= 1);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture, "e-work-stealing answers every request and an idle worker steals") {
    // Four busy tasks of 200 ms queue up on the main task's worker; the
    // other worker, unparked by the first spawn, has 800 ms of queued work
    // to steal from: a guard wide enough for a loaded machine.
    const auto result = run(E_WORK_STEALING_PATH, address(),
                            {"--workers", "2", "--requests", "4", "--delay-ms", "50", "--busy", "4", "--busy-ms", "200"});
    const std::string& out = result.out;
    for (int i = 1; i <= 4; ++i) {
      const std::string body = ": request-" + std::to_string(i) + "\n";
      CHECK_MESSAGE(out.find(body) != std::string::npos, "missing: " << body);
    }
    CHECK(number_after(out, "tasks") == 1 + 4 + 4);
    long long stolen = 0;
    for (std::size_t at = out.find("steals: "); at != std::string::npos; at = out.find("steals: ", at + 1)) {
      stolen += std::stoll(out.substr(at + 8));
    }
    CHECK(stolen >= 1);
  }

  TEST_CASE("without a delay server every example says so in one line and exits with status 2") {
    const common::ServerAddress nowhere{"127.0.0.1", testing::unused_loopback_port()};
    for (const char* program : {B_REACTOR_EXECUTOR_PATH, C_REACTOR_EXECUTOR_PATH, D_MULTIPLE_THREADS_PATH,
                                E_WORK_STEALING_PATH}) {
      CAPTURE(program);
      const auto result = testing::run_program({program, "--server", nowhere.to_string()});
      CHECK(result.status == 2);
      CHECK(result.err.starts_with("cannot reach the delay server at " + nowhere.to_string()));
      CHECK(result.err.find('\n') == result.err.size() - 1);
    }
  }

  TEST_CASE("every example's --help names its options and exits with status 0") {
    const std::vector<std::pair<const char*, std::vector<std::string>>> programs{
        {B_REACTOR_EXECUTOR_PATH, {"--server", "--requests", "--delay-ms"}},
        {C_REACTOR_EXECUTOR_PATH, {"--server", "--requests", "--delay-ms"}},
        {D_MULTIPLE_THREADS_PATH, {"--server", "--threads", "--requests", "--delay-ms"}},
        {E_WORK_STEALING_PATH, {"--server", "--workers", "--requests", "--delay-ms", "--busy", "--busy-ms"}}};
    for (const auto& entry : programs) {  // not a structured binding: Clang 14 cannot capture one in CAPTURE
      const char* program = entry.first;
      CAPTURE(program);
      const auto result = testing::run_program({program, "--help"});
      CHECK(result.status == 0);
      for (const auto& option : entry.second) CHECK_MESSAGE(result.out.find(option) != std::string::npos, option);
    }
  }

  TEST_CASE("the checked-in main_corofied.cpp files are the rewrites the build compiles") {
    for (const char* step : {"b-reactor-executor", "c-reactor-executor"}) {
      CAPTURE(step);
      const std::string checked_in = std::string(SOURCE_DIR) + "/examples/" + step + "/main_corofied.cpp";
      const std::string built = std::string(BINARY_DIR) + "/corofied/examples/" + step + "/main_corofied.cpp";
      CHECK_MESSAGE(read(checked_in) == read(built), checked_in << " is out of date: copy " << built << " over it");
    }
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture,
                    "b-reactor-executor --svg draws a row per request in answer order, and the reactor waking the parked thread") {
    testing::TempSvgPath svg;
    (void)run(B_REACTOR_EXECUTOR_PATH, address(), {"--requests", "3", "--delay-ms", "100", "--svg", svg.path()});
    const auto picture = testing::read_svg(svg.path());
    CHECK_MESSAGE(picture.parses, picture.xmllint);
    REQUIRE(picture.rows.size() == 3);
    const std::vector<std::string> by_delay{"/0/HelloAsyncAwait0", "/100/HelloAsyncAwait1", "/200/HelloAsyncAwait2"};
    CHECK(picture.labels_by_end() == by_delay);
    REQUIRE(picture.lanes.size() == 1);
    CHECK(picture.lanes[0].label == "main thread");
    CHECK(picture.lanes[0].parks >= 2);             // waiting for /100 and for /200
    CHECK(picture.lanes[0].woken_by_reactor >= 2);  // their answers, through the reactor's thread
    CHECK(picture.lanes[0].woken_by_itself >= 1);   // block_on's spawn of the main task
    CHECK(picture.lanes[0].woken_by_other_thread == 0);
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture,
                    "c-reactor-executor --svg draws the main task and each spawned request, in answer order") {
    testing::TempSvgPath svg;
    (void)run(C_REACTOR_EXECUTOR_PATH, address(), {"--requests", "2", "--delay-ms", "100", "--svg", svg.path()});
    const auto picture = testing::read_svg(svg.path());
    CHECK_MESSAGE(picture.parses, picture.xmllint);
    REQUIRE(picture.rows.size() == 3);
    const std::vector<std::string> by_delay{"main task: /0/main", "/100/HelloAsyncAwait1", "/200/HelloAsyncAwait2"};
    CHECK(picture.labels_by_end() == by_delay);
    REQUIRE(picture.lanes.size() == 1);
    CHECK(picture.lanes[0].woken_by_reactor >= 2);
    CHECK(picture.lanes[0].woken_by_itself >= 3);  // block_on's spawn and the two spawns of the main task
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture,
                    "d-multiple-threads --svg draws every thread's requests and a lane per executor thread") {
    testing::TempSvgPath svg;
    (void)run(D_MULTIPLE_THREADS_PATH, address(),
              {"--threads", "2", "--requests", "2", "--delay-ms", "100", "--svg", svg.path()});
    const auto picture = testing::read_svg(svg.path());
    CHECK_MESSAGE(picture.parses, picture.xmllint);
    REQUIRE(picture.rows.size() == 4);
    // The two 100 ms requests (one per thread) answer before the two 200 ms ones.
    auto order = picture.labels_by_end();
    std::sort(order.begin(), order.begin() + 2);
    std::sort(order.begin() + 2, order.end());
    CHECK(order == std::vector<std::string>{"thread 0 /100/t0-request1", "thread 1 /100/t1-request1",
                                            "thread 0 /200/t0-request2", "thread 1 /200/t1-request2"});
    REQUIRE(picture.lanes.size() == 2);
    std::vector<std::string> lanes{picture.lanes[0].label, picture.lanes[1].label};
    std::sort(lanes.begin(), lanes.end());
    CHECK(lanes == std::vector<std::string>{"executor 0", "executor 1"});
    for (const auto& lane : picture.lanes) {
      CHECK(lane.parks >= 1);
      CHECK(lane.woken_by_reactor >= 2);  // its two answers, from the one reactor thread
    }
  }

  TEST_CASE_FIXTURE(testing::DelayServerFixture,
                    "e-work-stealing --svg draws every request in answer order, a lane per worker, and its steals as wakes by another thread") {
    // The busy tasks (2 x 30 ms) can hold a request back by at most 60 ms
    // before its GET starts: less than the 150 ms between two delays.
    testing::TempSvgPath svg;
    const auto result = run(E_WORK_STEALING_PATH, address(),
                            {"--workers", "2", "--requests", "3", "--delay-ms", "150", "--busy", "2", "--busy-ms", "30",
                             "--svg", svg.path()});
    const auto picture = testing::read_svg(svg.path());
    CHECK_MESSAGE(picture.parses, picture.xmllint);
    REQUIRE(picture.rows.size() == 3 + 2);  // the requests and the busy tasks
    std::vector<std::string> requests;
    for (const auto& label : picture.labels_by_end()) {
      if (label.starts_with("/")) requests.push_back(label);
    }
    CHECK(requests == std::vector<std::string>{"/150/request-1", "/300/request-2", "/450/request-3"});
    for (const auto& row : picture.rows) {
      CAPTURE(row.label);
      CHECK(row.end_ms.has_value());
      if (row.label.starts_with("/")) CHECK(row.polls >= 2);  // the first poll and the one after its answer
    }
    REQUIRE(picture.lanes.size() == 2);
    std::vector<std::string> lanes{picture.lanes[0].label, picture.lanes[1].label};
    std::sort(lanes.begin(), lanes.end());
    CHECK(lanes == std::vector<std::string>{"worker 0", "worker 1"});
    long long by_reactor = 0, by_other = 0, by_itself = 0;
    for (const auto& lane : picture.lanes) {
      CHECK(lane.parks >= 1);  // idle at least while the last request waits for its answer
      by_reactor += lane.woken_by_reactor;
      by_other += lane.woken_by_other_thread;
      by_itself += lane.woken_by_itself;
    }
    CHECK(by_reactor >= 3);     // each answer, through the injector to whichever worker took it
    CHECK(by_itself >= 2 + 3);  // the main task's spawns onto its own worker's queue
    // From another thread: block_on's root, from the main thread through the
    // injector, and one mark per steal, as the figures count them.
    long long steals = 0;
    for (std::size_t at = result.out.find("steals: "); at != std::string::npos; at = result.out.find("steals: ", at + 1)) {
      steals += std::stoll(result.out.substr(at + 8));
    }
    CHECK(by_other == 1 + steals);
  }

  TEST_CASE("every example's --svg to an unwritable path is one line and exit status 2, before any request") {
    for (const char* program : {B_REACTOR_EXECUTOR_PATH, C_REACTOR_EXECUTOR_PATH, D_MULTIPLE_THREADS_PATH,
                                E_WORK_STEALING_PATH}) {
      testing::check_unwritable_svg_is_refused(program);
    }
  }
}
