// WRONG: stores the output on the poll it arrives and answers NotReady, applying f on the next poll, so map is Ready one poll after its future. Caught by: map applies the function to the output, once, when the future is Ready
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "future.hpp"

namespace exercise {

template <class T, class F>
class Map final : public async::Future<std::invoke_result_t<F&, T&&>> {
  using U = std::invoke_result_t<F&, T&&>;

 public:
  Map(async::FuturePtr<T> inner, F f) : inner_(std::move(inner)), f_(std::move(f)) {
    if (!inner_) throw std::invalid_argument("map: the future is null");
  }

  async::PollState<U> poll() override {
    if (!f_) throw async::FuturePolledAfterReady("map");
    if (!output_) {
      // First step: wait for the output.
      auto state = inner_->poll();
      if (!state.is_ready()) return async::NotReady{};
      output_.emplace(std::move(state).value());
      inner_.reset();
      return async::NotReady{};
    }
    // Second step: apply f.
    F f = std::move(*f_);
    f_.reset();
    if constexpr (std::is_void_v<U>) {
      std::invoke(f, std::move(*output_));
      return async::Ready{};
    } else {
      return async::Ready{std::invoke(f, std::move(*output_))};
    }
  }

 private:
  async::FuturePtr<T> inner_;
  std::optional<F> f_;  // empty once it has run
  std::optional<T> output_;  // the inner future's output, until f takes it
};

template <class T, class F>
[[nodiscard]] async::FuturePtr<std::invoke_result_t<F&, T&&>> map(async::FuturePtr<T> inner, F f) {
  return std::make_unique<Map<T, F>>(std::move(inner), std::move(f));
}

}  // namespace exercise
