// ThreadContext and switch_context: what a context switch saves, and the one
// function (written in assembly) that performs it.
//
// A fiber is suspended inside a function call: it called switch_context and
// has not returned yet. The calling convention already makes the caller save
// every register it still needs that the callee may clobber (the caller-saved
// ones), so the switch only has to save what the ABI promises a callee leaves
// untouched (the callee-saved ones), plus the stack pointer that says where
// the suspended call returns to. That short list is ThreadContext.
//
// The book writes the switch as a naked Rust function called `switch`; that
// is a C++ keyword, so ours is `switch_context` (src/switch_*.S).
#pragma once

#include <cstddef>
#include <cstdint>

namespace fibers {

#if defined(__x86_64__) && !defined(__ILP32__)

// x86-64 System V psABI §3.2.1 (Figure 3.4): rbx, rbp, r12-r15 are
// callee-saved, and so are the control bits of MXCSR and the x87 control word
// (rounding mode, exception masks, precision). rsp is saved because it is the
// fiber: it points at the return address switch_context will jump to.
// Layout shared with src/switch_x86_64_sysv_elf.S; the offsets are checked below.
struct ThreadContext {
  std::uint64_t rsp = 0;         // 0x00
  std::uint64_t r15 = 0;         // 0x08
  std::uint64_t r14 = 0;         // 0x10
  std::uint64_t r13 = 0;         // 0x18
  std::uint64_t r12 = 0;         // 0x20
  std::uint64_t rbx = 0;         // 0x28
  std::uint64_t rbp = 0;         // 0x30
  std::uint64_t thread_ptr = 0;  // 0x38 loaded into rdi: a new fiber's argument (book step d)
  std::uint32_t mxcsr = 0;       // 0x40 SSE control/status; switch saves and restores it whole
  std::uint16_t x87_cw = 0;      // 0x44 x87 control word
};

static_assert(offsetof(ThreadContext, rsp) == 0x00);
static_assert(offsetof(ThreadContext, r15) == 0x08);
static_assert(offsetof(ThreadContext, r14) == 0x10);
static_assert(offsetof(ThreadContext, r13) == 0x18);
static_assert(offsetof(ThreadContext, r12) == 0x20);
static_assert(offsetof(ThreadContext, rbx) == 0x28);
static_assert(offsetof(ThreadContext, rbp) == 0x30);
static_assert(offsetof(ThreadContext, thread_ptr) == 0x38);
static_assert(offsetof(ThreadContext, mxcsr) == 0x40);
static_assert(offsetof(ThreadContext, x87_cw) == 0x44);
static_assert(sizeof(ThreadContext) == 0x48);

#elif defined(__aarch64__) && !defined(__ILP32__)

// AAPCS64 §6.1.1: x19-x28 are callee-saved, x29 is the frame pointer and x30
// (lr) holds the return address; §6.1.2: the low 64 bits of v8-v15 (d8-d15)
// are callee-saved. FPCR (rounding mode, flush-to-zero) is a "global
// register" that only specific support functions such as fesetround change;
// yield_thread is not one of them, so it must come back unchanged, and we
// keep one per fiber as the x86-64 side does with MXCSR.
// Layout shared with src/switch_aarch64_aapcs64_elf.S; the offsets are checked below.
struct ThreadContext {
  std::uint64_t sp = 0;          // 0x00
  std::uint64_t x19 = 0;         // 0x08
  std::uint64_t x20 = 0;         // 0x10
  std::uint64_t x21 = 0;         // 0x18
  std::uint64_t x22 = 0;         // 0x20
  std::uint64_t x23 = 0;         // 0x28
  std::uint64_t x24 = 0;         // 0x30
  std::uint64_t x25 = 0;         // 0x38
  std::uint64_t x26 = 0;         // 0x40
  std::uint64_t x27 = 0;         // 0x48
  std::uint64_t x28 = 0;         // 0x50
  std::uint64_t fp = 0;          // 0x58 x29
  std::uint64_t lr = 0;          // 0x60 x30: where switch_context's `ret` goes
  std::uint64_t d8 = 0;          // 0x68
  std::uint64_t d9 = 0;          // 0x70
  std::uint64_t d10 = 0;         // 0x78
  std::uint64_t d11 = 0;         // 0x80
  std::uint64_t d12 = 0;         // 0x88
  std::uint64_t d13 = 0;         // 0x90
  std::uint64_t d14 = 0;         // 0x98
  std::uint64_t d15 = 0;         // 0xa0
  std::uint64_t thread_ptr = 0;  // 0xa8 loaded into x0: a new fiber's argument (book step d)
  std::uint64_t fpcr = 0;        // 0xb0
};

static_assert(offsetof(ThreadContext, sp) == 0x00);
static_assert(offsetof(ThreadContext, x19) == 0x08);
static_assert(offsetof(ThreadContext, x28) == 0x50);
static_assert(offsetof(ThreadContext, fp) == 0x58);
static_assert(offsetof(ThreadContext, lr) == 0x60);
static_assert(offsetof(ThreadContext, d8) == 0x68);
static_assert(offsetof(ThreadContext, d15) == 0xa0);
static_assert(offsetof(ThreadContext, thread_ptr) == 0xa8);
static_assert(offsetof(ThreadContext, fpcr) == 0xb0);
static_assert(sizeof(ThreadContext) == 0xb8);

#else
#error "ch02-fibers switches stacks in assembly for x86-64 (System V) and aarch64 (AAPCS64) only; \
this target is neither. Port src/switch_*.S, src/skip_*.S and ThreadContext, or build on one of those."
#endif

// Saves the callee-saved registers and the stack pointer into *old, loads
// them from *next, and returns into whatever *next was doing: the fiber that
// called switch_context earlier returns from its call now; a new fiber starts
// at the address spawn left for it. Also loads next->thread_ptr into the
// first argument register (rdi / x0). Returns to the caller only when some
// other context switches back to *old.
extern "C" void switch_context(ThreadContext* old, const ThreadContext* next) noexcept;

// The book's `skip` trampoline (src/skip_*.S): glue between a new fiber's
// entry function and `guard`, see Runtime::spawn. Never called from C++.
extern "C" void skip() noexcept;

// The smallest context that can be started: switch_context(&somewhere, &ctx)
// runs entry(arg) on `stack`, 16-byte aligned as after a call, with the
// caller's floating-point control state. `entry` must never return (there is
// nothing to return to: it would jump to address 0); it leaves by switching
// away for good. Tests and benchmarks use it; Runtime::spawn builds the full
// layout, whose entry may return into `guard`.
class Stack;
void make_context(ThreadContext& ctx, const Stack& stack, void (*entry)(void*), void* arg) noexcept;

// The floating-point control state of the calling thread, stored into a
// context that has never run, so that a new fiber starts with the same
// rounding mode as the code that spawned it (as a new OS thread does).
void capture_fp_control(ThreadContext& ctx) noexcept;

}  // namespace fibers
