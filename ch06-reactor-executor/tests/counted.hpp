// Counted<T>: wraps a future and counts how often it is polled and whether
// it has been destroyed (the idea of cppcoro's test/counted.hpp), so tests
// can assert exact numbers: "polled 3 times, destroyed once".
// CHANGED (ch06): polls pass the waker through, and the last one is kept.
#pragma once

#include <optional>
#include <utility>

#include "future.hpp"

namespace testing {

struct Counters {
  int polls = 0;
  int ready = 0;      // polls that returned Ready
  int destroyed = 0;  // wrapper destructions (0 or 1 for one future)
  std::optional<async::Waker> last_waker;
};

template <class T>
class Counted final : public async::Future<T> {
 public:
  Counted(async::FuturePtr<T> inner, Counters& counters) : inner_(std::move(inner)), counters_(counters) {}
  ~Counted() override { ++counters_.destroyed; }
  Counted(const Counted&) = delete;
  Counted& operator=(const Counted&) = delete;

  async::PollState<T> poll(const async::Waker& waker) override {
    ++counters_.polls;
    counters_.last_waker = waker;
    auto state = inner_->poll(waker);
    if (state.is_ready()) ++counters_.ready;
    return state;
  }

 private:
  async::FuturePtr<T> inner_;
  Counters& counters_;
};

template <class T>
[[nodiscard]] async::FuturePtr<T> counted(async::FuturePtr<T> inner, Counters& counters) {
  return std::make_unique<Counted<T>>(std::move(inner), counters);
}

}  // namespace testing
