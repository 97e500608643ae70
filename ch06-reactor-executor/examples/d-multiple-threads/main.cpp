// d-multiple-threads: several executors, one per OS thread, one reactor.
//
// The main thread makes the Reactor; each of --threads threads makes its
// own Executor (a thread-local one, as the book's d-multiple-threads) and
// runs thread_main, a C++20 coroutine Task that spawns --requests request
// tasks and then sleeps on a reactor timer. Every GET and every timer
// registers with the same reactor, whose one thread wakes whichever
// executor's task had news: the waker carries the ready queue, and so the
// thread, it belongs to. Every executor parks while it has nothing ready.
// The program ends with the timeline and the figures of every executor;
// with --svg FILE it draws the run, a lane per executor thread.
#include <cstddef>
#include <cstdio>
#include <exception>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/demo.hpp"
#include "common/http.hpp"
#include "common/timed_future.hpp"
#include "common/timeline.hpp"
#include "executor.hpp"
#include "http.hpp"
#include "picture.hpp"
#include "reactor.hpp"
#include "task.hpp"
#include "timer.hpp"

namespace {

struct Shared {
  int requests;
  int delay_ms;
  common::Timeline timeline;
  std::mutex out_mutex;  // one line at a time from every thread

  void say(const std::string& line) {
    std::lock_guard lock(out_mutex);
    std::cout << line << "\n";
  }
};

async::Task<void> request(int thread, int i, Shared* shared) {
  const std::string path = "/" + std::to_string(i * shared->delay_ms) + "/t" + std::to_string(thread) + "-request" +
                           std::to_string(i);
  // The GET drawn on the timeline: a row from its first poll to its answer,
  // a tick per poll (with --svg).
  const std::string response = co_await common::timed<async::Future<std::string>, const async::Waker&>(
      async::Http::get(path), "thread " + std::to_string(thread) + " " + path, shared->timeline);
  shared->say("thread " + std::to_string(thread) + ": " + common::split_response(response).body);
}

async::Task<void> thread_main(int thread, Shared* shared) {
  for (int i = 1; i <= shared->requests; ++i) async::spawn(request(thread, i, shared));
  // The main task's own wait: a timer, on the same reactor as the sockets.
  co_await async::sleep(std::chrono::milliseconds(shared->delay_ms / 2));
  shared->say("thread " + std::to_string(thread) + ": main task's timer fired");
}

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"d-multiple-threads: an executor on each of several threads, all woken by one reactor"};
  common::ServerAddress server;
  common::add_server_option(app, server);
  int threads = 3;
  app.add_option("--threads", threads, "how many threads, each with its own executor")
      ->check(common::cli::Range(1, 64))
      ->capture_default_str();
  int requests = 3;
  app.add_option("--requests", requests, "request tasks per thread (request i waits i x delay-ms)")
      ->check(common::cli::Range(1, 1000))
      ->capture_default_str();
  int delay_ms = 500;
  app.add_option("--delay-ms", delay_ms, "request i waits i x delay-ms")->check(common::cli::Range(0, 10'000))->capture_default_str();
  common::SvgFile svg;
  common::add_svg_option(app, svg);

  return common::run_demo(app, argc, argv, [&] {
    async::Http::set_server(server);
    Shared shared{requests, delay_ms, {}, {}};
    shared.timeline.record_events(svg.wanted());
    std::cout << "Program starting: " << threads << " executor threads, one reactor\n";
    example::Picture picture(shared.timeline, svg.wanted());  // outlives the reactor it watches
    async::Reactor reactor;  // outlives every executor: joined after them
    std::vector<async::Executor::Stats> stats(static_cast<std::size_t>(threads));
    std::vector<long long> wakes(static_cast<std::size_t>(threads));
    std::vector<std::exception_ptr> errors(static_cast<std::size_t>(threads));
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        const auto at = static_cast<std::size_t>(t);
        try {
          example::Picture::name_this_thread("executor " + std::to_string(t));
          async::Executor executor;
          executor.block_on(async::boxed(thread_main(t, &shared)));
          stats[at] = executor.stats();
          wakes[at] = executor.wakes();
        } catch (...) {
          errors[at] = std::current_exception();  // rethrown on the main thread, for run_demo
        }
      });
    }
    for (auto& worker : workers) worker.join();
    for (const auto& error : errors) {
      if (error) std::rethrow_exception(error);
    }

    std::cout << "\n";
    shared.timeline.print(std::cout);
    char line[200];
    for (int t = 0; t < threads; ++t) {
      const auto& s = stats[static_cast<std::size_t>(t)];
      std::snprintf(line, sizeof line, "executor %d: tasks: %lld   polls: %lld   wakes: %lld   parks: %lld", t, s.spawned,
                    s.polls, wakes[static_cast<std::size_t>(t)], s.parks);
      std::cout << line << "\n";
    }
    const auto r = reactor.stats();
    std::snprintf(line, sizeof line, "reactor:  loops: %lld   events: %lld   wakes: %lld", r.loops, r.events, r.wakes);
    std::cout << line << "\n";
    std::snprintf(line, sizeof line, "reactor: %lld loops, %lld wakes, shared by every executor", r.loops, r.wakes);
    svg.write(shared.timeline, {"ch06 d-multiple-threads: " + std::to_string(threads) + " executor threads, " +
                                    std::to_string(requests) + " requests each, one reactor",
                                line});
  });
}
