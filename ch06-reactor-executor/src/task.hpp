// NEW (ch04): Task<T>, a C++20 coroutine that is a Future<T>.
// CHANGED (ch06): now run by this chapter's Executor. poll(waker) keeps the waker in
// the promise for the length of the resume, and every co_await polls its
// future with it, so the leaf at the bottom registers the task's waker:
//
//   async::Task<void> main_task() {
//     std::string text = co_await async::Http::get("/600/x");
//     co_await async::sleep(std::chrono::milliseconds(50));
//   }
//   async::Executor executor;
//   executor.block_on(async::boxed(main_task()));
//
// corofy turns a function with waits into a state machine by rewriting text.
// A C++20 compiler does the same rewrite for a function that uses co_await:
// it moves the parameters and the locals that live across a suspension into
// a heap-allocated *coroutine frame*, numbers the suspension points, and
// gives us a handle whose resume() runs the next step. Task<T> plugs that
// machinery into our Future interface, so the same stand-in loop drives both:
//
//   async::Task<std::size_t> length(std::string path) {
//     std::string text = co_await async::Http::get(path);  // a FuturePtr<std::string>
//     co_return text.size();
//   }
//   auto task = length("/600/x");   // nothing runs yet (initial_suspend)
//   task.poll(waker);               // runs to the first co_await, polls Http::get
//
// How a poll goes:
//   1. The first poll resumes the coroutine: it runs until it co_awaits a
//      future. The awaiter polls that future at once with the promise's
//      waker (CHANGED (ch06): in await_suspend, the first place that sees
//      the promise); Ready resumes the coroutine at once, NotReady suspends
//      it and leaves the promise a way to poll that future again (Pending).
//   2. Each later poll polls the pending future; NotReady -> NotReady,
//      Ready -> the output goes to the awaiter and the coroutine resumes,
//      until its next co_await or its end.
//   3. At the end (final_suspend) the frame keeps the result until poll()
//      takes it and answers Ready.
//
// Beyond the book (its chapter 7 hand-writes and generates state machines;
// Rust's compiler writes them for async fn).
#pragma once

#include <coroutine>
#include <cstddef>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <type_traits>
#include <utility>

#include "future.hpp"

namespace async {

template <class T>
class Task;

namespace detail {

// The future a suspended coroutine waits on, type-erased for the promise:
// poll(awaiter) polls it once and returns true when its output (or its
// exception) is in the awaiter.
struct Pending {
  void* awaiter = nullptr;
  bool (*poll)(void* awaiter, const Waker& waker) = nullptr;  // CHANGED (ch06): the waker
};

// What `co_await future` becomes. It lives in the coroutine frame while the
// coroutine is suspended, so it is where the child future is kept: the
// frame's counterpart of corofy's wait1_, wait2_... members.
template <class T>
class FutureAwaiter {
 public:
  explicit FutureAwaiter(FuturePtr<T> future) : future_(std::move(future)) {}

  // CHANGED (ch06): await_ready cannot see the promise, hence the waker, so
  // the first poll moves to await_suspend; returning false there resumes
  // the coroutine at once, as a Ready from await_ready did in our chapter 4.
  bool await_ready() { return false; }
  template <class Promise>
  bool await_suspend(std::coroutine_handle<Promise> coroutine) {
    if (poll_once(*coroutine.promise().waker)) return false;
    coroutine.promise().pending = Pending{this, &FutureAwaiter::poll_thunk};
    return true;
  }
  T await_resume() {
    if (error_) std::rethrow_exception(error_);
    if constexpr (!std::is_void_v<T>) return std::move(*output_);
  }

 private:
  static bool poll_thunk(void* self, const Waker& waker) {
    return static_cast<FutureAwaiter*>(self)->poll_once(waker);
  }

  // A child's exception is handed to the coroutine, where co_await rethrows it.
  bool poll_once(const Waker& waker) {
    try {
      auto state = future_->poll(waker);
      if (!state.is_ready()) return false;
      if constexpr (!std::is_void_v<T>) output_.emplace(std::move(state).value());
    } catch (...) {
      error_ = std::current_exception();
    }
    future_.reset();  // done with the child: release what it holds now
    return true;
  }

