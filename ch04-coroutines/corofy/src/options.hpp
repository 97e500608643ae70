// What the command line can change about a rewrite.
#pragma once

#include <string>

namespace corofy {

struct Options {
  // The input's name as the output and the diagnostics show it: the file
  // name only, so the output does not depend on where the tree is checked out.
  std::string file_name = "input.cpp";
  // false: `PollState<T> poll()`, the Future of chapters 3 to 5.
  // true: `PollState<T> poll(const async::Waker& waker)`, chapter 6's, and
  // every child future is polled with the same waker.
  bool waker = false;
};

}  // namespace corofy
