// WRONG: scans down from the top and stops at the first byte that still holds the paint, missing deeper writes below it. Caught by: the mark is the distance from the top to the lowest changed byte
#include "stack_high_water.hpp"

#include <algorithm>

namespace exercise {

void paint_stack(std::span<std::byte> stack) { std::fill(stack.begin(), stack.end(), kPaint); }

std::size_t stack_high_water(std::span<const std::byte> stack) {
  // The stack is used from the top: walk down from it while the bytes have
  // been written, and stop at the first one still painted.
  auto first_painted = std::find_if(stack.rbegin(), stack.rend(), [](std::byte b) { return b == kPaint; });
  return static_cast<std::size_t>(first_painted - stack.rbegin());
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