  FuturePtr<T> future_;
  std::conditional_t<std::is_void_v<T>, bool, std::optional<T>> output_{};
  std::exception_ptr error_;
};

// The part of the promise that does not depend on T.
struct PromiseBase {
  // operator new stores the size here and the promise's constructor, which
  // runs right after it on the same thread, takes it: a frame the compiler
  // placed elsewhere (elided allocation) reports 0.
  static inline thread_local std::size_t allocating = 0;

  static void* operator new(std::size_t size) {
    allocating = size;
    return ::operator new(size);
  }
  static void operator delete(void* frame) { ::operator delete(frame); }

  PromiseBase() : frame_size(std::exchange(allocating, 0)) {}

  std::suspend_always initial_suspend() noexcept { return {}; }  // nothing happens until polled
  std::suspend_always final_suspend() noexcept { return {}; }    // poll() takes the result
  void unhandled_exception() { error = std::current_exception(); }

  template <class U>
  FutureAwaiter<U> await_transform(FuturePtr<U> future) {
    return FutureAwaiter<U>(std::move(future));
  }
  template <class U>
  FutureAwaiter<U> await_transform(Task<U>&& task) {
    return FutureAwaiter<U>(std::make_unique<Task<U>>(std::move(task)));
  }

  Pending pending;
  const Waker* waker = nullptr;  // NEW (ch06): set by Task::poll while the coroutine runs
  std::exception_ptr error;
  std::size_t frame_size;
};

template <class T>
struct Promise : PromiseBase {
  Task<T> get_return_object() { return Task<T>(std::coroutine_handle<Promise>::from_promise(*this)); }
  void return_value(T value) { output.emplace(std::move(value)); }
  std::optional<T> output;
};

template <>
struct Promise<void> : PromiseBase {
  Task<void> get_return_object();
  void return_void() {}
};

}  // namespace detail

template <class T>
class Task final : public Future<T> {
 public:
  using promise_type = detail::Promise<T>;

  explicit Task(std::coroutine_handle<promise_type> coroutine) : coroutine_(coroutine) {}
  Task(Task&& other) noexcept : coroutine_(std::exchange(other.coroutine_, {})) {}
  Task& operator=(Task&&) = delete;
  ~Task() override {
    if (coroutine_) coroutine_.destroy();  // frees the frame, whatever step it is in
  }

  PollState<T> poll(const Waker& waker) override {  // CHANGED (ch06): the waker
    if (!coroutine_ || coroutine_.done()) throw FuturePolledAfterReady("Task");
    promise_type& promise = coroutine_.promise();
    if (promise.pending.poll != nullptr) {
      if (!promise.pending.poll(promise.pending.awaiter, waker)) return NotReady{};
      promise.pending = {};
    }
    promise.waker = &waker;  // NEW (ch06): for the co_awaits this resume reaches
    coroutine_.resume();     // runs up to the next co_await that is not Ready, or to the end
    promise.waker = nullptr;  // the reference dies with this call
    if (!coroutine_.done()) return NotReady{};
    if (promise.error) std::rethrow_exception(promise.error);
    if constexpr (std::is_void_v<T>) {
      return Ready{};
    } else {
      return Ready{std::move(*promise.output)};
    }
  }

  // The bytes of this coroutine's frame, as its allocation asked for them
  // (0 if the compiler did not allocate it on the heap).
  [[nodiscard]] std::size_t frame_size() const { return coroutine_ ? coroutine_.promise().frame_size : 0; }

 private:
  std::coroutine_handle<promise_type> coroutine_;
};

inline Task<void> detail::Promise<void>::get_return_object() {
  return Task<void>(std::coroutine_handle<Promise>::from_promise(*this));
}

// A Task moved to the heap, for join_all and the other futures that own
// their children as FuturePtr.
template <class T>
[[nodiscard]] FuturePtr<T> boxed(Task<T> task) {
  return std::make_unique<Task<T>>(std::move(task));
}

}  // namespace async
