// f-moved-state-machine: a state machine that points into itself, moved
// between two polls (book ch. 9, c-coroutines-problem).
//
// WriteLines (write_lines.hpp) keeps a local and a pointer to it as members.
// First it runs where it was created: every poll finds writer_ pointing at its
// own buffer_. Then a second one is created on the heap, polled once, moved
// into a new object and the old one freed: the printed addresses show the
// new object's writer_ still pointing into the freed one. The next poll would
// write through that pointer; the program stops before it unless given
// --dereference, which is undefined behaviour on purpose: in an ASan build,
// AddressSanitizer reports it as heap-use-after-free (a test checks that).
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <utility>

#include "common/demo.hpp"
#include "write_lines.hpp"

namespace {

std::string address(const void* p) {
  std::ostringstream out;
  out << p;
  return out.str();
}

// "writer_ -> 0x... (its own buffer_)" or "(NOT its own buffer_)".
std::string where_writer_points(const example::WriteLines& machine) {
  const std::string* target = machine.writer_target();
  if (target == nullptr) return "writer_ not set yet";
  return "writer_ -> " + address(target) +
         (target == machine.buffer_address() ? " (its own buffer_)" : " (NOT its own buffer_)");
}

std::string indented(const std::string& text) {
  std::string out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out += "    " + line + "\n";
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"f-moved-state-machine: a self-referential state machine, moved between polls"};
  bool dereference = false;
  app.add_flag("--dereference", dereference,
               "poll the moved state machine again: writes through a dangling pointer "
               "(undefined behaviour; ASan reports heap-use-after-free)");

  return common::run_demo(app, argc, argv, [&] {
    std::cout << "1. Polled where it was created:\n";
    example::WriteLines in_place;
    std::cout << "  machine at " << address(&in_place) << ", buffer_ at " << address(in_place.buffer_address()) << "\n";
    for (int polls = 1;; ++polls) {
      auto state = in_place.poll();
      if (state.is_ready()) {
        std::cout << "  poll " << polls << ": Ready, it wrote:\n" << indented(std::move(state).value());
        break;
      }
      std::cout << "  poll " << polls << ": NotReady, " << where_writer_points(in_place) << "\n";
    }

    std::cout << "\n2. Moved between two polls:\n";
    auto boxed = std::make_unique<example::WriteLines>();
    std::cout << "  machine on the heap at " << address(boxed.get()) << ", buffer_ at "
              << address(boxed->buffer_address()) << "\n";
    (void)boxed->poll();
    std::cout << "  poll 1: NotReady, " << where_writer_points(*boxed) << "\n";
    example::WriteLines moved = std::move(*boxed);  // member-wise: the pointer is copied as it is
    std::cout << "  moved to " << address(&moved) << ", buffer_ at " << address(moved.buffer_address()) << ", "
              << where_writer_points(moved) << "\n";
    std::cout << "  writer_ points at the old object's buffer_ (" << address(boxed->buffer_address()) << ")\n";
    boxed.reset();
    std::cout << "  the old object is freed: the moved machine's writer_ dangles\n";
    if (!dereference) {
      std::cout << "  not polled again: its next poll would write \"second line\" through writer_ into freed memory\n"
                << "  (--dereference does it; in an ASan build AddressSanitizer stops it as heap-use-after-free)\n";
      return;
    }
    std::cout << "  poll 2: writes through the dangling writer_ ...\n" << std::flush;
    for (int polls = 2;; ++polls) {
      auto state = moved.poll();
      if (state.is_ready()) {
        std::cout << "  poll " << polls << ": Ready, it wrote:\n" << indented(std::move(state).value());
        std::cout << "  (the lines written through writer_ went into freed memory, not into this result)\n";
        break;
      }
    }
  });
}
