// C++'s answer to Pin (book ch. 9, d-pin and e-coroutines-pin).
//
// Rust moves values with a plain memcpy, anywhere, so it needs a type (Pin)
// that promises a value will not move again. In C++ an object never changes
// address: a "move" constructs a *new* object from the old one, and only
// where the class allows it. So the C++ spelling of "must not move" is to
// delete the copy and move operations:
//
//   Rust                                  C++ (here)
//   PhantomPinned (the type is !Unpin)    copy and move deleted
//   Box::pin(f) -> Pin<Box<F>>            std::make_unique<F>() held as a FuturePtr:
//                                         the pointer moves, the object never does
//   std::pin::pin!(f) (pinned on stack)   a local of a non-movable class
//   Pin<&mut Self> in poll                Future::poll() on an object that cannot move
//
// PinnedWriteLines is f-moved-state-machine's WriteLines with the moves taken
// away: `auto moved = std::move(pinned);` no longer compiles, so the pointer
// from writer_ into buffer_ stays right for the machine's whole life.
//
// C++20 coroutines need none of this: the compiler puts a coroutine's frame
// on the heap and hands out a std::coroutine_handle; moving a Task moves the
// handle, never the frame, so a reference into the frame stays valid
// (write_lines_cpp20 below, and the tests, show it).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "countdown.hpp"
#include "f-moved-state-machine/write_lines.hpp"
#include "future.hpp"
#include "task.hpp"

namespace example {

class PinnedWriteLines final : public WriteLines {
 public:
  PinnedWriteLines() = default;
  PinnedWriteLines(const PinnedWriteLines&) = delete;
  PinnedWriteLines(PinnedWriteLines&&) = delete;
  PinnedWriteLines& operator=(const PinnedWriteLines&) = delete;
  PinnedWriteLines& operator=(PinnedWriteLines&&) = delete;
  ~PinnedWriteLines() override = default;
};

// Box::pin's counterpart: the machine on the heap, owned through a pointer
// that may move freely.
[[nodiscard]] inline async::FuturePtr<std::string> pinned_write_lines() {
  return std::make_unique<PinnedWriteLines>();
}

// The same coroutine for the compiler. `seen` gets the address of the local
// `buffer` at each step; it must outlive the task.
inline async::Task<std::string> write_lines_cpp20(std::vector<const std::string*>* seen) {
  std::string buffer;
  std::string& writer = buffer;  // a reference into the frame, kept across both waits
  writer += "first line\n";
  seen->push_back(&writer);
  co_await async::countdown(1);
  writer += "second line\n";
  seen->push_back(&writer);
  co_await async::countdown(1);
  writer += "third line\n";
  seen->push_back(&writer);
  co_return buffer;
}

}  // namespace example
