// What a busy loop costs: wall-clock time against the CPU time the process
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

namespace example {

struct CpuTime {
  std::chrono::microseconds user{0};
  std::chrono::microseconds system{0};
};

// CPU time this process has used so far (getrusage(2), RUSAGE_SELF).
inline CpuTime process_cpu_time() {
  rusage usage{};
  common::check(::getrusage(RUSAGE_SELF, &usage), "getrusage(RUSAGE_SELF)");
  const auto micros = [](const timeval& tv) {
    return std::chrono::seconds(tv.tv_sec) + std::chrono::microseconds(tv.tv_usec);
  };
  return {micros(usage.ru_utime), micros(usage.ru_stime)};
}

class CostMeter {
 public:
  CostMeter() : wall_start_(std::chrono::steady_clock::now()), cpu_start_(process_cpu_time()) {}

  [[nodiscard]] std::chrono::milliseconds elapsed() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 wall_start_);
  }

  // "polls: 1234567   wall: 1502 ms   CPU: 1497 ms (user 402 + system 1095) = 100% of one core"
  [[nodiscard]] std::string report(long long polls) const {
    using Ms = std::chrono::duration<double, std::milli>;
    const Ms wall = std::chrono::steady_clock::now() - wall_start_;
    const CpuTime now = process_cpu_time();
    const Ms user = now.user - cpu_start_.user;
    const Ms system = now.system - cpu_start_.system;
    const double cpu = user.count() + system.count();
    const double share = wall.count() > 0 ? 100.0 * cpu / wall.count() : 0.0;
    char line[200];
    std::snprintf(line, sizeof line,
                  "polls: %lld   wall: %.0f ms   CPU: %.0f ms (user %.0f + system %.0f) = %.0f%% of one core",
                  polls, wall.count(), cpu, user.count(), system.count(), share);
    return line;
  }

 private:
  std::chrono::steady_clock::time_point wall_start_;
  CpuTime cpu_start_;
};

}  // namespace example
