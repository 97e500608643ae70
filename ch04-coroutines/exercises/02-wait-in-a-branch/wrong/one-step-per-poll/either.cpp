// WRONG: Start creates the chosen GET and returns NotReady without polling it, so the first poll sends nothing. Caught by: the first poll sends the chosen request at once
#include "either.hpp"

#include <utility>

#include "common/http.hpp"
#include "http.hpp"

namespace exercise {

Either::Either(bool fast, std::string fast_path, std::string slow_path)
    : fast_(fast), fast_path_(std::move(fast_path)), slow_path_(std::move(slow_path)) {}

async::PollState<std::string> Either::poll() {
  for (;;) {
    if (std::holds_alternative<Start>(state_)) {
      // The condition picks the state: only the chosen branch's GET exists.
      if (fast_) {
        state_ = WaitFast{async::Http::get(fast_path_)};
      } else {
        state_ = WaitSlow{async::Http::get(slow_path_)};
      }
      return async::NotReady{};
    } else if (auto* fast = std::get_if<WaitFast>(&state_)) {
      auto polled = fast->get->poll();
      if (!polled.is_ready()) return async::NotReady{};
      return finish(polled.value());
    } else if (auto* slow = std::get_if<WaitSlow>(&state_)) {
      auto polled = slow->get->poll();
      if (!polled.is_ready()) return async::NotReady{};
      return finish(polled.value());
    } else {
      throw async::FuturePolledAfterReady("Either");
    }
  }
}

async::PollState<std::string> Either::finish(const std::string& answer) {
  state_ = Resolved{};
  return async::Ready{common::split_response(answer).body + "!"};
}

std::string_view Either::state_name() const {
  static constexpr std::string_view kNames[] = {"Start", "WaitFast", "WaitSlow", "Resolved"};
  return kNames[state_.index()];
}

}  // namespace exercise
