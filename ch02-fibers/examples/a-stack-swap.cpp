// a-stack-swap: the smallest context switch there is. We allocate a stack,
// write the address of a function at its top, point the stack pointer there
// and execute `ret`: the CPU pops our word into the instruction pointer and
// runs the function on the new stack. It has nothing to return to, so it
// ends the process itself.
//
//   ./a-stack-swap                   # 64 KiB stack
//   ./a-stack-swap --stack-size 8192
#include <sys/syscall.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <iostream>

#include "common/demo.hpp"

namespace {

std::byte* g_stack = nullptr;  // never freed: we are still running on it when the process exits
std::size_t g_stack_size = 0;

// Runs on the new stack. Returning would pop whatever lies above our word
// (nothing we put there), so it must not return.
[[noreturn]] void hello() {
  // The frame address, not a local's: an ASan build may keep locals in a
  // heap "fake stack" to catch use-after-return.
  const auto* here = static_cast<const std::byte*>(__builtin_frame_address(0));
  const bool ours = here >= g_stack && here < g_stack + g_stack_size;
  std::cout << "hello() is running; its stack frame is at " << static_cast<const void*>(here)
            << (ours ? ", inside the stack we allocated" : ", NOT inside the stack we allocated") << std::endl;
  // Nothing to return to: end the process right here with exit_group(2).
  // Not std::exit, which would run destructors and atexit handlers on this
  // borrowed stack (and, in an ASan build, warn that it does not know it).
  ::syscall(SYS_exit_group, ours ? 0 : 1);
  __builtin_unreachable();
}

// Points the stack pointer at `sp`, where the address of hello() waits, and
// lets the CPU jump there. GCC's inline assembly, written in the same Intel
// syntax as the book's listing (and as src/switch_x86_64_sysv_elf.S).
[[noreturn]] void jump_to(std::uint64_t* sp) {
#if defined(__x86_64__)
  asm volatile(
      ".intel_syntax noprefix\n\t"
      "mov rsp, rdi\n\t"  // rsp = sp: the stack is now ours; [rsp] holds hello's address
      "ret\n\t"           // pop [rsp] into rip: hello() starts, with rsp = sp + 8
      ".att_syntax prefix"
      :
      : "D"(sp)  // "D": pass sp in rdi
      : "memory");
#elif defined(__aarch64__)
  register std::uint64_t* x0 asm("x0") = sp;
  asm volatile(
      "mov sp, x0\n\t"           // sp = our stack; [sp] holds hello's address
      "ldr x30, [sp], #16\n\t"   // pop it into the link register (x30), keeping sp 16-byte aligned
      "ret"                      // branch to x30: hello() starts
      :
      : "r"(x0)
      : "memory");
#else
#error "a-stack-swap knows how to jump on x86-64 and aarch64 only"
#endif
  __builtin_unreachable();
}

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"a-stack-swap: run a function on a stack we allocated, entered with a `ret`"};
  std::size_t stack_size = 64 * 1024;
  app.add_option("--stack-size", stack_size, "bytes of stack for hello() (it calls into iostreams)")
      ->capture_default_str()
      ->check(common::cli::Range(std::size_t{4096}, std::size_t{64} << 20));

  return common::run_demo(app, argc, argv, [&] {
    g_stack = new std::byte[stack_size];
    g_stack_size = stack_size;
    // Stacks grow down, so the function's address goes at the top, which
    // must be 16-byte aligned: psABI §3.2.2 wants rsp+8 to be a multiple of
    // 16 when a function starts, i.e. just after a `call` pushed 8 bytes.
    // `ret` pops our 8 bytes, so hello() starts exactly as if it was called.
    const auto top = (reinterpret_cast<std::uintptr_t>(g_stack) + stack_size) & ~std::uintptr_t{15};
    // SAFETY: top - 16 is inside the allocation (stack_size >= 4096) and
    // 16-byte aligned, so it holds a properly aligned 8-byte word.
    auto* sp = reinterpret_cast<std::uint64_t*>(top - 16);
    *sp = reinterpret_cast<std::uint64_t>(&hello);
    std::cout << "stack: " << stack_size << " bytes at " << static_cast<void*>(g_stack) << ", top " << std::hex
              << "0x" << top << "; hello() is at " << reinterpret_cast<void*>(&hello) << std::dec
              << "\nswitching the stack pointer to " << static_cast<void*>(sp) << " and executing ret..."
              << std::endl;
    jump_to(sp);
  });
}
