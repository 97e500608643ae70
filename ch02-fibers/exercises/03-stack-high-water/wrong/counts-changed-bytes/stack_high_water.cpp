// WRONG: counts the bytes that no longer hold the paint instead of measuring down to the lowest one. Caught by: the mark is the distance from the top to the lowest changed byte
#include "stack_high_water.hpp"

#include <algorithm>

namespace exercise {

void paint_stack(std::span<std::byte> stack) { std::fill(stack.begin(), stack.end(), kPaint); }

std::size_t stack_high_water(std::span<const std::byte> stack) {
  // Every byte that lost its paint was used.
  return static_cast<std::size_t>(std::count_if(stack.begin(), stack.end(), [](std::byte b) { return b != kPaint; }));
}

StackReport::StackReport(fibers::Runtime& runtime) {
  // on_spawn runs before the fiber's first instruction; on_finish after its
  // last, once its stack is no longer in use, so neither sees a live frame.
  // (The hooks keep `this`: a StackReport must outlive its Runtime's fibers.)
  runtime.on_spawn([](const fibers::FiberInfo& info) { paint_stack(info.stack); });
  runtime.on_finish([this](const fibers::FiberInfo& info) { used_[info.id] = stack_high_water(info.stack); });
}

std::size_t StackReport::used(std::uint64_t fiber_id) const {
  auto found = used_.find(fiber_id);
  return found == used_.end() ? 0 : found->second;
}

}  // namespace exercise
