// join_all: the non-leaf future that waits for many others.
//
// A leaf future (HttpGetFuture) does the work itself: it owns a socket and
// reads from it. A non-leaf future owns other futures and only polls them.
// JoinAll polls every child that has not finished yet, in order, each time it
// is polled itself; it is Ready when the last child is, with the children's
// outputs in the order the children were given (not the order they finished).
//
// Two details the book's version leaves out:
//   - a finished child is destroyed at once, so its socket closes as soon as
//     its response is in rather than when the whole join ends;
//   - the outputs are collected (the book's JoinAll returns `()`);
//     join_all over FuturePtr<void> children returns FuturePtr<void>.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>
#include <vector>

#include "future.hpp"

namespace async {

template <class T>
class JoinAll final : public Future<std::conditional_t<std::is_void_v<T>, void, std::vector<T>>> {
  using Output = std::conditional_t<std::is_void_v<T>, void, std::vector<T>>;
  // Where a child's output waits for the others; a void child leaves a flag.
  using Slot = std::conditional_t<std::is_void_v<T>, bool, std::optional<T>>;

 public:
  explicit JoinAll(std::vector<FuturePtr<T>> children)
      : children_(std::move(children)), outputs_(children_.size()) {
    for (const auto& child : children_) {
      if (!child) throw std::invalid_argument("join_all: a child future is null");
    }
  }

  PollState<Output> poll(const Waker& waker) override {  // CHANGED (ch06): the waker
    if (done_) throw FuturePolledAfterReady("join_all");
    for (std::size_t i = 0; i < children_.size(); ++i) {
      if (!children_[i]) continue;  // finished earlier: never polled again
      // CHANGED (ch06): every child gets our waker; whichever child is woken
      // schedules this whole JoinAll, which then polls the unfinished ones.
      auto state = children_[i]->poll(waker);
      if (!state.is_ready()) continue;
      if constexpr (std::is_void_v<T>) {
        outputs_[i] = true;
      } else {
        outputs_[i].emplace(std::move(state).value());
      }
      children_[i].reset();  // done with it: release what it holds now
      ++finished_;
    }
    if (finished_ < children_.size()) return NotReady{};
    done_ = true;
    if constexpr (std::is_void_v<T>) {
      return Ready{};
    } else {
      std::vector<T> results;
      results.reserve(outputs_.size());
      for (auto& output : outputs_) results.push_back(std::move(*output));
      return Ready{std::move(results)};
    }
  }

  // Children that have not returned Ready yet.
  [[nodiscard]] std::size_t pending() const { return children_.size() - finished_; }

 private:
  std::vector<FuturePtr<T>> children_;  // null once finished
  std::vector<Slot> outputs_;
  std::size_t finished_ = 0;
  bool done_ = false;
};

// Ready with every child's output, in the children's order.
template <class T>
  requires(!std::is_void_v<T>)
[[nodiscard]] FuturePtr<std::vector<T>> join_all(std::vector<FuturePtr<T>> children) {
  return std::make_unique<JoinAll<T>>(std::move(children));
}

// Ready when every child is.
[[nodiscard]] inline FuturePtr<void> join_all(std::vector<FuturePtr<void>> children) {
  return std::make_unique<JoinAll<void>>(std::move(children));
}

}  // namespace async
