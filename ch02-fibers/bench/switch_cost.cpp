// switch-cost: nanoseconds per context switch, ours against the alternatives,
// measured in one run. Each row ping-pongs between two contexts: one round
// trip is two switches. Best of --repeats runs. Build it in Release:
//
//   cmake -S ch02-fibers -B build/ch02-release -G Ninja -DCMAKE_BUILD_TYPE=Release
//   cmake --build build/ch02-release --target ch02-switch-cost && build/ch02-release/switch-cost
#include <pthread.h>
#include <sched.h>
#include <ucontext.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench_util.hpp"
#include "common/demo.hpp"
#include "common/syscall.hpp"
#include "runtime.hpp"
#include "stack.hpp"
#include "thread_context.hpp"

#if CH02_HAVE_BOOST_CONTEXT
#include <boost/context/fiber.hpp>
#include <boost/version.hpp>
#endif

namespace {

using Clock = std::chrono::steady_clock;
using Switch = void (*)(fibers::ThreadContext*, const fibers::ThreadContext*);
constexpr std::size_t kStackSize = 64 * 1024;

// One timed run of `body(round_trips)`: ns per switch.
double ns_per_switch(long round_trips, const std::function<void(long)>& body) {
  const auto start = Clock::now();
  body(round_trips);
  const std::chrono::duration<double, std::nano> elapsed = Clock::now() - start;
  return elapsed.count() / (2.0 * static_cast<double>(round_trips));
}

// Ours, bare: two contexts made by make_context, switching back and forth.
struct Pair {
  fibers::ThreadContext main, fiber;
  Switch do_switch = nullptr;
};
[[noreturn]] void ping_pong_entry(void* arg) {
  auto& pair = *static_cast<Pair*>(arg);
  for (;;) pair.do_switch(&pair.fiber, &pair.main);
}
void raw_switches(Switch do_switch, long round_trips) {
  fibers::Stack stack(kStackSize);
  Pair pair;
  pair.do_switch = do_switch;
  fibers::make_context(pair.fiber, stack, &ping_pong_entry, &pair);
  for (long i = 0; i < round_trips; ++i) do_switch(&pair.main, &pair.fiber);
  // The fiber stays suspended in its loop; its stack is unmapped with `stack`.
}

// Ours, the whole way: yield_thread() through Runtime::t_yield.
void runtime_yields(long round_trips) {
  fibers::Runtime runtime({.max_threads = 2, .stack_size = kStackSize});
  runtime.spawn([round_trips] {
    for (long i = 0; i < round_trips; ++i) fibers::yield_thread();
  });
  runtime.run();
}

// glibc's swapcontext: saves and restores the signal mask with a syscall.
ucontext_t g_main_uc, g_fiber_uc;
void swap_entry() {
  for (;;) common::check(::swapcontext(&g_fiber_uc, &g_main_uc), "swapcontext");
}
void swapcontext_switches(long round_trips) {
  fibers::Stack stack(kStackSize);
  common::check(::getcontext(&g_fiber_uc), "getcontext");
  g_fiber_uc.uc_stack.ss_sp = stack.bottom();
  g_fiber_uc.uc_stack.ss_size = stack.size();
  g_fiber_uc.uc_link = nullptr;
  ::makecontext(&g_fiber_uc, &swap_entry, 0);
  for (long i = 0; i < round_trips; ++i) common::check(::swapcontext(&g_main_uc, &g_fiber_uc), "swapcontext");
}

#if CH02_HAVE_BOOST_CONTEXT
void boost_switches(long round_trips) {
  namespace ctx = boost::context;
  ctx::fiber fiber{std::allocator_arg, ctx::fixedsize_stack(kStackSize), [](ctx::fiber&& back) {
                     for (;;) back = std::move(back).resume();
                     return std::move(back);
                   }};
  for (long i = 0; i < round_trips; ++i) fiber = std::move(fiber).resume();
  // Destroying a suspended boost fiber unwinds it (forced_unwind): fine here.
}
#endif

// Two OS threads pinned to one CPU, handing a token back and forth through
// std::atomic wait/notify (a futex): each handoff is a kernel context switch.
void os_thread_switches(long round_trips) {
  cpu_set_t one_cpu;
  CPU_ZERO(&one_cpu);
  CPU_SET(common::check(::sched_getcpu(), "sched_getcpu"), &one_cpu);
  std::atomic<int> turn{0};
  auto pin = [&] {
    if (int error = ::pthread_setaffinity_np(::pthread_self(), sizeof one_cpu, &one_cpu); error != 0) {
      common::throw_error(error, "pthread_setaffinity_np");
    }
  };
  cpu_set_t before;
  common::check(::sched_getaffinity(0, sizeof before, &before), "sched_getaffinity");
  pin();
  std::thread other([&] {
    pin();
    for (long i = 0; i < round_trips; ++i) {
      turn.wait(0);
      turn.store(0);
      turn.notify_one();
    }
  });
  for (long i = 0; i < round_trips; ++i) {
    turn.store(1);
    turn.notify_one();
    turn.wait(1);
  }
  other.join();
  common::check(::sched_setaffinity(0, sizeof before, &before), "sched_setaffinity");
}

struct Row {
  std::string what;
  std::function<void(long)> body;  // empty: not available in this build
  long round_trips = 0;
  std::string note;
  double best = std::numeric_limits<double>::infinity();
};

}  // namespace

