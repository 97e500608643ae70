// Thread: one slot of the runtime's fixed pool, and the State it is in.
// (The book calls a fiber a "thread" in its code; so do we, in these names.)
#pragma once

#include <cstddef>
#include <cstdint>

#include "sanitizers.hpp"
#include "stack.hpp"
#include "task.hpp"
#include "thread_context.hpp"

namespace fibers {

//   Available --spawn--> Ready --t_yield picks it--> Running
//       ^                  ^                            |
//       |                  +-------- yields ------------+
//       +------------------- its function returns ------+
enum class State {
  Available,  // free: spawn may put a new fiber here
  Running,    // the one context executing right now
  Ready,      // suspended or new, waiting for its turn
};

[[nodiscard]] const char* to_string(State state) noexcept;

struct Thread {
  std::size_t slot = 0;       // index in the pool; the book's `id`. Slot 0 is the OS thread itself.
  std::uint64_t id = 0;       // unique per spawn (a reused slot gets a new one); 0 for slot 0
  Stack stack;                // empty for slot 0, which runs on the OS thread's own stack
  ThreadContext ctx{};        // saved registers while not Running
  State state = State::Available;
  Task task;                  // what the fiber runs (book step d); emptied when it returns
  std::size_t usable = 0;     // bytes of stack below the words spawn wrote at the top
  sanitizer::FiberState sanitizer;
};

}  // namespace fibers
