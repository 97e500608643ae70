// What AddressSanitizer and ThreadSanitizer must be told about fibers.
//
// Both tools keep per-thread state tied to the stack the thread runs on: ASan
// knows the bounds of the current stack (and keeps "fake stacks" for
// use-after-return checks); TSan keeps a shadow call stack and the
// happens-before clock of the running thread. switch_context changes the
// stack behind their backs, so each switch is announced:
//
//   ASan  __sanitizer_start_switch_fiber(&save, bottom, size)   just before
//         __sanitizer_finish_switch_fiber(save, &old_bottom, &old_size)   just after,
//         on the new stack; `save` = nullptr when the old fiber is finished
//         (its fake stack can be freed). <sanitizer/common_interface_defs.h>
//   TSan  __tsan_switch_to_fiber(fiber, 0)   just before; one fiber object per
//         context from __tsan_create_fiber. <sanitizer/tsan_interface.h>
//
// In a build without sanitizers every function here is empty and inlined away.
#pragma once

#include <cstddef>

#if defined(__SANITIZE_ADDRESS__)
#define FIBERS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FIBERS_ASAN 1
#endif
#endif

#if defined(__SANITIZE_THREAD__)
#define FIBERS_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define FIBERS_TSAN 1
#endif
#endif

#ifdef FIBERS_ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif
#ifdef FIBERS_TSAN
#include <sanitizer/tsan_interface.h>
#endif

namespace fibers::sanitizer {

// What the tools remember about one context (a fiber, or thread 0).
struct FiberState {
  void* asan_fake_stack = nullptr;     // ASan's use-after-return frames of this fiber
  const void* stack_bottom = nullptr;  // ASan: bounds of the stack this context runs on
  std::size_t stack_size = 0;
  void* tsan_fiber = nullptr;          // TSan's fiber object for this context
};

// Just before switch_context(from, to). `from_finished`: `from` will never
// run again, so ASan may drop its fake stack.
inline void before_switch([[maybe_unused]] FiberState& from, [[maybe_unused]] bool from_finished,
                          [[maybe_unused]] const FiberState& to) noexcept {
#ifdef FIBERS_ASAN
  __sanitizer_start_switch_fiber(from_finished ? nullptr : &from.asan_fake_stack, to.stack_bottom,
                                 to.stack_size);
#endif
#ifdef FIBERS_TSAN
  __tsan_switch_to_fiber(to.tsan_fiber, 0);
#endif
}

// Just after arriving in `self` (returning from switch_context, or at the
// start of a new fiber). ASan reports the bounds of the stack we came from;
// that is how we learn thread 0's stack, which we never allocated.
inline void after_switch([[maybe_unused]] FiberState& self, [[maybe_unused]] FiberState& from) noexcept {
#ifdef FIBERS_ASAN
  __sanitizer_finish_switch_fiber(self.asan_fake_stack, &from.stack_bottom, &from.stack_size);
#endif
}

// A fresh TSan fiber for a context that is about to start; the previous one
// (if any) belonged to a fiber that has finished.
inline void new_fiber([[maybe_unused]] FiberState& state) noexcept {
#ifdef FIBERS_TSAN
  if (state.tsan_fiber != nullptr) __tsan_destroy_fiber(state.tsan_fiber);
  state.tsan_fiber = __tsan_create_fiber(0);
#endif
  state.asan_fake_stack = nullptr;
}

// Thread 0 is the OS thread itself: TSan already has a fiber object for it.
inline void adopt_current_thread([[maybe_unused]] FiberState& state) noexcept {
#ifdef FIBERS_TSAN
  state.tsan_fiber = __tsan_get_current_fiber();
#endif
}

// Releases what new_fiber created; never for the running context.
inline void destroy_fiber([[maybe_unused]] FiberState& state) noexcept {
#ifdef FIBERS_TSAN
  if (state.tsan_fiber != nullptr) __tsan_destroy_fiber(state.tsan_fiber);
  state.tsan_fiber = nullptr;
#endif
}

// A stack about to be reused still carries ASan's poison from frames of the
// fiber that ran there before and never returned (they were abandoned by
// its last switch). Clear it so new frames start from clean shadow memory.
inline void forget_stack_contents([[maybe_unused]] void* bottom, [[maybe_unused]] std::size_t size) noexcept {
#ifdef FIBERS_ASAN
  ASAN_UNPOISON_MEMORY_REGION(bottom, size);
#endif
}

}  // namespace fibers::sanitizer
