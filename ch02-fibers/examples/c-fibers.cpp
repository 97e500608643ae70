// c-fibers: the runtime. Two fibers count, one to 10 and one to 15, and yield
// after every step; the runtime switches between them (and the main thread)
// round robin, so their lines interleave until the shorter one finishes.
//
//   ./c-fibers
//   ./c-fibers --threads 2        # one slot too few: spawn reports it
//   ./c-fibers --svg fibers.svg   # also draw the switches: a row per fiber
#include <chrono>
#include <cstddef>
#include <iostream>
#include <string>
#include <utility>

#include "common/demo.hpp"
#include "runtime.hpp"

namespace {

// For --svg: the fibers' timeline. A fiber is drawn as a row from its first
// run to its end, with a tick each time the runtime switches to it.
common::Timeline* timeline = nullptr;

class Drawn {
 public:
  explicit Drawn(std::string label) : row_(timeline->add(std::move(label))) { timeline->poll(row_); }
  ~Drawn() { timeline->finish(row_); }
  Drawn(const Drawn&) = delete;
  Drawn& operator=(const Drawn&) = delete;
  void resumed() { timeline->poll(row_); }

 private:
  std::size_t row_;
};

// In this step a fiber is a plain function, as in the book's c-fibers: no
// captures, so each count is fixed. d-fibers-closure lifts that.
void thread_one() {
  Drawn drawn("thread 1: counts to 10");
  std::cout << "THREAD 1 STARTING\n";
  for (int i = 0; i < 10; ++i) {
    std::cout << "thread: 1 counter: " << i << "\n";
    fibers::yield_thread();
    drawn.resumed();
  }
  std::cout << "THREAD 1 FINISHED\n";
}

void thread_two() {
  Drawn drawn("thread 2: counts to 15");
  std::cout << "THREAD 2 STARTING\n";
  for (int i = 0; i < 15; ++i) {
    std::cout << "thread: 2 counter: " << i << "\n";
    fibers::yield_thread();
    drawn.resumed();
  }
  std::cout << "THREAD 2 FINISHED\n";
}

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"c-fibers: two green threads counting to 10 and 15, switched by hand-written assembly"};
  fibers::RuntimeOptions options;
  app.add_option("--threads", options.max_threads, "slots in the pool, the main thread included (MAX_THREADS)")
      ->capture_default_str()
      ->check(common::cli::Range(std::size_t{2}, std::size_t{100000}));
  app.add_option("--stack-size", options.stack_size, "bytes of stack per fiber")
      ->capture_default_str()
      ->check(common::cli::Range(std::size_t{16} << 10, std::size_t{1} << 30));
  common::SvgFile svg;
  common::add_svg_option(app, svg);

  return common::run_demo(app, argc, argv, [&] {
    fibers::Runtime runtime(options);
    common::Timeline fibers_timeline;  // time zero once the stacks are made
    fibers_timeline.record_events(svg.wanted());
    fibers_timeline.set_tick_resolution(std::chrono::nanoseconds(0));  // the whole run lasts microseconds
    timeline = &fibers_timeline;
    runtime.spawn(&thread_one);
    runtime.spawn(&thread_two);
    runtime.run();
    std::cout << "all fibers finished; " << runtime.switches() << " context switches\n";
    svg.write(fibers_timeline, {"ch02 c-fibers: two fibers on one OS thread, switched by hand-written assembly",
                                std::to_string(runtime.switches()) + " context switches; a fiber runs only between "
                                                                      "two ticks of the other",
                                "the fiber runs again (a switch to it)", "fiber: first run to end"});
    timeline = nullptr;
  });
}
