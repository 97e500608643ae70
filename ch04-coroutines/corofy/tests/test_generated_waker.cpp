// The Waker flavour (corofy --waker): the state machine's poll takes the
// waker and passes that same waker to every child it polls.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "waker_future.hpp"

namespace golden07 {
async::FuturePtr<std::string> two_parts(std::string first, std::string second);
}  // namespace golden07

TEST_SUITE("ch04/corofy/generated code") {
  TEST_CASE("the waker flavour hands the waker it is polled with to every child") {
    fake::wakers_seen.clear();
    auto future = golden07::two_parts("ab", "cd");
    const async::Waker first(1);
    const async::Waker second(2);
    CHECK_FALSE(future->poll(first).is_ready());   // after(1, "ab"): NotReady
    CHECK_FALSE(future->poll(second).is_ready());  // "ab" Ready; after(2, "cd"): NotReady
    CHECK_FALSE(future->poll(second).is_ready());  // NotReady
    auto state = future->poll(first);              // Ready
    REQUIRE(state.is_ready());
    CHECK(std::move(state).value() == "abcd");
    CHECK(fake::wakers_seen == std::vector<int>{1, 2, 2, 2, 1});
  }
}
