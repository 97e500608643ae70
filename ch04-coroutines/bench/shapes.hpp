// The coroutine shapes bench/coroutine_sizes.cpp measures, written for
// corofy in shapes.coro.cpp: each function reports sizeof the state machine
// corofy generated for one shape.
#pragma once

#include <cstddef>

namespace shapes {

[[nodiscard]] std::size_t no_wait();
[[nodiscard]] std::size_t one_wait();
[[nodiscard]] std::size_t two_waits();
[[nodiscard]] std::size_t four_waits();
[[nodiscard]] std::size_t four_waits_two_strings_across();

}  // namespace shapes
