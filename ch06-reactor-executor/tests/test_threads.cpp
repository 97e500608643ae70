// Several executors, one per OS thread, share one reactor (the book's
// d-multiple-threads): every task completes on the thread that spawned it,
// and the reactor's wakes reach the right thread.
#include <doctest/doctest.h>

#include <array>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "common/text.hpp"
#include "common/http.hpp"
#include "executor.hpp"
#include "http.hpp"
#include "reactor.hpp"
#include "task.hpp"
#include "testing/delay_server_fixture.hpp"
#include "timer.hpp"

using namespace std::chrono_literals;

namespace {

constexpr int kThreads = 4;
constexpr int kRequestsPerThread = 5;

struct ThreadResult {
  std::vector<std::string> bodies;   // in the order the requests finished
  std::vector<std::thread::id> ran_on;
  async::Executor::Stats stats;
};

async::Task<void> request(int thread, int i, ThreadResult* result) {
  const std::string path = common::cat("/", 20 * i, "/t", thread, "r", i);
  const std::string response = co_await async::Http::get(path);
  result->bodies.push_back(common::split_response(response).body);
  result->ran_on.push_back(std::this_thread::get_id());
}

async::Task<void> thread_main(int thread, ThreadResult* result) {
  for (int i = kRequestsPerThread - 1; i >= 0; --i) async::spawn(request(thread, i, result));
  co_await async::sleep(1ms);  // a timer on the shared reactor too
}

}  // namespace

TEST_SUITE("ch06/threads") {
  TEST_CASE_FIXTURE(testing::DelayServerFixture, "N executors on N threads share one reactor and all their tasks complete") {
    async::Http::set_server(address());
    async::Reactor reactor;  // outlives every executor below
    std::array<ThreadResult, kThreads> results;
    std::array<std::thread::id, kThreads> ids;
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([t, &results, &ids, &failures] {
        ids[t] = std::this_thread::get_id();
        try {
          async::Executor executor;  // this thread's
          executor.block_on(async::boxed(thread_main(t, &results[t])));
          results[t].stats = executor.stats();
        } catch (...) {
          ++failures;
        }
      });
    }
    for (auto& thread : threads) thread.join();
    REQUIRE(failures == 0);
    for (int t = 0; t < kThreads; ++t) {
      CAPTURE(t);
      REQUIRE(results[t].bodies.size() == kRequestsPerThread);
      // Each thread's requests end in the order of their delays (20 ms apart).
      for (int i = 0; i < kRequestsPerThread; ++i) {
        CHECK(results[t].bodies[i] == "t" + std::to_string(t) + "r" + std::to_string(i));
        CHECK(results[t].ran_on[i] == ids[t]);  // completed on the thread that spawned it
      }
      CHECK(results[t].stats.spawned == kRequestsPerThread + 1);
      CHECK(results[t].stats.finished == kRequestsPerThread + 1);
      CHECK(results[t].stats.parks >= 1);  // it slept while the server waited
    }
    CHECK(reactor.sources() == 0);
    CHECK(reactor.wakers() == 0);
    // Every task with a request was woken by the reactor at least once.
    CHECK(reactor.stats().wakes >= kThreads * kRequestsPerThread);
  }
}
