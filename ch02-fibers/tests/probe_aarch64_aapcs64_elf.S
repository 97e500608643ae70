/*
 * probe_aarch64_aapcs64_elf.S: test helpers that C++ cannot write, aarch64 AAPCS64, ELF.
 *
 *   extern "C" void probe_callee_saved(const uint64_t* in, uint64_t* out,
 *                                      void (*fn)(ThreadContext*, const ThreadContext*),
 *                                      ThreadContext* arg1, const ThreadContext* arg2);
 *     x0 = in, x1 = out, x2 = fn, x3 = arg1, x4 = arg2 (AAPCS64 2024Q3 §6.8).
 *     Loads in[0..18] into x19-x28, x29 and d8-d15, calls fn(arg1, arg2), then
 *     stores those 19 registers into out[0..18]. If fn switches to another
 *     context and back, out == in exactly when the switch preserved every
 *     callee-saved register. With fn = switch_context itself, no C++ frame
 *     sits between the probe and the switch to restore anything on its
 *     behalf. The callee-saved registers of our caller are saved and restored.
 *
 *   extern "C" uintptr_t stack_pointer_at_call();
 *     The caller's sp at its `bl` instruction (AAPCS64 §6.4.5: 16-byte aligned).
 */
        .text
        .globl  probe_callee_saved
        .type   probe_callee_saved, %function
        .p2align 4
probe_callee_saved:
        .cfi_startproc
        stp     x29, x30, [sp, #-0xb0]!    // frame: fp, lr, then the registers we overwrite
        .cfi_def_cfa_offset 0xb0
        .cfi_offset x29, -0xb0
        .cfi_offset x30, -0xa8
        stp     x19, x20, [sp, #0x10]      // save the callee-saved registers of our caller
        stp     x21, x22, [sp, #0x20]      // ...
        stp     x23, x24, [sp, #0x30]      // ...
        stp     x25, x26, [sp, #0x40]      // ...
        stp     x27, x28, [sp, #0x50]      // ...
        stp     d8, d9, [sp, #0x60]        // ...
        stp     d10, d11, [sp, #0x70]      // ...
        stp     d12, d13, [sp, #0x80]      // ...
        stp     d14, d15, [sp, #0x90]      // ...
        str     x1, [sp, #0xa0]            // keep out: x1 is caller-saved, fn may clobber it
        ldp     x19, x20, [x0, #0x00]      // in[0..1]  -> x19, x20
        ldp     x21, x22, [x0, #0x10]      // in[2..3]  -> x21, x22
        ldp     x23, x24, [x0, #0x20]      // in[4..5]  -> x23, x24
        ldp     x25, x26, [x0, #0x30]      // in[6..7]  -> x25, x26
        ldp     x27, x28, [x0, #0x40]      // in[8..9]  -> x27, x28
        ldr     x29, [x0, #0x50]           // in[10]    -> x29 (fp)
        ldp     d8, d9, [x0, #0x58]        // in[11..12] -> d8, d9
        ldp     d10, d11, [x0, #0x68]      // in[13..14] -> d10, d11
        ldp     d12, d13, [x0, #0x78]      // in[15..16] -> d12, d13
        ldp     d14, d15, [x0, #0x88]      // in[17..18] -> d14, d15
        mov     x0, x3                     // fn(arg1, arg2)
        mov     x1, x4                     // ...
        blr     x2                         // may switch contexts any number of times before returning
        ldr     x1, [sp, #0xa0]            // out
        stp     x19, x20, [x1, #0x00]      // x19, x20 -> out[0..1]
        stp     x21, x22, [x1, #0x10]      // x21, x22 -> out[2..3]
        stp     x23, x24, [x1, #0x20]      // x23, x24 -> out[4..5]
        stp     x25, x26, [x1, #0x30]      // x25, x26 -> out[6..7]
        stp     x27, x28, [x1, #0x40]      // x27, x28 -> out[8..9]
        str     x29, [x1, #0x50]           // x29 -> out[10]
        stp     d8, d9, [x1, #0x58]        // d8, d9 -> out[11..12]
        stp     d10, d11, [x1, #0x68]      // d10, d11 -> out[13..14]
        stp     d12, d13, [x1, #0x78]      // d12, d13 -> out[15..16]
        stp     d14, d15, [x1, #0x88]      // d14, d15 -> out[17..18]
        ldp     x19, x20, [sp, #0x10]      // restore what our caller had
        ldp     x21, x22, [sp, #0x20]      // ...
        ldp     x23, x24, [sp, #0x30]      // ...
        ldp     x25, x26, [sp, #0x40]      // ...
        ldp     x27, x28, [sp, #0x50]      // ...
        ldp     d8, d9, [sp, #0x60]        // ...
        ldp     d10, d11, [sp, #0x70]      // ...
        ldp     d12, d13, [sp, #0x80]      // ...
        ldp     d14, d15, [sp, #0x90]      // ...
        ldp     x29, x30, [sp], #0xb0      // fp, lr, and pop the frame
        ret                                // back to the C++ test
        .cfi_endproc
        .size   probe_callee_saved, . - probe_callee_saved

        .globl  stack_pointer_at_call
        .type   stack_pointer_at_call, %function
        .p2align 4
stack_pointer_at_call:
        .cfi_startproc
        mov     x0, sp                     // bl does not touch sp: this is the caller sp
        ret                                // return it
        .cfi_endproc
        .size   stack_pointer_at_call, . - stack_pointer_at_call

        .section .note.GNU-stack, "", %progbits  /* no executable stack needed */
