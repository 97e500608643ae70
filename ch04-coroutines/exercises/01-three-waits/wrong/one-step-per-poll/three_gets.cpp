// WRONG: returns NotReady after every change of state, so the poll that starts a GET does not send it (a step too few per poll). Caught by: the poll that starts a GET also sends it
#include "three_gets.hpp"

#include <utility>

#include "common/http.hpp"
#include "http.hpp"

namespace exercise {

namespace {
std::string body(const std::string& response) { return common::split_response(response).body; }
}  // namespace

ThreeGets::ThreeGets(std::string first, std::string second, std::string third)
    : first_(std::move(first)), second_(std::move(second)), third_(std::move(third)) {}

async::PollState<std::string> ThreeGets::poll() {
  for (;;) {
    if (std::holds_alternative<Start>(state_)) {
      state_ = Wait1{async::Http::get(first_)};
      return async::NotReady{};
    } else if (auto* wait1 = std::get_if<Wait1>(&state_)) {
      auto polled = wait1->get->poll();
      if (!polled.is_ready()) return async::NotReady{};
      state_ = Wait2{async::Http::get(second_), body(polled.value())};
      return async::NotReady{};
    } else if (auto* wait2 = std::get_if<Wait2>(&state_)) {
      auto polled = wait2->get->poll();
      if (!polled.is_ready()) return async::NotReady{};
      // Build the next state from this one before assigning: the assignment
      // destroys Wait2, and `wait2` with it.
      Wait3 next{async::Http::get(third_), std::move(wait2->a), body(polled.value())};
      state_ = std::move(next);
      return async::NotReady{};
    } else if (auto* wait3 = std::get_if<Wait3>(&state_)) {
      auto polled = wait3->get->poll();
      if (!polled.is_ready()) return async::NotReady{};
      std::string result = wait3->a + " " + wait3->b + " " + body(polled.value());
      state_ = Resolved{};
      return async::Ready{std::move(result)};
    } else {
      throw async::FuturePolledAfterReady("ThreeGets");
    }
  }
}

std::string_view ThreeGets::state_name() const {
  static constexpr std::string_view kNames[] = {"Start", "Wait1", "Wait2", "Wait3", "Resolved"};
  return kNames[state_.index()];
}

}  // namespace exercise
