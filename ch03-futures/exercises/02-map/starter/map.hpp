// Exercise 02: map(future, f) is a future of f(output). See ../README.md.
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
    // TODO:
    //  - polled again after Ready: throw async::FuturePolledAfterReady("map");
    //  - poll inner_; NotReady stays NotReady (and f does not run);
    //  - Ready(value): call f exactly once with the value moved in, drop
    //    inner_, and return Ready with what f returned (for a void f,
    //    `return async::Ready{};`).
    return async::NotReady{};
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
