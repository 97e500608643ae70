// Task: whatever a fiber runs. Any callable taking no arguments, owned and
// type-erased, move-only, so that a lambda holding a std::unique_ptr works
// as it does with std::thread. The book's step d stores a
// Box<dyn FnOnce()>; this is the C++ spelling of the same idea (C++23 names
// it std::move_only_function).
#pragma once

#include <concepts>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace fibers {

class Task {
 public:
  Task() noexcept = default;

  template <class F>
    requires(!std::same_as<std::decay_t<F>, Task>) && std::invocable<std::decay_t<F>&>
  explicit Task(F&& f) : impl_(std::make_unique<Impl<std::decay_t<F>>>(std::forward<F>(f))) {}

  // Runs the callable. Calling an empty Task is a bug: std::bad_function_call.
  void operator()() {
    if (!impl_) throw std::bad_function_call();
    impl_->run();
  }
  [[nodiscard]] explicit operator bool() const noexcept { return impl_ != nullptr; }

 private:
  struct Base {
    virtual ~Base() = default;
    virtual void run() = 0;
  };
  template <class F>
  struct Impl final : Base {
    template <class G>
    explicit Impl(G&& g) : f(std::forward<G>(g)) {}
    void run() override { std::invoke(f); }
    F f;
  };

  std::unique_ptr<Base> impl_;
};

}  // namespace fibers
