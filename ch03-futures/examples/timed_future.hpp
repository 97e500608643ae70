// Timed<T>: a non-leaf future that wraps another and draws it on a timeline.
// Its row starts at the first poll (when the work starts, not when the future
// is created), gets a tick per poll, and ends when the inner future is Ready.
#pragma once

#include <cstddef>
#include <iostream>
#include <optional>
#include <string>
#include <utility>

#include "common/timeline.hpp"
#include "future.hpp"

namespace example {

template <class T>
class Timed final : public async::Future<T> {
 public:
  Timed(async::FuturePtr<T> inner, std::string label, common::Timeline& timeline)
      : inner_(std::move(inner)), label_(std::move(label)), timeline_(timeline) {}

  async::PollState<T> poll() override {
    if (!row_) row_ = timeline_.add(label_);
    timeline_.poll(*row_);  // a tick on the row, with --svg
    auto state = inner_->poll();
    if (state.is_ready()) {
      timeline_.finish(*row_);
      std::cout << "finished: " << label_ << "\n";
    }
    return state;
  }

 private:
  async::FuturePtr<T> inner_;
  std::string label_;
  common::Timeline& timeline_;
  std::optional<std::size_t> row_;
};

template <class T>
[[nodiscard]] async::FuturePtr<T> timed(async::FuturePtr<T> inner, std::string label,
                                        common::Timeline& timeline) {
  return std::make_unique<Timed<T>>(std::move(inner), std::move(label), timeline);
}

}  // namespace example
