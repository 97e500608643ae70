// e-work-stealing: beyond the book. d-multiple-threads gave each thread its
// own executor, and a task stayed where it was spawned. Here N workers share
// the tasks: the main task spawns every request on the worker that runs it,
// plus a few CPU-bound tasks that keep that worker busy, and the other
// workers steal what is queued behind them. The reactor's wakes go to the
// injector, where any idle worker takes them. With --svg FILE it draws the
// run: a row per task, a lane per worker with its parks, its wakes and its
// steals.
//
//   ./e-work-stealing                       # 2 workers, 6 requests, 4 busy tasks
//   ./e-work-stealing --workers 4 --requests 12 --busy-ms 50
//   ./e-work-stealing --svg run.svg
#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <string>

#include "common/demo.hpp"
#include "common/http.hpp"
#include "common/timed_future.hpp"
#include "common/timeline.hpp"
#include "http.hpp"
#include "picture.hpp"
#include "reactor.hpp"
#include "task.hpp"
#include "work_stealing.hpp"

namespace {

struct Shared {
  int delay_ms;
  int busy_ms;
  common::Timeline timeline;
  std::mutex out_mutex;

  void say(const std::string& line) {
    std::lock_guard lock(out_mutex);
    std::cout << line << "\n";
  }
};

std::string worker() { return "worker " + std::to_string(*async::ws::current_worker()); }

async::Task<void> request(int i, Shared* shared) {
  const std::string path = "/" + std::to_string(i * shared->delay_ms) + "/request-" + std::to_string(i);
  const std::string started_on = worker();
  // The GET drawn on the timeline: a row from its first poll to its answer,
  // a tick per poll (with --svg).
  const std::string response = co_await common::timed<async::Future<std::string>, const async::Waker&>(
      async::Http::get(path), path, shared->timeline);
  shared->say(path + ": started on " + started_on + ", answered on " + worker() + ": " +
              common::split_response(response).body);
}

// Keeps its worker busy without yielding: the tasks queued behind it there
// run only if another worker steals them.
async::Task<void> busy(int i, Shared* shared) {
  const std::size_t row = shared->timeline.add("busy-" + std::to_string(i));
  shared->timeline.poll(row);  // its one poll, which lasts until it is done
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(shared->busy_ms);
  volatile unsigned long spins = 0;
  while (std::chrono::steady_clock::now() < until) spins = spins + 1;
  shared->timeline.finish(row);
  shared->say("busy-" + std::to_string(i) + ": ran on " + worker());
  co_return;
}

async::Task<void> main_task(int requests, int busy_tasks, Shared* shared) {
  shared->say("main task on " + worker() + ": spawning " + std::to_string(busy_tasks) + " busy tasks and " +
              std::to_string(requests) + " requests on its own queue");
  for (int i = 0; i < busy_tasks; ++i) async::ws::spawn(busy(i, shared));
  for (int i = 1; i <= requests; ++i) async::ws::spawn(request(i, shared));
  co_return;
}

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"e-work-stealing: N workers share the tasks; idle ones steal from busy ones"};
  common::ServerAddress server;
  common::add_server_option(app, server);
  int workers = 2;
  app.add_option("--workers", workers, "worker threads")->check(common::cli::Range(1, 64))->capture_default_str();
  int requests = 6;
  app.add_option("--requests", requests, "request tasks (request i waits i x delay-ms)")
      ->check(common::cli::Range(0, 1000))
      ->capture_default_str();
  int delay_ms = 200;
  app.add_option("--delay-ms", delay_ms, "request i waits i x delay-ms")->check(common::cli::Range(0, 10'000))->capture_default_str();
  int busy_tasks = 4;
  app.add_option("--busy", busy_tasks, "CPU-bound tasks")->check(common::cli::Range(0, 1000))->capture_default_str();
  int busy_ms = 100;
  app.add_option("--busy-ms", busy_ms, "how long each CPU-bound task runs")->check(common::cli::Range(0, 10'000))->capture_default_str();
  common::SvgFile svg;
  common::add_svg_option(app, svg);

  return common::run_demo(app, argc, argv, [&] {
    async::Http::set_server(server);
    Shared shared{delay_ms, busy_ms, {}, {}};
    shared.timeline.record_events(svg.wanted());
    example::Picture picture(shared.timeline, svg.wanted());  // outlives the reactor and the workers it watches
    async::Reactor reactor;  // made first, gone last
    async::ws::Executor executor(static_cast<std::size_t>(workers));
    executor.block_on(async::boxed(main_task(requests, busy_tasks, &shared)));

    std::cout << "\n";
    shared.timeline.print(std::cout);
    const auto stats = executor.stats();
    char line[200];
    for (std::size_t w = 0; w < stats.workers.size(); ++w) {
      const auto& s = stats.workers[w];
      std::snprintf(line, sizeof line,
                    "worker %zu: polls: %lld   from own queue: %lld   from injector: %lld   steals: %lld (%lld tasks)   parks: %lld",
                    w, s.polls, s.local, s.injected, s.steals, s.stolen_tasks, s.parks);
      std::cout << line << "\n";
    }
    const auto r = reactor.stats();
    std::snprintf(line, sizeof line, "tasks: %lld   wakes: %lld   reactor loops: %lld   reactor wakes: %lld", stats.spawned,
                  stats.wakes, r.loops, r.wakes);
    std::cout << line << "\n";

    long long polls = 0, steals = 0, stolen = 0, parks = 0;
    for (const auto& s : stats.workers) {
      polls += s.polls;
      steals += s.steals;
      stolen += s.stolen_tasks;
      parks += s.parks;
    }
    std::snprintf(line, sizeof line,
                  "workers: %lld polls, %lld steals (%lld tasks), %lld parks; reactor: %lld loops, %lld wakes", polls,
                  steals, stolen, parks, r.loops, r.wakes);
    common::SvgOptions options{"ch06 e-work-stealing: " + std::to_string(workers) + " workers share " +
                                   std::to_string(busy_tasks) + " busy tasks and " + std::to_string(requests) +
                                   " requests",
                               line};
    options.bar = "task: start to end (a request: to its answer)";
    svg.write(shared.timeline, options);
  });
}
