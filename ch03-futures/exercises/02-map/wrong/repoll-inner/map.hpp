// WRONG: leaves the after-Ready check to the inner future, which it keeps and polls again, so the caller gets the child's exception and the finished child is polled twice. Caught by: polling map after Ready throws FuturePolledAfterReady and polls nothing
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
    // A second poll reaches the inner future, which throws for being polled
    // after Ready.
    auto state = inner_->poll();
    if (!state.is_ready()) return async::NotReady{};
    F f = std::move(*f_);
    f_.reset();
    if constexpr (std::is_void_v<U>) {
      std::invoke(f, std::move(state).value());
      return async::Ready{};
    } else {
      return async::Ready{std::invoke(f, std::move(state).value())};
    }
  }

 private:
  async::FuturePtr<T> inner_;
  std::optional<F> f_;  // empty once it has run
};

template <class T, class F>
[[nodiscard]] async::FuturePtr<std::invoke_result_t<F&, T&&>> map(async::FuturePtr<T> inner, F f) {
  return std::make_unique<Map<T, F>>(std::move(inner), std::move(f));
}

}  // namespace exercise
