// CHANGED (ch06): the Runtime is now just the two halves set up together, as
// the book's runtime.rs re-exports executor.rs and reactor.rs and its
// init() starts the reactor and returns an executor. Our chapter 5's Runtime
// (one object owning epoll and polling the whole future on every event) is
// gone: see reactor.hpp and executor.hpp.
//
//   async::Runtime runtime;                       // Reactor (+ its thread) and this thread's Executor
//   auto body = runtime.block_on(async::Http::get("/500/hi"));
//   // other threads: async::Executor executor; executor.block_on(...);
//
// Members are destroyed in reverse: the executor (and the tasks it still
// holds, which deregister) first, then the reactor, which joins its thread.
#pragma once

#include <utility>

#include "executor.hpp"
#include "reactor.hpp"

namespace async {

class Runtime {
 public:
  template <class T>
  T block_on(FuturePtr<T> future) {
    return executor_.block_on(std::move(future));
  }

  [[nodiscard]] Executor& executor() noexcept { return executor_; }
  [[nodiscard]] Reactor& reactor() noexcept { return reactor_; }

 private:
  Reactor reactor_;    // first made, last gone
  Executor executor_;  // this thread's
};

}  // namespace async
