/*
 * switch_aarch64_aapcs64_elf.S: switch_context for aarch64, AAPCS64, ELF, GNU as.
 *
 *   extern "C" void switch_context(ThreadContext* old, const ThreadContext* next) noexcept;
 *
 * Arguments (AAPCS64 2024Q3 §6.8, parameter passing in x0-x7):
 *   x0 = old   where the running context is saved
 *   x1 = next  the context to resume
 *
 * ThreadContext (src/thread_context.hpp mirrors every offset with a static_assert):
 *
 *   0x00 sp    0x08 x19   0x10 x20   0x18 x21   0x20 x22   0x28 x23
 *   0x30 x24   0x38 x25   0x40 x26   0x48 x27   0x50 x28   0x58 x29 (fp)
 *   0x60 x30 (lr)         0x68 d8    0x70 d9    0x78 d10   0x80 d11
 *   0x88 d12   0x90 d13   0x98 d14   0xa0 d15   0xa8 thread_ptr   0xb0 fpcr
 *
 * What is saved, and why only that: AAPCS64 §6.1.1 makes x19-x29 and sp
 * callee-saved; §6.1.2 makes the low 64 bits of v8-v15 (d8-d15)
 * callee-saved. x30 (lr) holds our return address: where old continues.
 * FPCR is a "global register" that only support functions such as fesetround
 * may change, and a call to yield_thread is not one of them; we keep it per
 * context, like MXCSR on x86-64. x0-x18 and v0-v7, v16-v31 are caller-saved.
 *
 * Unlike x86-64, a call does not push the return address: `bl` leaves it in
 * lr, and `ret` branches to lr. So lr is part of the context, and a context
 * that has never run has lr = skip, with the entry function and guard waiting
 * on its stack (see src/skip_aarch64_aapcs64_elf.S). sp stays 16-byte aligned
 * at all times (AAPCS64 §6.4.5.1, universal stack constraints): every sp we
 * load was aligned when it was saved or written by Runtime::spawn.
 *
 * The x86-64 switch ends with an indirect jump instead of `ret`, because a
 * return to an address the CPU did not see called mispredicts. Here we keep
 * `ret`, as boost.context does on aarch64: a `br` to a return address would
 * fault in a program built with branch target identification (BTI), which
 * only lets indirect branches land on marked instructions, and qemu cannot
 * tell us what either costs on real hardware.
 */
        .text
        .globl  switch_context
        .hidden switch_context
        .type   switch_context, %function
        .p2align 4
switch_context:
        .cfi_startproc
        mov     x9, sp                     // sp cannot be the source of str: copy it to a scratch register
        str     x9, [x0, #0x00]            // old->sp
        stp     x19, x20, [x0, #0x08]      // old->x19, old->x20
        stp     x21, x22, [x0, #0x18]      // old->x21, old->x22
        stp     x23, x24, [x0, #0x28]      // old->x23, old->x24
        stp     x25, x26, [x0, #0x38]      // old->x25, old->x26
        stp     x27, x28, [x0, #0x48]      // old->x27, old->x28
        stp     x29, x30, [x0, #0x58]      // old->fp, old->lr: lr is where old continues
        stp     d8, d9, [x0, #0x68]        // old->d8, old->d9
        stp     d10, d11, [x0, #0x78]      // old->d10, old->d11
        stp     d12, d13, [x0, #0x88]      // old->d12, old->d13
        stp     d14, d15, [x0, #0x98]      // old->d14, old->d15
        mrs     x10, fpcr                  // rounding mode, flush-to-zero, default NaN
        str     x10, [x0, #0xb0]           // old->fpcr

        ldr     x9, [x1, #0x00]            // next->sp
        mov     sp, x9                     // the switch itself: from here on we run on the stack of next
        ldp     x19, x20, [x1, #0x08]      // next->x19, next->x20
        ldp     x21, x22, [x1, #0x18]      // next->x21, next->x22
        ldp     x23, x24, [x1, #0x28]      // next->x23, next->x24
        ldp     x25, x26, [x1, #0x38]      // next->x25, next->x26
        ldp     x27, x28, [x1, #0x48]      // next->x27, next->x28
        ldp     x29, x30, [x1, #0x58]      // next->fp, next->lr
        ldp     d8, d9, [x1, #0x68]        // next->d8, next->d9
        ldp     d10, d11, [x1, #0x78]      // next->d10, next->d11
        ldp     d12, d13, [x1, #0x88]      // next->d12, next->d13
        ldp     d14, d15, [x1, #0x98]      // next->d14, next->d15
        ldr     x10, [x1, #0xb0]           // next->fpcr
        msr     fpcr, x10                  // restore it
        ldr     x0, [x1, #0xa8]            // next->thread_ptr as first argument: read by a new entry function only
        ret                                // branch to lr: resume next where it called us, or start it via skip
        .cfi_endproc
        .size   switch_context, . - switch_context

        .section .note.GNU-stack, "", %progbits  /* no executable stack needed */
