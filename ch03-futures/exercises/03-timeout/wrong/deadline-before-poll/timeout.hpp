// WRONG: checks the deadline before polling the inner future, so an answer that is there on the deadline's poll is never asked for. Caught by: an answer that arrives on the deadline's poll still wins
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <stdexcept>
#include <utility>

#include "future.hpp"

namespace exercise {

using Clock = std::chrono::steady_clock;
// Where the time comes from: steady_clock::now in programs, a hand-moved
// clock in tests.
using Now = std::function<Clock::time_point()>;

template <class T>
class Timeout final : public async::Future<std::optional<T>> {
 public:
  Timeout(async::FuturePtr<T> inner, Clock::duration limit, Now now)
      : inner_(std::move(inner)), limit_(limit), now_(std::move(now)) {
    if (!inner_) throw std::invalid_argument("timeout: the future is null");
  }

  async::PollState<std::optional<T>> poll() override {
    if (done_) throw async::FuturePolledAfterReady("timeout");
    // Nothing happens until polled: the clock starts now, not at creation.
    if (!deadline_) deadline_ = now_() + limit_;
    if (now_() >= *deadline_) {
      done_ = true;
      inner_.reset();  // give up on it: dropping cancels it
      return async::Ready{std::optional<T>()};
    }
    auto state = inner_->poll();
    if (!state.is_ready()) return async::NotReady{};
    done_ = true;
    inner_.reset();
    return async::Ready{std::optional<T>(std::move(state).value())};
  }

 private:
  async::FuturePtr<T> inner_;
  Clock::duration limit_;
  Now now_;
  std::optional<Clock::time_point> deadline_;
  bool done_ = false;
};

template <class T>
[[nodiscard]] async::FuturePtr<std::optional<T>> timeout(async::FuturePtr<T> inner, Clock::duration limit,
                                                         Now now = [] { return Clock::now(); }) {
  return std::make_unique<Timeout<T>>(std::move(inner), limit, std::move(now));
}

}  // namespace exercise
