// What switch_context must preserve: every callee-saved register, the
// floating-point control state, and the ABI's stack alignment.
#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <span>
#include <string>

#include "runtime.hpp"
#include "stack.hpp"
#include "thread_context.hpp"
#include "support.hpp"

// tests/probe_*.S. fn has switch_context's type, so that it can be switch_context.
using ProbeFn = void (*)(fibers::ThreadContext*, const fibers::ThreadContext*);
extern "C" void probe_callee_saved(const std::uint64_t* in, std::uint64_t* out, ProbeFn fn,
                                   fibers::ThreadContext* arg1, const fibers::ThreadContext* arg2);
extern "C" std::uintptr_t stack_pointer_at_call();

namespace {

#if defined(__x86_64__)
constexpr std::array kRegisters = {"rbx", "rbp", "r12", "r13", "r14", "r15"};
#elif defined(__aarch64__)
constexpr std::array kRegisters = {"x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27", "x28",
                                   "x29", "d8",  "d9",  "d10", "d11", "d12", "d13", "d14", "d15"};
#endif
using Registers = std::array<std::uint64_t, kRegisters.size()>;

// A distinct value per register and per context: 0xC0DE_0000_0000_CCRR.
Registers pattern(std::uint64_t context) {
  Registers values{};
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = 0xC0DE'0000'0000'0000ULL | context << 8 | i;
  return values;
}

void check_same(const Registers& expected, const Registers& actual, const char* who) {
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CHECK_MESSAGE(actual[i] == expected[i],
                  (std::string(who) + ": " + kRegisters[i] + " was not preserved across the switch"));
  }
}

void yield_once(fibers::ThreadContext*, const fibers::ThreadContext*) { fibers::yield_thread(); }
void run_runtime(fibers::ThreadContext*, const fibers::ThreadContext*) { fibers::Runtime::this_thread()->run(); }

// The other side of the raw test: a context made by make_context.
struct RawPair {
  fibers::ThreadContext main_ctx, fiber_ctx;
  Registers fiber_in = pattern(5), fiber_out{};
  bool fiber_done = false;
};
[[noreturn]] void raw_fiber(void* arg) {
  auto& pair = *static_cast<RawPair*>(arg);
  probe_callee_saved(pair.fiber_in.data(), pair.fiber_out.data(), &fibers::switch_context, &pair.fiber_ctx,
                     &pair.main_ctx);
  pair.fiber_done = true;
  for (;;) fibers::switch_context(&pair.fiber_ctx, &pair.main_ctx);  // never resumed again
}

#if defined(__x86_64__)
std::uint32_t get_mxcsr() {
  std::uint32_t value = 0;
  asm volatile("stmxcsr %0" : "=m"(value));
  return value;
}
void set_mxcsr(std::uint32_t value) { asm volatile("ldmxcsr %0" : : "m"(value)); }
std::uint16_t get_x87_cw() {
  std::uint16_t value = 0;
  asm volatile("fnstcw %0" : "=m"(value));
  return value;
}
void set_x87_cw(std::uint16_t value) { asm volatile("fldcw %0" : : "m"(value)); }

constexpr std::uint32_t kMxcsrRounding = 0x6000;    // MXCSR bits 13-14: RC
constexpr std::uint32_t kMxcsrDown = 0x2000, kMxcsrZero = 0x6000;
constexpr std::uint16_t kX87Rounding = 0x0C00;      // x87 control word bits 10-11: RC
constexpr std::uint16_t kX87Up = 0x0800, kX87Zero = 0x0C00;
#elif defined(__aarch64__)
std::uint64_t get_fpcr() {
  std::uint64_t value = 0;
  asm volatile("mrs %0, fpcr" : "=r"(value));
  return value;
}
void set_fpcr(std::uint64_t value) { asm volatile("msr fpcr, %0" : : "r"(value)); }
constexpr std::uint64_t kFpcrRounding = 3ULL << 22;  // FPCR bits 22-23: RMode
constexpr std::uint64_t kFpcrUp = 1ULL << 22, kFpcrZero = 3ULL << 22;
#endif

}  // namespace

