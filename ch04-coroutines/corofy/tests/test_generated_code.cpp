// The code corofy generates compiles (the build rewrote tests/golden/*/input.cpp
// with corofy_sources) and behaves like the coroutine it came from: nothing
// runs before the first poll, each wait costs the polls its child needs, the
// locals and parameters survive the waits, and a finished coroutine refuses
// to be polled again.
#include <doctest/doctest.h>

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "future.hpp"

// What the golden inputs declare, as corofy rewrote them.
namespace golden01 {
extern int calls;
async::FuturePtr<void> count_call();
}  // namespace golden01
namespace golden02 {
extern std::vector<std::string> events;
async::FuturePtr<void> greet(std::string name);
}  // namespace golden02
namespace golden03 {
async::FuturePtr<void> three_steps(std::vector<std::string>* log);
}  // namespace golden03
namespace golden04 {
async::FuturePtr<std::string> describe(std::string name, int count, std::vector<int> values,
                                       std::map<std::string, int> table, std::unique_ptr<int> owned,
                                       const int* seen, const char separator, double scale = 2.0);
}  // namespace golden04
namespace golden05 {
async::FuturePtr<int> sum_of_locals();
}  // namespace golden05
namespace golden06 {
async::FuturePtr<std::size_t> total_length(std::string first_path, std::string second_path);
}  // namespace golden06
namespace golden08 {
struct Gate {
  int opened = 0;
  void wait() { ++opened; }
};
async::FuturePtr<std::string> keywords(Gate* gate);
}  // namespace golden08
namespace golden09::inner {
async::FuturePtr<int> sum_of_squares(int count);
}  // namespace golden09::inner
namespace golden10 {
async::FuturePtr<std::vector<std::string>> layout(std::string who);
}  // namespace golden10
namespace golden11::inline v1 {
async::FuturePtr<std::string> greet(std::string name);
}  // namespace golden11::inline v1

namespace {

// Polls until Ready, at most `limit` times (a state machine that never
// finishes fails the test instead of hanging it). Returns the polls it took.
template <class T>
int polls_until_ready(async::Future<T>& future, int limit = 100) {
  for (int polls = 1; polls <= limit; ++polls) {
    if (future.poll().is_ready()) return polls;
  }
  FAIL("not Ready after " << limit << " polls");
  return limit;
}

template <class T>
std::pair<T, int> run(async::Future<T>& future, int limit = 100) {
  for (int polls = 1; polls <= limit; ++polls) {
    auto state = future.poll();
    if (state.is_ready()) return {std::move(state).value(), polls};
  }
  FAIL("not Ready after " << limit << " polls");
  return {T{}, limit};
}

}  // namespace

TEST_SUITE("ch04/corofy/generated code") {
  TEST_CASE("a coroutine without a wait runs nothing until polled, then all of it in one poll") {
    golden01::calls = 0;
    auto future = golden01::count_call();
    CHECK(golden01::calls == 0);
    CHECK(future->poll().is_ready());
    CHECK(golden01::calls == 1);
    CHECK_THROWS_AS((void)future->poll(), async::FuturePolledAfterReady);
    CHECK(golden01::calls == 1);
  }

  TEST_CASE("one wait: the code before it runs on the first poll, the rest when the child is Ready") {
    golden02::events.clear();
    auto future = golden02::greet("corofy");
    CHECK(golden02::events.empty());
    CHECK_FALSE(future->poll().is_ready());  // Start, then the child's first NotReady
    CHECK(golden02::events == std::vector<std::string>{"asking"});
    CHECK_FALSE(future->poll().is_ready());  // the child's second NotReady
    CHECK(future->poll().is_ready());
    CHECK(golden02::events == std::vector<std::string>{"asking", "hello corofy"});
  }

  TEST_CASE("three waits in their three forms run in order, a value surviving from the first to the last") {
    std::vector<std::string> log;
    auto future = golden03::three_steps(&log);
    // countdown(1), countdown(2), countdown(0): 1 + 2 + 0 NotReady, then Ready.
    CHECK(polls_until_ready(*future) == 4);
    CHECK(log == std::vector<std::string>{"start", "one", "after the void wait", "two"});
  }

  TEST_CASE("parameters of every kind reach the state that uses them, the default argument included") {
    const int five = 5;
    auto future = golden04::describe("a", 3, {1, 2, 3}, {{"a", 7}}, std::make_unique<int>(4), &five, '|');
    const auto [text, polls] = run(*future);
    CHECK(text == "a|6|3|7|9|20");
    CHECK(polls == 2);
  }

  TEST_CASE("locals declared before a wait keep their values after it") {
    auto future = golden05::sum_of_locals();
    const auto [sum, polls] = run(*future);
    CHECK(sum == 100 + 2 + 3 + 1 + 2 + 5);
    CHECK(polls == 2);
  }

  TEST_CASE("a value-returning coroutine returns through every return, the early one included") {
    auto both = golden06::total_length("ab", "cde");
    const auto [length, polls] = run(*both);
    CHECK(length == 3 + 4);
    CHECK(polls == 3);
    auto early = golden06::total_length("", "cde");
    const auto [nothing, one_poll] = run(*early);
    CHECK(nothing == 0);
    CHECK(one_poll == 1);
  }

  TEST_CASE("keywords in comments and literals stay text, and wait() stays a call") {
    golden08::Gate gate;
    auto future = golden08::keywords(&gate);
    const auto [text, polls] = run(*future);
    CHECK(gate.opened == 2);
    CHECK(text.starts_with("x.wait;."));
    CHECK(text.find("    g().wait; }  \"not a string end\n") != std::string::npos);
    CHECK(text.ends_with("coroutine void f() { x.wait; }1000"));
    CHECK(polls == 2);
  }

  TEST_CASE("coroutines wait on coroutines: join_all over five of them") {
    auto future = golden09::inner::sum_of_squares(5);
    const auto [sum, polls] = run(*future);
    CHECK(sum == 1 + 4 + 9 + 16 + 25);
    CHECK(polls == 6);  // square(5) waits on countdown(5): five NotReady, then Ready
  }

  TEST_CASE("a re-indented body with blocks and multi-line statements still runs") {
    auto future = golden10::layout("me");
    const auto [lines, polls] = run(*future);
    CHECK(lines == std::vector<std::string>{"scoped me", "multi-line"});
    CHECK(polls == 2);
  }

  TEST_CASE("a coroutine in an inline namespace, using a macro continued over two lines") {
    auto future = golden11::greet("bom");
    const auto [reply, polls] = run(*future);
    CHECK(reply == "hello bom!");
    CHECK(polls == 2);
  }
}
