#include "thread_context.hpp"

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

}  // namespace fibers
