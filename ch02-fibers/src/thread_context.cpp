#include "thread_context.hpp"

#include <cstdint>

#include "stack.hpp"

namespace fibers {

// The same registers switch_context saves, read with the same instructions.
void capture_fp_control(ThreadContext& ctx) noexcept {
#if defined(__x86_64__)
  asm volatile("stmxcsr %0" : "=m"(ctx.mxcsr));
  asm volatile("fnstcw %0" : "=m"(ctx.x87_cw));
#elif defined(__aarch64__)
  asm volatile("mrs %0, fpcr" : "=r"(ctx.fpcr));
#endif
}

void make_context(ThreadContext& ctx, const Stack& stack, void (*entry)(void*), void* arg) noexcept {
  // SAFETY: the stack is at least a page; the two words below its 16-byte
  // aligned top are inside it. Code addresses fit in a 64-bit word.
  const std::uintptr_t top = reinterpret_cast<std::uintptr_t>(stack.top()) & ~std::uintptr_t{15};
  auto* word = reinterpret_cast<std::uint64_t*>(top);
  ctx = ThreadContext{};
  ctx.thread_ptr = reinterpret_cast<std::uint64_t>(arg);
  capture_fp_control(ctx);
  word[-1] = 0;                                          // where entry would return to: nowhere
  word[-2] = reinterpret_cast<std::uint64_t>(entry);     // popped by switch_context (x86-64) or skip (aarch64)
#if defined(__x86_64__)
  ctx.rsp = top - 0x10;                                  // switch_context pops entry: it starts with rsp = T-8
#elif defined(__aarch64__)
  ctx.sp = top - 0x10;                                   // skip pops entry and lr = 0, sp = T
  ctx.lr = reinterpret_cast<std::uint64_t>(&skip);
#endif
}

}  // namespace fibers
