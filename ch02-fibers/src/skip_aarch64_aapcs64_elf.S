/*
 * skip_aarch64_aapcs64_elf.S: the `skip` trampoline for aarch64, AAPCS64, ELF, GNU as.
 *
 *   extern "C" void skip() noexcept;   // never called: switch_context branches here
 *
 * On x86-64 a return address lives on the stack, so `ret` can chain the
 * entry function into guard through words on the stack. On aarch64 `ret`
 * branches to lr (x30), so Runtime::spawn sets up a new context as
 * (T is the top of the stack rounded down to 16 bytes):
 *
 *   context.lr = skip    1. switch_context returns here, with sp = T-0x10
 *   T-0x08     guard     3. call returns into guard through lr
 *   T-0x10     call      2. skip branches here, with lr = guard and sp = T
 *   context.fp = 0       the frame-record chain ends (AAPCS64 §6.4.6)
 *
 * skip pops both words in one instruction and leaves sp = T, 16-byte aligned
 * as AAPCS64 requires whenever sp is used. x0 already holds thread_ptr
 * (switch_context loaded it) and skip does not touch it.
 */
        .text
        .globl  skip
        .hidden skip
        .type   skip, %function
        .p2align 4
skip:
        .cfi_startproc
        .cfi_undefined x30                 // no caller above this frame: unwinders and debuggers stop here
        ldp     x16, x30, [sp], #16        // x16 = call, lr = guard, sp = T: pop both words
        br      x16                        // start the entry function; it returns into guard
        .cfi_endproc
        .size   skip, . - skip

        .section .note.GNU-stack, "", %progbits  /* no executable stack needed */