// bench/switch_variants_x86_64_sysv_elf.S: ours with one change each.
extern "C" void switch_context_ret(fibers::ThreadContext*, const fibers::ThreadContext*) noexcept;
extern "C" void switch_context_always_load(fibers::ThreadContext*, const fibers::ThreadContext*) noexcept;

int main(int argc, char** argv) {
  common::cli::App app{"switch-cost: nanoseconds per context switch, ours against boost.context, swapcontext, OS threads"};
  long round_trips = 2'000'000;
  int repeats = 7;
  app.add_option("--round-trips", round_trips, "round trips per run (two switches each)")
      ->capture_default_str()
      ->check(common::cli::Range(1000L, 1'000'000'000L));
  app.add_option("--repeats", repeats, "runs per row; the best is shown")->capture_default_str()->check(common::cli::Range(1, 100));

  return common::run_demo(app, argc, argv, [&] {
    const long os_round_trips = std::max(1000L, round_trips / 20);
    std::vector<Row> rows;
    rows.push_back({"ours: switch_context", [](long n) { raw_switches(&fibers::switch_context, n); },
                    round_trips, "the baseline"});
#if defined(__x86_64__)
    rows.push_back({"ours, ending in ret (as the book)", [](long n) { raw_switches(&switch_context_ret, n); },
                    round_trips, "mispredicted return"});
    rows.push_back({"ours, always loading MXCSR and x87 cw",
                    [](long n) { raw_switches(&switch_context_always_load, n); }, round_trips,
                    "ldmxcsr + fldcw every time"});
#endif
    rows.push_back({"ours: yield_thread() through the Runtime", runtime_yields, round_trips, "+ scheduler"});
#if CH02_HAVE_BOOST_CONTEXT
    rows.push_back({"boost.context " + std::to_string(BOOST_VERSION / 100000) + "." +
                        std::to_string(BOOST_VERSION / 100 % 1000) + ": fiber::resume",
                    boost_switches, round_trips, ""});
#else
    rows.push_back({"boost.context: fiber::resume", {}, 0, CH02_BOOST_CONTEXT_MISSING});
#endif
    rows.push_back({"glibc: swapcontext", swapcontext_switches, round_trips, "+ sigprocmask syscall"});
    rows.push_back({"OS threads: futex handoff, one core", os_thread_switches, os_round_trips, "kernel switch"});

    // Interleaved: run r of every row before run r+1 of any, so that a burst
    // of load from elsewhere on the machine hits all rows alike. Best of all runs.
    for (int r = 0; r < repeats; ++r) {
      for (Row& row : rows) {
        if (row.body) row.best = std::min(row.best, ns_per_switch(row.round_trips, row.body));
      }
    }

    const double ours = rows.front().best;
    std::printf("context switch cost: %s\n%s\n", bench::cpu_model().c_str(), bench::build_description().c_str());
    std::printf("%ld round trips per run (%ld for OS threads), 2 switches each, best of %d interleaved runs\n\n",
                round_trips, os_round_trips, repeats);
    std::printf("%-44s %10s %9s\n", "", "ns/switch", "vs ours");
    for (const Row& row : rows) {
      if (row.body) {
        std::printf("%-44s %10.1f %8.1fx   %s\n", row.what.c_str(), row.best, row.best / ours, row.note.c_str());
      } else {
        std::printf("%-44s %10s %9s   %s\n", row.what.c_str(), "-", "-", row.note.c_str());
      }
    }
    std::printf("\n");
    for (const Row& row : rows) {
      if (row.what.rfind("boost.context", 0) == 0 && row.body) {
        std::printf("ours / boost.context: %.2f (%s)\n", ours / row.best,
                    ours <= row.best ? "ours at or below it" : "ours slower");
      }
      if (row.what.rfind("glibc", 0) == 0) std::printf("swapcontext / ours: %.0fx\n", row.best / ours);
    }
  });
}
