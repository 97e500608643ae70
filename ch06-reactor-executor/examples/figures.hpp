// The figures every demo of this chapter ends with: what the executor did
// (polls, wakes, parks, tasks) and what the reactor's thread did (event-loop
// turns, events, wakes).
#pragma once

#include <cstdio>
#include <ostream>
#include <string>

#include "executor.hpp"
#include "reactor.hpp"

namespace example {

// The same figures on one line, for a picture's subtitle.
inline std::string figures_line(const async::Executor& executor, const async::Reactor& reactor) {
  const auto& e = executor.stats();
  const auto r = reactor.stats();
  char line[200];
  std::snprintf(line, sizeof line, "executor: %lld polls, %lld wakes, %lld parks; reactor: %lld loops, %lld wakes",
                e.polls, executor.wakes(), e.parks, r.loops, r.wakes);
  return line;
}

inline void print_figures(std::ostream& out, const async::Executor& executor, const async::Reactor& reactor) {
  const auto& e = executor.stats();
  const auto r = reactor.stats();
  char line[200];
  std::snprintf(line, sizeof line, "executor: tasks: %lld   polls: %lld   wakes: %lld   parks: %lld", e.spawned, e.polls,
                executor.wakes(), e.parks);
  out << line << "\n";
  std::snprintf(line, sizeof line, "reactor:  loops: %lld   events: %lld   wakes: %lld", r.loops, r.events, r.wakes);
  out << line << "\n";
}

}  // namespace example
