// task_memory: bytes per waiting task. N tasks are spawned and polled once,
// so that each waits (on a timer or on a GET) and holds what it holds while
// waiting: its future, its slot in the executor's map, its waker in the
// reactor's map, its I/O buffers. The heap is counted by replacing the
// global operator new/delete (live bytes, as malloc_usable_size reports
// them); resident memory from /proc/self/statm. Kernel memory (the socket
// buffers, the timerfd, the epoll entry) is in neither, as it is in neither
// for a fiber.
#include <malloc.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <new>
#include <string>


#include "common/cli.hpp"
#include "bench/forked_server.hpp"
#include "delayserver/server.hpp"
#include "http.hpp"
#include "runtime.hpp"
#include "task.hpp"
#include "timer.hpp"

namespace {
std::atomic<long long> live_bytes{0};
}  // namespace

// The counting allocator: every C++ allocation of this program passes here.
void* operator new(std::size_t size) {
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) throw std::bad_alloc();
  live_bytes.fetch_add(static_cast<long long>(::malloc_usable_size(p)), std::memory_order_relaxed);
  return p;
}
void* operator new[](std::size_t size) { return ::operator new(size); }
void operator delete(void* p) noexcept {
  if (p == nullptr) return;
  live_bytes.fetch_sub(static_cast<long long>(::malloc_usable_size(p)), std::memory_order_relaxed);
  std::free(p);
}
void operator delete[](void* p) noexcept { ::operator delete(p); }
void operator delete(void* p, std::size_t) noexcept { ::operator delete(p); }
void operator delete[](void* p, std::size_t) noexcept { ::operator delete(p); }

namespace {

long long resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  long long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * ::sysconf(_SC_PAGESIZE);
}

struct Sample {
  long long heap = 0;
  long long rss = 0;
};

// Spawns n tasks made by `make`, waits 1 ms on a timer (by then every one
// has been polled once: they were queued first), samples, and lets them end.
template <class Make>
async::Task<void> measure(int n, Make make, Sample* sample) {
  const long long heap0 = live_bytes.load();
  const long long rss0 = resident_bytes();
  for (int i = 0; i < n; ++i) async::spawn(make(i));
  co_await async::sleep(std::chrono::milliseconds(1));
  sample->heap = live_bytes.load() - heap0;
  sample->rss = resident_bytes() - rss0;
}

async::Task<void> sleeper(int wait_ms) { co_await async::sleep(std::chrono::milliseconds(wait_ms)); }
async::Task<void> getter(std::string path) { (void)co_await async::Http::get(std::move(path)); }

template <class Make>
void row(const char* what, int n, Make make) {
  Sample sample;
  {
    async::Runtime runtime;
    runtime.block_on(async::boxed(measure(n, make, &sample)));
  }
  std::printf("| %-46s | %6d | %10.0f | %10.0f |\n", what, n, static_cast<double>(sample.heap) / n,
              static_cast<double>(sample.rss) / n);
}

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"task_memory: heap and resident bytes per waiting task on this chapter's runtime"};
  int tasks = 10'000;
  int wait_ms = 300;
  app.add_option("--tasks", tasks, "waiting tasks per row")->capture_default_str()->check(common::cli::Range(1, 15'000));
  app.add_option("--wait-ms", wait_ms, "how long each task waits")->capture_default_str();
  if (auto status = app.parse(argc, argv)) {
    return *status;
  }

  delayserver::raise_open_file_limit();
  bench::ForkedServer server;  // before any thread
  async::Http::set_server(common::ServerAddress{"127.0.0.1", server.port()});

  std::printf("sizeof: HttpGetFuture %zu, SleepFuture %zu, Waker %zu\n\n", sizeof(async::HttpGetFuture),
              sizeof(async::SleepFuture), sizeof(async::Waker));
  std::printf("| waiting task                                   | tasks  | heap B     | resident B |\n");
  std::printf("|------------------------------------------------|--------|------------|------------|\n");
  row("async::sleep (a boxed SleepFuture)", tasks, [&](int) { return async::sleep(std::chrono::milliseconds(wait_ms)); });
  row("Task coroutine co_awaiting async::sleep", tasks, [&](int) { return sleeper(wait_ms); });
  row("Task coroutine co_awaiting Http::get", tasks,
      [&](int i) { return getter("/" + std::to_string(wait_ms) + "/r" + std::to_string(i)); });
  return 0;
}
