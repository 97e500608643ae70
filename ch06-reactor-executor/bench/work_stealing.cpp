// work_stealing: the work-stealing executor against this chapter's
// executor-per-thread design, on 1 and 2 threads, for two workloads:
//  - tiny CPU-bound tasks (each a short computation, Ready on its first
//    poll): what scheduling costs per task, and whether a second thread helps;
//  - N concurrent GETs (a forked delay server answers each after a fixed
//    delay): I/O-bound tasks woken by the one reactor thread.
// Per-thread executors get an equal share of the tasks each, spawned on
// their own thread (the best case for them); the work-stealing executor gets
// every task spawned by one root task on one worker, and spreads them by
// stealing. Prints a table; run it on an otherwise idle machine.
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>


#include "common/cli.hpp"
#include "bench/forked_server.hpp"
#include "common/http.hpp"
#include "delayserver/server.hpp"
#include "executor.hpp"
#include "http.hpp"
#include "reactor.hpp"
#include "task.hpp"
#include "work_stealing.hpp"

namespace {

std::atomic<unsigned long> sink{0};

// A tiny CPU-bound task: `work` rounds of an integer hash, then Ready.
class Tiny final : public async::Future<void> {
 public:
  explicit Tiny(int work) : work_(work) {}
  async::PollState<void> poll(const async::Waker&) override {
    unsigned long x = static_cast<unsigned long>(work_);
    for (int i = 0; i < work_; ++i) x = x * 6364136223846793005UL + 1442695040888963407UL;
    sink.fetch_add(x & 1, std::memory_order_relaxed);
    return async::Ready{};
  }

 private:
  int work_;
};

async::Task<void> request(std::string path, std::atomic<int>* answered) {
  const std::string response = co_await async::Http::get(std::move(path));
  if (common::split_response(response).status == 200) ++*answered;
}

std::string path(int delay_ms, long i) { return "/" + std::to_string(delay_ms) + "/r" + std::to_string(i); }

struct Figures {
  double wall_ms = 0;
  double cpu_ms = 0;
  long long steals = 0;
};

double ms(const timeval& tv) { return static_cast<double>(tv.tv_sec) * 1e3 + static_cast<double>(tv.tv_usec) / 1e3; }

template <class Body>
Figures measure(Body body) {
  rusage before{};
  common::check(::getrusage(RUSAGE_SELF, &before), "getrusage");
  const auto start = std::chrono::steady_clock::now();
  Figures f;
  f.steals = body();
  f.wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  rusage after{};
  common::check(::getrusage(RUSAGE_SELF, &after), "getrusage");
  f.cpu_ms = ms(after.ru_utime) + ms(after.ru_stime) - ms(before.ru_utime) - ms(before.ru_stime);
  return f;
}

// Executor-per-thread: `threads` threads, each its own Executor running a
// root that spawns its share of the tasks.
template <class MakeTask>
long long per_thread(int threads, long tasks, MakeTask make) {
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([=] {
      async::Executor executor;
      executor.block_on(async::boxed([](long first, long last, MakeTask make) -> async::Task<void> {
        for (long i = first; i < last; ++i) async::spawn(make(i));
        co_return;
      }(tasks * t / threads, tasks * (t + 1) / threads, make)));
    });
  }
  for (auto& thread : pool) thread.join();
  return 0;
}

// Work stealing: one root task on one worker spawns every task.
template <class MakeTask>
long long stealing(int workers, long tasks, MakeTask make) {
  async::ws::Executor executor(static_cast<std::size_t>(workers));
  executor.block_on(async::boxed([](long n, MakeTask make) -> async::Task<void> {
    for (long i = 0; i < n; ++i) async::ws::spawn(make(i));
    co_return;
  }(tasks, make)));
  long long steals = 0;
  for (const auto& w : executor.stats().workers) steals += w.steals;
  return steals;
}

void row(const char* workload, const char* design, int threads, const Figures& f, long tasks, const char* extra) {
  std::printf("| %-22s | %-19s | %7d | %8.0f | %7.0f | %11.0f | %6lld | %s\n", workload, design, threads, f.wall_ms,
              f.cpu_ms, f.wall_ms * 1e6 / static_cast<double>(tasks), f.steals, extra);
}

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"work_stealing: the work-stealing executor against one executor per thread, on 1 and 2 threads"};
  long tiny = 1'000'000;
  int work = 200;
  int requests = 10'000;
  int delay_ms = 500;
  app.add_option("--tiny", tiny, "tiny CPU-bound tasks")->capture_default_str();
  app.add_option("--work", work, "hash rounds per tiny task")->capture_default_str();
  app.add_option("--requests", requests, "concurrent GETs")->capture_default_str();
  app.add_option("--delay-ms", delay_ms, "the delay every GET asks for")->capture_default_str();
  if (auto status = app.parse(argc, argv)) {
    return *status;
  }

  delayserver::raise_open_file_limit();
  bench::ForkedServer server;  // before any thread
  async::Http::set_server(common::ServerAddress{"127.0.0.1", server.port()});
  async::Reactor reactor;

  std::printf("%ld tiny tasks (%d hash rounds each); %d concurrent GETs of %d ms; %u hardware threads\n\n", tiny, work,
              requests, delay_ms, std::thread::hardware_concurrency());
  std::printf("| workload               | design              | threads | wall ms  | CPU ms  | wall ns/task | steals |\n");
  std::printf("|------------------------|---------------------|---------|----------|---------|--------------|--------|\n");
  const auto make_tiny = [work](long) { return async::FuturePtr<void>(std::make_unique<Tiny>(work)); };
  for (const int threads : {1, 2}) {
    row("tiny tasks", "executor per thread", threads, measure([&] { return per_thread(threads, tiny, make_tiny); }), tiny, "");
    row("tiny tasks", "work stealing", threads, measure([&] { return stealing(threads, tiny, make_tiny); }), tiny, "");
  }
  for (const int threads : {1, 2}) {
    std::atomic<int> answered{0};
    const auto make_get = [&answered, delay_ms](long i) { return async::boxed(request(path(delay_ms, i), &answered)); };
    auto f = measure([&] { return per_thread(threads, requests, make_get); });
    std::string note = std::to_string(answered.load()) + " answered";
    row("concurrent GETs", "executor per thread", threads, f, requests, note.c_str());
    answered = 0;
    f = measure([&] { return stealing(threads, requests, make_get); });
    note = std::to_string(answered.load()) + " answered";
    row("concurrent GETs", "work stealing", threads, f, requests, note.c_str());
  }
  return 0;
}
