// Runtime: green threads (fibers) on one OS thread, switched cooperatively.
//
//   fibers::Runtime runtime;                  // the book's Runtime::new() + init()
//   runtime.spawn([] { ...; fibers::yield_thread(); ... });
//   runtime.spawn(some_function);
//   runtime.run();                            // returns when every fiber has finished
//
// A fixed pool of `max_threads` slots (the book's MAX_THREADS): slot 0 is the
// OS thread that created the runtime, the others get a Stack each. A fiber
// runs until it calls yield_thread(); then the next Ready slot, round robin,
// runs. Nothing preempts a fiber: one that never yields keeps the thread.
//
// One Runtime per OS thread at a time: yield_thread() and spawn() find it
// through a thread_local pointer (the book uses one global; thread_local lets
// tests run runtimes on several OS threads at once).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <stdexcept>
#include <utility>
#include <vector>

#include "task.hpp"
#include "thread.hpp"

namespace fibers {

inline constexpr std::size_t kMaxThreads = 4;                      // the book's MAX_THREADS
inline constexpr std::size_t kDefaultStackSize = 2 * 1024 * 1024;  // the book's DEFAULT_STACK_SIZE

struct RuntimeOptions {
  std::size_t max_threads = kMaxThreads;     // slots, counting slot 0 (the OS thread): fibers = max_threads - 1
  std::size_t stack_size = kDefaultStackSize;  // per fiber, rounded up to pages, plus a guard page
};

// Thrown by spawn when every slot is taken.
class PoolFull : public std::runtime_error {
 public:
  explicit PoolFull(std::size_t max_threads);
};

// What the spawn and finish hooks are told about a fiber.
struct FiberInfo {
  std::uint64_t id = 0;         // unique per spawn
  std::size_t slot = 0;         // index in the pool
  std::span<std::byte> stack;   // the stack the fiber's code uses: from the guard page up to the
                                // words spawn wrote at the top (which are not included)
};
using FiberHook = std::function<void(const FiberInfo&)>;

class Runtime {
 public:
  Runtime() : Runtime(RuntimeOptions{}) {}
  // Allocates every stack up front, like the book. Throws std::logic_error
  // if this OS thread already has a Runtime, std::invalid_argument for
  // max_threads < 2 or stack_size < one page, std::system_error if mmap fails.
  explicit Runtime(RuntimeOptions options);
  // Must run outside the fibers (on slot 0). Fibers that started and did not
  // finish are abandoned: the objects on their stacks are never destroyed,
  // so call run() first. Callables of fibers that never started are destroyed.
  ~Runtime();

  Runtime(const Runtime&) = delete;
  Runtime& operator=(const Runtime&) = delete;
  Runtime(Runtime&&) = delete;  // fibers hold pointers into it
  Runtime& operator=(Runtime&&) = delete;

  // Puts `f` (any callable, move-only ones too) in an Available slot, Ready
  // to run at its turn. `f` is moved or copied into the runtime and destroyed
  // right after it returns, on its fiber. Throws PoolFull when no slot is
  // Available. May be called from fibers (a fiber may spawn fibers).
  template <class F>
    requires std::invocable<std::decay_t<F>&>
  void spawn(F&& f) {
    spawn_task(Task(std::forward<F>(f)));
  }

  // Runs fibers until none is Ready, then returns (the book's run() exits the
  // process instead). Call it from slot 0, not from a fiber.
  void run();

  // Switches to the next Ready slot after the current one, round robin.
  // Returns false, without switching, when no other slot is Ready.
  bool t_yield();

  [[nodiscard]] std::size_t max_threads() const noexcept { return threads_.size(); }
  [[nodiscard]] std::size_t available() const noexcept;  // slots spawn can use now
  [[nodiscard]] std::size_t current() const noexcept { return current_; }  // slot running now
  [[nodiscard]] std::uint64_t current_id() const noexcept { return threads_[current_].id; }
  [[nodiscard]] State state(std::size_t slot) const { return threads_.at(slot).state; }
  [[nodiscard]] std::uint64_t switches() const noexcept { return switches_; }

  // Hooks for tools (the exercises use them). on_spawn runs inside spawn,
  // after the new stack is prepared. on_finish runs once the fiber has
  // returned and its stack is no longer in use: on whatever context runs
  // next, before that context's own code continues. Hooks must not throw.
  void on_spawn(FiberHook hook) { spawn_hooks_.push_back(std::move(hook)); }
  void on_finish(FiberHook hook) { finish_hooks_.push_back(std::move(hook)); }

  // The Runtime of the calling OS thread, or nullptr.
  [[nodiscard]] static Runtime* this_thread() noexcept;

 private:
  static constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

  void spawn_task(Task task);
  void t_return();
  void arrived() noexcept;
  [[nodiscard]] FiberInfo info(const Thread& thread) const;

  // The first code of every fiber, and the last: see spawn_task.
  static void call(Thread* thread) noexcept;
  static void guard() noexcept;

  std::vector<Thread> threads_;
  std::size_t current_ = 0;
  std::size_t previous_ = 0;       // the slot that switched to the current one
  std::size_t finished_ = kNone;   // a slot whose fiber just ended: on_finish is due
  std::uint64_t next_id_ = 0;
  std::uint64_t switches_ = 0;
  std::vector<FiberHook> spawn_hooks_;
  std::vector<FiberHook> finish_hooks_;
};

// Spawns on the calling OS thread's Runtime (the book's Runtime::spawn in
// step d). Throws std::logic_error when there is none.
template <class F>
  requires std::invocable<std::decay_t<F>&>
void spawn(F&& f);

// Lets the next Ready fiber run; returns when it is this fiber's turn again
// (at once if no other is Ready). Throws std::logic_error without a Runtime.
void yield_thread();

// The unique id of the running fiber; 0 on slot 0 or without a Runtime.
[[nodiscard]] std::uint64_t current_fiber_id() noexcept;

// ---------------------------------------------------------------------------

[[noreturn]] void throw_no_runtime(const char* function);

template <class F>
  requires std::invocable<std::decay_t<F>&>
void spawn(F&& f) {
  Runtime* runtime = Runtime::this_thread();
  if (runtime == nullptr) throw_no_runtime("spawn");
  runtime->spawn(std::forward<F>(f));
}

}  // namespace fibers
