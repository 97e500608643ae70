// Exercise 03: how much of its stack did a fiber use?
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <unordered_map>

#include "runtime.hpp"

namespace exercise {

// The byte paint_stack writes everywhere.
inline constexpr std::byte kPaint{0xA5};

// Fills `stack` with kPaint.
void paint_stack(std::span<std::byte> stack);

// How many bytes at the top of `stack` have been written since it was
// painted: from the end of the span down to the lowest byte that no longer
// holds kPaint, included. 0 when every byte still holds the paint.
[[nodiscard]] std::size_t stack_high_water(std::span<const std::byte> stack);

// Paints the stack of every fiber `runtime` spawns from now on, and when
// one ends records how much of its stack it used.
class StackReport {
 public:
  explicit StackReport(fibers::Runtime& runtime);

  // Bytes used by the fiber with this id, once it has ended; 0 if unknown.
  [[nodiscard]] std::size_t used(std::uint64_t fiber_id) const;
  [[nodiscard]] std::size_t fibers_measured() const { return used_.size(); }

 private:
  std::unordered_map<std::uint64_t, std::size_t> used_;
};

}  // namespace exercise
