// WRONG: never paints the new fibers' stacks, so the zeros of a fresh stack all count as used. Caught by: a fiber with a 64 KiB frame reports at least that much, an idle one far less
#include "stack_high_water.hpp"

#include <algorithm>

namespace exercise {

void paint_stack(std::span<std::byte> stack) { std::fill(stack.begin(), stack.end(), kPaint); }

std::size_t stack_high_water(std::span<const std::byte> stack) {
  // The stack grows down, so the deepest write is the lowest changed byte:
  // scan up from the bottom and stop at the first one.
  auto first_changed = std::find_if(stack.begin(), stack.end(), [](std::byte b) { return b != kPaint; });
  return static_cast<std::size_t>(stack.end() - first_changed);
}

StackReport::StackReport(fibers::Runtime& runtime) {
  // on_spawn runs before the fiber's first instruction; on_finish after its
  // last, once its stack is no longer in use, so neither sees a live frame.
  // (The hooks keep `this`: a StackReport must outlive its Runtime's fibers.)
  runtime.on_finish([this](const fibers::FiberInfo& info) { used_[info.id] = stack_high_water(info.stack); });
}

std::size_t StackReport::used(std::uint64_t fiber_id) const {
  auto found = used_.find(fiber_id);
  return found == used_.end() ? 0 : found->second;
}

}  // namespace exercise