TEST_SUITE("ch02/switch") {
  // Each side loads its own pattern into every callee-saved register and
  // switches away; the other side does the same with another pattern. Leave
  // one register out of switch_context and that register arrives with the
  // other context's value: the check names it.
  TEST_CASE("every callee-saved register survives a switch, in both directions") {
    fibers::Runtime runtime({.max_threads = 2, .stack_size = fibers_test::kStackSize});
    const Registers main_in = pattern(1), fiber_in = pattern(2), resume_in = pattern(3);
    Registers main_out{}, fiber_out{}, resume_out{};
    bool fiber_done = false;

    runtime.spawn([&] {
      probe_callee_saved(fiber_in.data(), fiber_out.data(), &yield_once, nullptr, nullptr);
      fiber_done = true;
    });
    // main -> fiber (which loads pattern 2 and yields) -> main
    probe_callee_saved(main_in.data(), main_out.data(), &yield_once, nullptr, nullptr);
    check_same(main_in, main_out, "main");
    REQUIRE_FALSE(fiber_done);
    // main loads pattern 3, resumes the fiber, which must see pattern 2 again
    probe_callee_saved(resume_in.data(), resume_out.data(), &run_runtime, nullptr, nullptr);
    REQUIRE(fiber_done);
    check_same(fiber_in, fiber_out, "fiber");
    check_same(resume_in, resume_out, "main, after run()");
  }

  // The same, with the probes calling switch_context directly: through the
  // Runtime, C++ frames between probe and switch (t_yield...) may restore a
  // register themselves (rbp, x29 from their frame records) and hide a switch
  // that forgot it. Here nothing else touches the registers.
  TEST_CASE("every callee-saved register survives switch_context itself, with no C++ frame in between") {
    fibers::Stack stack(fibers_test::kStackSize);
    RawPair pair;
    fibers::make_context(pair.fiber_ctx, stack, &raw_fiber, &pair);
    const Registers main_in = pattern(4), resume_in = pattern(6);
    Registers main_out{}, resume_out{};
    probe_callee_saved(main_in.data(), main_out.data(), &fibers::switch_context, &pair.main_ctx, &pair.fiber_ctx);
    check_same(main_in, main_out, "main");
    REQUIRE_FALSE(pair.fiber_done);
    probe_callee_saved(resume_in.data(), resume_out.data(), &fibers::switch_context, &pair.main_ctx, &pair.fiber_ctx);
    REQUIRE(pair.fiber_done);
    check_same(pair.fiber_in, pair.fiber_out, "fiber");
    check_same(resume_in, resume_out, "main, second switch");
  }

#if defined(__x86_64__)
  // psABI §3.2.1: MXCSR's control bits and the x87 control word are
  // callee-saved, so yield_thread() must return with them as they were, even
  // though the other fiber changed its own in between.
  TEST_CASE("MXCSR survives a switch: each fiber keeps its own SSE rounding mode") {
    const std::uint32_t saved = get_mxcsr();
    fibers::Runtime runtime({.max_threads = 2, .stack_size = fibers_test::kStackSize});
    std::uint32_t fiber_after = 0;
    runtime.spawn([&] {
      set_mxcsr((get_mxcsr() & ~kMxcsrRounding) | kMxcsrDown);
      fibers::yield_thread();
      fiber_after = get_mxcsr() & kMxcsrRounding;
    });
    set_mxcsr((saved & ~kMxcsrRounding) | kMxcsrZero);
    fibers::yield_thread();  // the fiber sets round-down and yields back
    const std::uint32_t main_after = get_mxcsr() & kMxcsrRounding;
    runtime.run();
    set_mxcsr(saved);
    CHECK(main_after == kMxcsrZero);
    CHECK(fiber_after == kMxcsrDown);
  }

  TEST_CASE("the x87 control word survives a switch: each fiber keeps its own x87 rounding mode") {
    const std::uint16_t saved = get_x87_cw();
    fibers::Runtime runtime({.max_threads = 2, .stack_size = fibers_test::kStackSize});
    std::uint16_t fiber_after = 0;
    runtime.spawn([&] {
      set_x87_cw(static_cast<std::uint16_t>((get_x87_cw() & ~kX87Rounding) | kX87Up));
      fibers::yield_thread();
      fiber_after = get_x87_cw() & kX87Rounding;
    });
    set_x87_cw(static_cast<std::uint16_t>((saved & ~kX87Rounding) | kX87Zero));
    fibers::yield_thread();
    const std::uint16_t main_after = get_x87_cw() & kX87Rounding;
    runtime.run();
    set_x87_cw(saved);
    CHECK(main_after == kX87Zero);
    CHECK(fiber_after == kX87Up);
  }

  TEST_CASE("a new fiber starts with the floating-point control state of the code that spawned it") {
    const std::uint32_t saved_mxcsr = get_mxcsr();
    const std::uint16_t saved_cw = get_x87_cw();
    set_mxcsr((saved_mxcsr & ~kMxcsrRounding) | kMxcsrDown);
    set_x87_cw(static_cast<std::uint16_t>((saved_cw & ~kX87Rounding) | kX87Up));
    std::uint32_t fiber_mxcsr = 0;
    std::uint16_t fiber_cw = 0;
    {
      fibers::Runtime runtime({.max_threads = 2, .stack_size = fibers_test::kStackSize});
      runtime.spawn([&] {
        fiber_mxcsr = get_mxcsr() & kMxcsrRounding;
        fiber_cw = get_x87_cw() & kX87Rounding;
      });
      runtime.run();
    }
    set_mxcsr(saved_mxcsr);
    set_x87_cw(saved_cw);
    CHECK(fiber_mxcsr == kMxcsrDown);
    CHECK(fiber_cw == kX87Up);
  }
#elif defined(__aarch64__)
  // FPCR is AAPCS64's "global register" that only support functions such as
  // fesetround may change; yield_thread() is not one, so it must come back
  // unchanged even though the other fiber changed its own.
  TEST_CASE("FPCR survives a switch: each fiber keeps its own rounding mode") {
    const std::uint64_t saved = get_fpcr();
    fibers::Runtime runtime({.max_threads = 2, .stack_size = fibers_test::kStackSize});
    std::uint64_t fiber_after = 0;
    runtime.spawn([&] {
      set_fpcr((get_fpcr() & ~kFpcrRounding) | kFpcrUp);
      fibers::yield_thread();
      fiber_after = get_fpcr() & kFpcrRounding;
    });
    set_fpcr((saved & ~kFpcrRounding) | kFpcrZero);
    fibers::yield_thread();
    const std::uint64_t main_after = get_fpcr() & kFpcrRounding;
    runtime.run();
    set_fpcr(saved);
    CHECK(main_after == kFpcrZero);
    CHECK(fiber_after == kFpcrUp);
  }

  TEST_CASE("a new fiber starts with the floating-point control state of the code that spawned it") {
    const std::uint64_t saved = get_fpcr();
    set_fpcr((saved & ~kFpcrRounding) | kFpcrUp);
    std::uint64_t fiber_fpcr = 0;
    {
      fibers::Runtime runtime({.max_threads = 2, .stack_size = fibers_test::kStackSize});
      runtime.spawn([&] { fiber_fpcr = get_fpcr() & kFpcrRounding; });
      runtime.run();
    }
    set_fpcr(saved);
    CHECK(fiber_fpcr == kFpcrUp);
  }
#endif

  // spawn's arithmetic must enter a new fiber exactly as a `call` would:
  // with a 16-byte aligned stack at every call the fiber's code makes.
  TEST_CASE("the stack pointer is 16-byte aligned at a fiber's calls, as the ABI requires") {
    fibers::Runtime runtime({.max_threads = 3, .stack_size = fibers_test::kStackSize});
    std::uintptr_t first = 1, after_yield = 1;
    runtime.spawn([&] {
      first = stack_pointer_at_call();
      fibers::yield_thread();
      after_yield = stack_pointer_at_call();
    });
    runtime.spawn([] {});
    runtime.run();
    CHECK(first % 16 == 0);
    CHECK(after_yield % 16 == 0);
  }

  // The words spawn writes above the fiber's usable stack (FiberInfo::stack
  // ends where they begin), read back before the fiber runs.
  TEST_CASE("a new fiber's stack holds the entry, skip and guard words, each entered 16-byte aligned") {
    fibers::Runtime runtime({.max_threads = 2, .stack_size = fibers_test::kStackSize});
    std::span<std::byte> usable;
    runtime.on_spawn([&](const fibers::FiberInfo& info) { usable = info.stack; });
    runtime.spawn([] {});
    const auto sp = reinterpret_cast<std::uintptr_t>(usable.data() + usable.size());
    // SAFETY: spawn wrote these words inside the fiber's stack, above `usable`.
    const auto* word = reinterpret_cast<const std::uint64_t*>(sp);
    const auto skip_address = reinterpret_cast<std::uint64_t>(&fibers::skip);
    CHECK(sp % 16 == 0);
#if defined(__x86_64__)
    // [sp] = call: popped by switch_context's ret, so call starts at sp+8 (8 mod 16, as after a call).
    CHECK(word[0] != 0);
    CHECK(word[1] == skip_address);  // call returns into skip, at sp+0x10
    CHECK(word[2] != 0);             // skip returns into guard, which starts at sp+0x18: 8 mod 16 again
    CHECK((sp + 0x18) % 16 == 8);
    CHECK(word[3] == 0);             // guard's own return address: none
#elif defined(__aarch64__)
    CHECK(word[0] != 0);             // call, which skip pops and branches to, leaving sp+0x10
    CHECK(word[1] != 0);             // guard, which skip puts in lr
    CHECK(word[0] != skip_address);
    CHECK(word[1] != skip_address);
#endif
    runtime.run();
  }

  // boost.context's test_fp: printf of a double uses SSE instructions that
  // need an aligned stack, a classic way to crash on a misaligned one.
  TEST_CASE("snprintf of a double works on a fiber's stack") {
    fibers::Runtime runtime({.max_threads = 2, .stack_size = fibers_test::kStackSize});
    char text[64] = {};
    runtime.spawn([&] {
      double value = 7.25;
      fibers::yield_thread();
      std::snprintf(text, sizeof text, "%f %e %g", value, value / 3, value * 1e10);
    });
    runtime.run();
    CHECK(std::string(text) == "7.250000 2.416667e+00 7.25e+10");
  }
}
