// d-fibers-closure: spawn takes any callable, like std::thread: lambdas with
// captures, move-only ones included, and fibers that spawn fibers.
//
//   ./d-fibers-closure
//   ./d-fibers-closure --steps 5 --message "carried across yields"
#include <cstddef>
#include <iostream>
#include <memory>
#include <string>
#include <utility>

#include "common/demo.hpp"
#include "runtime.hpp"

namespace {

// Captured by move (inside a std::unique_ptr, so the lambda is move-only);
// says when it dies, to show the captures live exactly as long as the fiber.
struct Note {
  std::string text;
  explicit Note(std::string t) : text(std::move(t)) {}
  Note(const Note&) = delete;
  Note& operator=(const Note&) = delete;
  ~Note() { std::cout << "  (the note \"" << text << "\" is destroyed)\n"; }
};

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"d-fibers-closure: fibers from closures, move-only captures and nested spawns"};
  fibers::RuntimeOptions options;
  int steps = 3;
  std::string message = "captured by move";
  app.add_option("--steps", steps, "how many times the first fiber prints and yields")
      ->capture_default_str()
      ->check(common::cli::Range(1, 1000));
  app.add_option("--message", message, "text the first fiber carries in its closure")->capture_default_str();
  app.add_option("--threads", options.max_threads, "slots in the pool, the main thread included")
      ->capture_default_str()
      ->check(common::cli::Range(std::size_t{2}, std::size_t{100000}));
  app.add_option("--stack-size", options.stack_size, "bytes of stack per fiber")
      ->capture_default_str()
      ->check(common::cli::Range(std::size_t{16} << 10, std::size_t{1} << 30));

  return common::run_demo(app, argc, argv, [&] {
    fibers::Runtime runtime(options);

    auto note = std::make_unique<Note>(message);
    runtime.spawn([steps, note = std::move(note)] {
      for (int step = 1; step <= steps; ++step) {
        std::cout << "fiber " << fibers::current_fiber_id() << ": step " << step << " of " << steps << ", my note says \""
                  << note->text << "\"\n";
        fibers::yield_thread();
      }
    });

    runtime.spawn([] {
      const auto me = fibers::current_fiber_id();
      std::cout << "fiber " << me << ": spawning another fiber from inside a fiber...\n";
      fibers::spawn([me] { std::cout << "fiber " << fibers::current_fiber_id() << ": spawned by fiber " << me << "\n"; });
      std::cout << "fiber " << me << ": done; the new fiber runs at its turn\n";
    });

    runtime.run();
    std::cout << "all fibers finished; " << runtime.switches() << " context switches\n";
  });
}
