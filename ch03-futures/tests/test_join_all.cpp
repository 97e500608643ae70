#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "counted.hpp"
#include "countdown.hpp"
#include "join_all.hpp"
#include "ready.hpp"

using async::FuturePtr;

TEST_SUITE("ch03/join_all") {
  TEST_CASE("join_all is Ready when its slowest child is, with outputs in the children's order") {
    std::vector<FuturePtr<std::string>> children;
    children.push_back(async::countdown(3, std::string("slow")));
    children.push_back(async::countdown(0, std::string("at once")));
    children.push_back(async::countdown(1, std::string("quick")));
    auto all = async::join_all(std::move(children));

    for (int i = 0; i < 3; ++i) CHECK_FALSE(all->poll().is_ready());
    auto state = all->poll();
    REQUIRE(state.is_ready());
    CHECK(std::move(state).value() == std::vector<std::string>{"slow", "at once", "quick"});
  }

  TEST_CASE("join_all polls each unfinished child once per poll and a finished child never again") {
    testing::Counters fast, slow;
    std::vector<FuturePtr<int>> children;
    children.push_back(testing::counted(async::countdown(0, 1), fast));
    children.push_back(testing::counted(async::countdown(4, 2), slow));
    auto all = async::join_all(std::move(children));

    int polls = 0;
    while (!all->poll().is_ready()) {
      ++polls;
      REQUIRE(polls < 100);  // bounded: a bug must not hang the test
    }
    CHECK(polls == 4);
    CHECK(fast.polls == 1);  // Ready on the first poll, never polled again
    CHECK(slow.polls == 5);  // 4 x NotReady + 1 x Ready
    CHECK(fast.ready == 1);
    CHECK(slow.ready == 1);
  }

  TEST_CASE("a finished child is destroyed at once, not when the join ends") {
    testing::Counters fast, slow;
    std::vector<FuturePtr<int>> children;
    children.push_back(testing::counted(async::countdown(0, 1), fast));
    children.push_back(testing::counted(async::countdown(2, 2), slow));
    auto all = async::join_all(std::move(children));

    CHECK_FALSE(all->poll().is_ready());
    CHECK(fast.destroyed == 1);
    CHECK(slow.destroyed == 0);
    all.reset();  // dropping an unfinished join drops its children
    CHECK(slow.destroyed == 1);
    CHECK(fast.destroyed == 1);  // once, not twice
  }

  TEST_CASE("join_all of void futures is a void future") {
    testing::Counters a, b;
    std::vector<FuturePtr<void>> children;
    children.push_back(testing::counted(async::countdown(1), a));
    children.push_back(testing::counted(async::ready(), b));
    FuturePtr<void> all = async::join_all(std::move(children));
    CHECK_FALSE(all->poll().is_ready());
    CHECK(all->poll().is_ready());
    CHECK(a.polls == 2);
    CHECK(b.polls == 1);
  }

  TEST_CASE("join_all of no futures is Ready at once with no outputs") {
    auto all = async::join_all(std::vector<FuturePtr<int>>{});
    auto state = all->poll();
    REQUIRE(state.is_ready());
    CHECK(state.value().empty());
  }

  TEST_CASE("polling join_all after Ready throws FuturePolledAfterReady") {
    std::vector<FuturePtr<int>> children;
    children.push_back(async::ready(1));
    auto all = async::join_all(std::move(children));
    REQUIRE(all->poll().is_ready());
    CHECK_THROWS_AS((void)all->poll(), async::FuturePolledAfterReady);
  }

  TEST_CASE("a null child is rejected when the join is made") {
    std::vector<FuturePtr<int>> children;
    children.push_back(nullptr);
    CHECK_THROWS_AS((void)async::join_all(std::move(children)), std::invalid_argument);
  }

  TEST_CASE("an error in a child comes out of the join's poll") {
    std::vector<FuturePtr<int>> children;
    auto child = async::ready(1);
    (void)child->poll();  // a child that will throw when polled again
    children.push_back(std::move(child));
    auto all = async::join_all(std::move(children));
    CHECK_THROWS_AS((void)all->poll(), async::FuturePolledAfterReady);
  }
}
