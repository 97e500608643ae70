// memory-per-fiber: what one suspended fiber costs in memory, against an OS
// thread (and a boost.context fiber, when installed). "Resident" is what the
// process's RSS grows by per fiber once every fiber has started and
// yielded, so each has touched its stack; "reserved" is address space.
//
//   cmake --build build/ch02-release --target ch02-memory-per-fiber && build/ch02-release/memory-per-fiber
#include <pthread.h>
#include <unistd.h>

#include <barrier>
#include <cstdio>
#include <fstream>
#include <memory>
#include <thread>
#include <vector>

#include "bench_util.hpp"
#include "common/demo.hpp"
#include "common/syscall.hpp"
#include "runtime.hpp"
#include "stack.hpp"

#if CH02_HAVE_BOOST_CONTEXT
#include <boost/context/fiber.hpp>
#include <boost/context/protected_fixedsize_stack.hpp>
#endif

namespace {

// Resident set size, from /proc/self/statm (proc(5)): its second field, in pages.
long resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  if (!(statm >> size >> resident)) throw std::runtime_error("cannot read /proc/self/statm");
  return resident * static_cast<long>(fibers::Stack::page_size());
}

double per(long bytes, long count) { return static_cast<double>(bytes) / static_cast<double>(count); }

void print_row(const char* what, double resident, double reserved, const char* note) {
  std::printf("%-30s %12.0f %14.0f   %s\n", what, resident, reserved, note);
}

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"memory-per-fiber: resident and reserved bytes per suspended fiber, and per OS thread"};
  long fibers_count = 10'000;
  long threads_count = 1'000;
  std::size_t stack_size = fibers::kDefaultStackSize;
  app.add_option("--fibers", fibers_count, "fibers to spawn")->capture_default_str()->check(common::cli::Range(10L, 30'000L));
  app.add_option("--threads", threads_count, "OS threads to start")->capture_default_str()->check(common::cli::Range(10L, 10'000L));
  app.add_option("--stack-size", stack_size, "bytes of stack per fiber")->capture_default_str();

  return common::run_demo(app, argc, argv, [&] {
    std::printf("memory per suspended fiber: %s\n%s\n\n", bench::cpu_model().c_str(), bench::build_description().c_str());
    std::printf("%-30s %12s %14s\n", "", "resident B", "reserved B");

    {  // Ours: spawn, then let every fiber run up to its first yield.
      const long before = resident_bytes();
      fibers::Runtime runtime({.max_threads = static_cast<std::size_t>(fibers_count) + 1, .stack_size = stack_size});
      const long pool = resident_bytes();
      for (long i = 0; i < fibers_count; ++i) runtime.spawn([] { fibers::yield_thread(); });
      const long spawned = resident_bytes();
      fibers::yield_thread();  // each fiber starts, touches its stack, yields: all suspended now
      const long suspended = resident_bytes();
      const double reserved = static_cast<double>(stack_size + fibers::Stack::page_size());
      print_row("ours: fiber", per(suspended - before, fibers_count), reserved, "total, of which:");
      print_row("  Runtime: the slot", per(pool - before, fibers_count), 0,
                ("sizeof(Thread) = " + std::to_string(sizeof(fibers::Thread)) + "; stacks untouched").c_str());
      print_row("  spawn", per(spawned - pool, fibers_count), 0,
                "the callable on the heap; the top stack page, where spawn writes");
      print_row("  running up to yield_thread()", per(suspended - spawned, fibers_count), 0,
                "more stack pages, if the frames outgrow that page");
      runtime.run();
    }

#if CH02_HAVE_BOOST_CONTEXT
    {  // boost.context, with the same stack size and a guard page, each resumed once.
      namespace ctx = boost::context;
      const long before = resident_bytes();
      std::vector<ctx::fiber> fibers;
      fibers.reserve(static_cast<std::size_t>(fibers_count));
      for (long i = 0; i < fibers_count; ++i) {
        fibers.emplace_back(std::allocator_arg, ctx::protected_fixedsize_stack(stack_size),
                            [](ctx::fiber&& back) { return std::move(back).resume(); });
        fibers.back() = std::move(fibers.back()).resume();
      }
      const long suspended = resident_bytes();
      print_row("boost.context fiber", per(suspended - before, fibers_count),
                static_cast<double>(stack_size + fibers::Stack::page_size()), "protected_fixedsize_stack");
      for (auto& fiber : fibers) fiber = std::move(fiber).resume();  // let each finish
    }
#else
    std::printf("%-30s %12s %14s   %s\n", "boost.context fiber", "-", "-", "not installed (libboost-context-dev)");
#endif

    {  // OS threads, each blocked until all have started.
      const long before = resident_bytes();
      std::barrier all_started(threads_count + 1);
      std::barrier may_end(threads_count + 1);
      std::vector<std::thread> threads;
      threads.reserve(static_cast<std::size_t>(threads_count));
      for (long i = 0; i < threads_count; ++i) {
        threads.emplace_back([&] {
          all_started.arrive_and_wait();
          may_end.arrive_and_wait();
        });
      }
      all_started.arrive_and_wait();
      const long started = resident_bytes();
      // The stack size new threads get (glibc: RLIMIT_STACK at startup, usually 8 MiB).
      pthread_attr_t attributes;
      std::size_t thread_stack = 0;
      if (int error = ::pthread_getattr_default_np(&attributes); error != 0) {
        common::throw_error(error, "pthread_getattr_default_np");
      }
      ::pthread_attr_getstacksize(&attributes, &thread_stack);
      ::pthread_attr_destroy(&attributes);
      print_row("OS thread (std::thread)", per(started - before, threads_count),
                static_cast<double>(thread_stack + fibers::Stack::page_size()),
                "+ kernel: task_struct and a 16 KiB kernel stack, not in RSS");
      may_end.arrive_and_wait();
      for (auto& thread : threads) thread.join();
    }
    std::printf("\n%ld fibers (stack %zu bytes), %ld OS threads\n", fibers_count, stack_size, threads_count);
  });
}
