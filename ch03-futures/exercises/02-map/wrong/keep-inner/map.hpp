// WRONG: runs f once but keeps the finished inner future until the map is destroyed, so what it holds (a socket, a buffer) outlives its use. Caught by: map applies the function to the output, once, when the future is Ready
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
    auto state = inner_->poll();
    if (!state.is_ready()) return async::NotReady{};
    // Take f out first: it runs once, and a later poll finds it gone.
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
