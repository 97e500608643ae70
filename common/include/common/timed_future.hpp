// TimedFuture: wraps any chapter's future and draws it on a Timeline: its
// row starts at the first poll (when the work starts, not when the future is
// made), gets a tick on every poll, and ends when the inner future is Ready.
//
// Chapters 3 to 5 poll with `poll()`, chapter 6 with `poll(const Waker&)`:
// the future interface is a template parameter, with the poll's arguments.
//
//   common::timed<async::Future<std::string>>(async::Http::get(path), path, timeline);          // ch04, ch05
//   common::timed<async::Future<std::string>, const async::Waker&>(async::Http::get(path), ...); // ch06
//
// It is a demo's instrument, not a lesson: it adds no behaviour, only a record.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "common/timeline.hpp"

namespace common {

template <class FutureBase, class... PollArgs>
class TimedFuture final : public FutureBase {
 public:
  using State = decltype(std::declval<FutureBase&>().poll(std::declval<PollArgs>()...));

  TimedFuture(std::unique_ptr<FutureBase> inner, std::string label, Timeline& timeline)
      : inner_(std::move(inner)), label_(std::move(label)), timeline_(timeline) {}

  State poll(PollArgs... args) override {
    if (!row_) row_ = timeline_.add(label_);
    timeline_.poll(*row_);
    auto state = inner_->poll(std::forward<PollArgs>(args)...);
    if (state.is_ready()) timeline_.finish(*row_);
    return state;
  }

 private:
  std::unique_ptr<FutureBase> inner_;
  std::string label_;
  Timeline& timeline_;
  std::optional<std::size_t> row_;
};

template <class FutureBase, class... PollArgs>
[[nodiscard]] std::unique_ptr<FutureBase> timed(std::unique_ptr<FutureBase> inner, std::string label,
                                                Timeline& timeline) {
  return std::make_unique<TimedFuture<FutureBase, PollArgs...>>(std::move(inner), std::move(label), timeline);
}

}  // namespace common
