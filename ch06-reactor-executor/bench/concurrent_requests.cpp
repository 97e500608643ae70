// concurrent_requests: N GETs at once on this chapter's runtime, each its
// own task, against a delay server (forked, so the figures are ours alone)
// that answers every one after the same fixed delay. Prints wall time,
// executor polls, parks and wakes, reactor wakes, CPU time and peak RSS.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>


#include "common/cli.hpp"
#include "bench/forked_server.hpp"
#include "common/http.hpp"
#include "delayserver/server.hpp"
#include "http.hpp"
#include "runtime.hpp"
#include "task.hpp"

namespace {

async::Task<void> request(std::string path, int* answered) {
  const std::string response = co_await async::Http::get(std::move(path));
  if (common::split_response(response).status == 200) ++*answered;
}

async::Task<void> spawn_all(int n, int delay_ms, int* answered) {
  for (int i = 0; i < n; ++i) async::spawn(request("/" + std::to_string(delay_ms) + "/r" + std::to_string(i), answered));
  co_return;
}

double ms(const timeval& tv) { return static_cast<double>(tv.tv_sec) * 1e3 + static_cast<double>(tv.tv_usec) / 1e3; }

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"concurrent_requests: N concurrent GETs, one task each, on one executor and one reactor"};
  std::vector<int> counts{100, 1000, 10000};
  int delay_ms = 500;
  app.add_option("--counts", counts, "how many concurrent requests, one run each")->capture_default_str();
  app.add_option("--delay-ms", delay_ms, "the delay every request asks for")->capture_default_str();
  if (auto status = app.parse(argc, argv)) {
    return *status;
  }

  const auto limit = delayserver::raise_open_file_limit();
  bench::ForkedServer server;  // before any thread
  async::Http::set_server(common::ServerAddress{"127.0.0.1", server.port()});

  std::printf("N concurrent GET /%d/..., one task each, one executor thread, one reactor thread (RLIMIT_NOFILE %llu)\n\n",
              delay_ms, static_cast<unsigned long long>(limit));
  std::printf("| N      | answered | wall ms | polls  | parks | wakes  | reactor loops | CPU ms | peak RSS MiB |\n");
  std::printf("|--------|----------|---------|--------|-------|--------|---------------|--------|--------------|\n");
  for (const int n : counts) {
    int answered = 0;
    rusage before{};
    common::check(::getrusage(RUSAGE_SELF, &before), "getrusage");
    const auto start = std::chrono::steady_clock::now();
    async::Runtime runtime;
    runtime.block_on(async::boxed(spawn_all(n, delay_ms, &answered)));
    const double wall =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    rusage after{};
    common::check(::getrusage(RUSAGE_SELF, &after), "getrusage");
    const auto& e = runtime.executor().stats();
    const double cpu = ms(after.ru_utime) + ms(after.ru_stime) - ms(before.ru_utime) - ms(before.ru_stime);
    std::printf("| %6d | %8d | %7.0f | %6lld | %5lld | %6lld | %13lld | %6.0f | %12.1f |\n", n, answered, wall, e.polls,
                e.parks, runtime.executor().wakes(), runtime.reactor().stats().loops, cpu,
                static_cast<double>(after.ru_maxrss) / 1024.0);
  }
  return 0;
}
