// b-show-stack: a-stack-swap again, but before the jump we print the top of
// the stack we made, word by word and then byte by byte, so you can find the
// function's address in memory and see what `ret` is about to pop.
//
//   ./b-show-stack                # the top 4 words
//   ./b-show-stack --words 8
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

[[noreturn]] void jump_to(std::uint64_t* sp) {
#if defined(__x86_64__)
  asm volatile(
      ".intel_syntax noprefix\n\t"
      "mov rsp, rdi\n\t"  // rsp = sp: [rsp] holds hello's address
      "ret\n\t"           // pop [rsp] into rip
      ".att_syntax prefix"
      :
      : "D"(sp)
      : "memory");
#elif defined(__aarch64__)
  register std::uint64_t* x0 asm("x0") = sp;
  asm volatile(
      "mov sp, x0\n\t"          // sp = our stack; [sp] holds hello's address
      "ldr x30, [sp], #16\n\t"  // pop it into the link register, sp stays 16-byte aligned
      "ret"                     // branch to x30
      :
      : "r"(x0)
      : "memory");
#else
#error "b-show-stack knows how to jump on x86-64 and aarch64 only"
#endif
  __builtin_unreachable();
}

void print_word(const std::uint64_t* word, const std::uint64_t* sp, std::uint64_t function) {
  std::printf("  %p   0x%016llx", static_cast<const void*>(word), static_cast<unsigned long long>(*word));
  if (*word == function) std::printf("   <- hello(): the address `ret` will pop");
  if (word == sp) std::printf("   <- the stack pointer, once we switch");
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  common::cli::App app{"b-show-stack: print the bytes of a hand-made stack, then run a function on it"};
  std::size_t stack_size = 64 * 1024;
  int words = 4;
  app.add_option("--stack-size", stack_size, "bytes of stack for hello()")
      ->capture_default_str()
      ->check(common::cli::Range(std::size_t{4096}, std::size_t{64} << 20));
  app.add_option("--words", words, "how many 8-byte words to print, from the top down")
      ->capture_default_str()
      ->check(common::cli::Range(2, 64));

  return common::run_demo(app, argc, argv, [&] {
    g_stack = new std::byte[stack_size]();  // zeroed, so our one word stands out
    g_stack_size = stack_size;
    const auto top = (reinterpret_cast<std::uintptr_t>(g_stack) + stack_size) & ~std::uintptr_t{15};
    // SAFETY: as in a-stack-swap: top - 16 is inside the allocation and aligned.
    auto* sp = reinterpret_cast<std::uint64_t*>(top - 16);
    const auto function = reinterpret_cast<std::uint64_t>(&hello);
    *sp = function;

    std::printf("stack: %zu bytes from %p to %p; top rounded down to 16 bytes: %p\n", stack_size,
                static_cast<void*>(g_stack), static_cast<void*>(g_stack + stack_size), reinterpret_cast<void*>(top));
    std::printf("hello() is at 0x%llx\n\n", static_cast<unsigned long long>(function));
    std::printf("the top %d words, highest address first (the stack grows down):\n", words);
    std::printf("  %-14s   %-18s\n", "address", "value");
    // SAFETY: words <= 64 and stack_size >= 4096, so every word read is inside the allocation.
    const auto* first = reinterpret_cast<const std::uint64_t*>(top) - 1;
    for (int i = 0; i < words; ++i) print_word(first - i, sp, function);

    std::printf("\nthe word at %p byte by byte, lowest address first: x86-64 and aarch64 are\n",
                static_cast<void*>(sp));
    std::printf("little-endian, so the least significant byte of the address comes first:\n");
    const auto* bytes = reinterpret_cast<const unsigned char*>(sp);
    for (int i = 0; i < 8; ++i) {
      std::printf("  %p   0x%02x\n", static_cast<const void*>(bytes + i), static_cast<unsigned>(bytes[i]));
    }
    std::printf("\nswitching the stack pointer to %p and executing ret...\n", static_cast<void*>(sp));
    std::fflush(stdout);
    jump_to(sp);
  });
}
