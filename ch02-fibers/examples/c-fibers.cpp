// c-fibers: the runtime. Two fibers count, one to 10 and one to 15, and yield
// after every step; the runtime switches between them (and the main thread)
// round robin, so their lines interleave until the shorter one finishes.
//
//   ./c-fibers
//   ./c-fibers --threads 2        # one slot too few: spawn reports it
#include <cstddef>
#include <iostream>

#include "common/demo.hpp"
#include "runtime.hpp"

namespace {

// In this step a fiber is a plain function, as in the book's c-fibers: no
// captures, so each count is fixed. d-fibers-closure lifts that.
void thread_one() {
  std::cout << "THREAD 1 STARTING\n";
  for (int i = 0; i < 10; ++i) {
    std::cout << "thread: 1 counter: " << i << "\n";
    fibers::yield_thread();
  }
  std::cout << "THREAD 1 FINISHED\n";
}

void thread_two() {
  std::cout << "THREAD 2 STARTING\n";
  for (int i = 0; i < 15; ++i) {
    std::cout << "thread: 2 counter: " << i << "\n";
    fibers::yield_thread();
  }
  std::cout << "THREAD 2 FINISHED\n";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"c-fibers: two green threads counting to 10 and 15, switched by hand-written assembly"};
  fibers::RuntimeOptions options;
  app.add_option("--threads", options.max_threads, "slots in the pool, the main thread included (MAX_THREADS)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{2}, std::size_t{100000}));
  app.add_option("--stack-size", options.stack_size, "bytes of stack per fiber")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{16} << 10, std::size_t{1} << 30));

  return common::run_demo(app, argc, argv, [&] {
    fibers::Runtime runtime(options);
    runtime.spawn(&thread_one);
    runtime.spawn(&thread_two);
    runtime.run();
    std::cout << "all fibers finished; " << runtime.switches() << " context switches\n";
  });
}
