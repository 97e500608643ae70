// g-pin: the state machine of f-moved-state-machine, pinned (book ch. 9,
// d-pin and e-coroutines-pin).
//
// 1. PinnedWriteLines cannot be copied or moved, so it is made on the heap
//    and held through a FuturePtr (the C++ Pin<Box<F>>). The program moves the
//    *pointer* between polls and prints where the machine and its writer_
//    are: the same address every time.
// 2. The same coroutine as a C++20 Task: between polls the Task object is
//    moved, the frame is not, and the local `buffer` keeps its address.
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "common/demo.hpp"
#include "pinned.hpp"

namespace {

std::string address(const void* p) {
  std::ostringstream out;
  out << p;
  return out.str();
}

void print_lines(const std::string& text) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) std::cout << "    " << line << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"g-pin: a state machine that cannot move, and a C++20 frame that never does"};

  return common::run_demo(app, argc, argv, [&] {
    std::cout << "1. PinnedWriteLines (copy and move deleted), on the heap behind a FuturePtr:\n";
    async::FuturePtr<std::string> pinned = example::pinned_write_lines();
    const auto& machine = static_cast<const example::PinnedWriteLines&>(*pinned);
    std::cout << "  machine at " << address(&machine) << ", buffer_ at " << address(machine.buffer_address()) << "\n";
    auto report_machine = [&](int polls, async::PollState<std::string>& state) {
      if (state.is_ready()) {
        std::cout << "  poll " << polls << ": Ready, it wrote:\n";
        print_lines(std::move(state).value());
        return true;
      }
      std::cout << "  poll " << polls << ": NotReady, writer_ -> " << address(machine.writer_target())
                << (machine.writer_target() == machine.buffer_address() ? " (its own buffer_)" : " (NOT its own)")
                << "\n";
      return false;
    };
    auto state1 = pinned->poll();
    report_machine(1, state1);
    async::FuturePtr<std::string> moved_pointer = std::move(pinned);  // the pointer moves, the machine does not
    std::cout << "  FuturePtr moved; the machine is still at " << address(moved_pointer.get()) << "\n";
    for (int polls = 2;; ++polls) {
      auto state = moved_pointer->poll();
      if (report_machine(polls, state)) break;
    }

    std::cout << "\n2. The same coroutine in C++20 (co_await), its Task moved between polls:\n";
    std::vector<const std::string*> seen;
    auto task = example::write_lines_cpp20(&seen);
    auto report = [&](int polls, async::PollState<std::string>& state) {
      std::cout << "  poll " << polls << ": " << (state.is_ready() ? "Ready" : "NotReady")
                << ", the local `buffer` at " << address(seen.back()) << "\n";
      if (!state.is_ready()) return false;
      std::cout << "  it wrote:\n";
      print_lines(std::move(state).value());
      return true;
    };
    auto first = task.poll();
    report(1, first);
    async::Task<std::string> moved = std::move(task);  // moves the coroutine handle, not the frame
    std::cout << "  Task moved from " << address(&task) << " to " << address(&moved) << "\n";
    for (int polls = 2;; ++polls) {
      auto state = moved.poll();
      if (report(polls, state)) break;
    }
  });
}
