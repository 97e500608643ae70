// WRONG: marks that f has run with a flag and calls it in place, so f and everything it captured stay alive until the map is destroyed. Caught by: map lets go of the function as soon as it has run
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
    if (done_) throw async::FuturePolledAfterReady("map");
    auto state = inner_->poll();
    if (!state.is_ready()) return async::NotReady{};
    done_ = true;
    inner_.reset();
    if constexpr (std::is_void_v<U>) {
      std::invoke(*f_, std::move(state).value());
      return async::Ready{};
    } else {
      return async::Ready{std::invoke(*f_, std::move(state).value())};
    }
  }

 private:
  async::FuturePtr<T> inner_;
  std::optional<F> f_;
  bool done_ = false;  // f has run
};

template <class T, class F>
[[nodiscard]] async::FuturePtr<std::invoke_result_t<F&, T&&>> map(async::FuturePtr<T> inner, F f) {
  return std::make_unique<Map<T, F>>(std::move(inner), std::move(f));
}

}  // namespace exercise
