// total_length: a coroutine, in corofy's syntax, that returns a value.
#pragma once

#include <cstddef>
#include <string>

#include "future.hpp"

namespace exercise {

// GETs first_path, then second_path, and is Ready with the sum of the two
// response bodies' lengths. Written as `coroutine std::size_t total_length(...)`
// in lengths.coro.cpp; the build rewrites it with corofy.
[[nodiscard]] async::FuturePtr<std::size_t> total_length(std::string first_path, std::string second_path);

}  // namespace exercise
