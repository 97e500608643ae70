// The figures every demo of this chapter ends with: what the executor did
// (polls, wakes, parks, tasks) and what the reactor's thread did (event-loop
// turns, events, wakes).
#pragma once

#include <cstdio>
#include <ostream>

#include "executor.hpp"
#include "reactor.hpp"

namespace example {

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
