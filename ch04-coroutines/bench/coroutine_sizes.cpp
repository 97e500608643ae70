// coroutine_sizes: bytes per waiting coroutine, corofy's state machine
// against the C++20 coroutine frame, for five shapes of function.
//
// corofy's sizes are sizeof the generated classes (shapes.coro.cpp, rewritten
// at build time); the C++20 sizes are what each Task's frame allocation asked
// for (Task::frame_size(), recorded by the promise's operator new). Neither
// counts the child futures, which are heap objects of their own in both.
// The figures depend on the compiler and its version, not on the load: run
// it with any build type. A fiber of our chapter 2 is on the last line for scale.
#include <cstddef>
#include <cstdio>
#include <string>

#include "countdown.hpp"
#include "shapes.hpp"
#include "task.hpp"

namespace {

async::Task<int> zero(int n) { co_return n + 1; }

async::Task<int> one(int n) {
  int a = co_await async::countdown(1, n);
  co_return a + 1;
}

async::Task<int> two(int n) {
  int a = co_await async::countdown(1, n);
  int b = co_await async::countdown(1, a);
  co_return b + 1;
}

async::Task<int> four(int n) {
  int a = co_await async::countdown(1, n);
  int b = co_await async::countdown(1, a);
  int c = co_await async::countdown(1, b);
  int d = co_await async::countdown(1, c);
  co_return d + 1;
}

async::Task<std::size_t> four_with_strings(std::string path) {
  std::string first = co_await async::countdown(1, path + "1");
  std::string second = co_await async::countdown(1, path + "2");
  int c = co_await async::countdown(1, 3);
  int d = co_await async::countdown(1, 4);
  co_return first.size() + second.size() + static_cast<std::size_t>(c + d);
}

std::string compiler() {
#if defined(__clang__)
  std::string name = "clang " __clang_version__;
#else
  std::string name = "GCC " __VERSION__;
#endif
  while (name.ends_with(' ')) name.pop_back();
  return name;
}

void row(const char* shape, std::size_t corofy, std::size_t frame) {
  std::printf("%-36s %14zu %14zu\n", shape, corofy, frame);
}

}  // namespace

int main() {
  std::printf("bytes per waiting coroutine (%s%s)\n\n", compiler().c_str(),
#if defined(__OPTIMIZE__)
              ", optimised"
#else
              ", not optimised"
#endif
  );
  std::printf("%-36s %14s %14s\n", "shape", "corofy class", "C++20 frame");
  row("no wait", shapes::no_wait(), zero(1).frame_size());
  row("1 wait (int)", shapes::one_wait(), one(1).frame_size());
  row("2 waits (int)", shapes::two_waits(), two(1).frame_size());
  row("4 waits (int)", shapes::four_waits(), four(1).frame_size());
  row("4 waits, 2 strings across them", shapes::four_waits_two_strings_across(),
      four_with_strings("x").frame_size());
  std::printf("\nfor scale: a fiber of our chapter 2 reserves %zu bytes whatever it does (its default\n"
              "2 MiB stack and a 4 KiB guard page)\n",
              std::size_t{2} * 1024 * 1024 + 4096);
  return 0;
}
