// CostMeter: what waiting costs. Examples and benchmarks that make a point of
// cost print it. What a busy loop costs: wall-clock time against the CPU time the process
// used, split into user time (our loop) and system time (the kernel answering
// read(2) with EAGAIN). A loop that spins while it waits shows CPU time close
// to wall time: one core kept busy doing nothing useful. One that sleeps
// between polls shows almost none.
#pragma once

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "common/syscall.hpp"

namespace common {

struct CpuTime {
  std::chrono::microseconds user{0};
  std::chrono::microseconds system{0};
};

// CPU time used so far by this process (getrusage(2), RUSAGE_SELF) or, with
// RUSAGE_THREAD, by the calling thread alone.
inline CpuTime process_cpu_time(int who = RUSAGE_SELF) {
  rusage usage{};
  common::check(::getrusage(who, &usage), "getrusage");
  const auto micros = [](const timeval& tv) {
    return std::chrono::seconds(tv.tv_sec) + std::chrono::microseconds(tv.tv_usec);
  };
  return {micros(usage.ru_utime), micros(usage.ru_stime)};
}

class CostMeter {
 public:
  // `who`: RUSAGE_SELF (the process) or RUSAGE_THREAD (this thread only).
  explicit CostMeter(int who = RUSAGE_SELF)
      : who_(who), wall_start_(std::chrono::steady_clock::now()), cpu_start_(process_cpu_time(who)) {}

  [[nodiscard]] std::chrono::milliseconds elapsed() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 wall_start_);
  }

  struct Cost {
    double wall_ms, user_ms, system_ms;
    [[nodiscard]] double cpu_ms() const { return user_ms + system_ms; }
    [[nodiscard]] double core_share() const { return wall_ms > 0 ? 100.0 * cpu_ms() / wall_ms : 0.0; }
  };

  // Wall and CPU time since construction.
  [[nodiscard]] Cost measure() const {
    using Ms = std::chrono::duration<double, std::milli>;
    const CpuTime now = process_cpu_time(who_);
    return {Ms(std::chrono::steady_clock::now() - wall_start_).count(), Ms(now.user - cpu_start_.user).count(),
            Ms(now.system - cpu_start_.system).count()};
  }

  // "polls: 1234567   wall: 1502 ms   CPU: 1497 ms (user 402 + system 1095) = 100% of one core"
  [[nodiscard]] std::string report(long long polls) const {
    const Cost cost = measure();
    char line[200];
    std::snprintf(line, sizeof line,
                  "polls: %lld   wall: %.0f ms   CPU: %.0f ms (user %.0f + system %.0f) = %.0f%% of one core",
                  polls, cost.wall_ms, cost.cpu_ms(), cost.user_ms, cost.system_ms, cost.core_share());
    return line;
  }

 private:
  int who_;
  std::chrono::steady_clock::time_point wall_start_;
  CpuTime cpu_start_;
};

}  // namespace common
