/*
 * probe_x86_64_sysv_elf.S: test helpers that C++ cannot write, x86-64 System V, ELF.
 *
 *   extern "C" void probe_callee_saved(const uint64_t* in, uint64_t* out,
 *                                      void (*fn)(ThreadContext*, const ThreadContext*),
 *                                      ThreadContext* arg1, const ThreadContext* arg2);
 *     rdi = in, rsi = out, rdx = fn, rcx = arg1, r8 = arg2 (psABI §3.2.3).
 *     Loads in[0..5] into rbx, rbp, r12, r13, r14, r15, calls fn(arg1, arg2), then
 *     stores those six registers into out[0..5]. If fn switches to another
 *     context and back, out == in exactly when the switch preserved every
 *     callee-saved register. With fn = switch_context itself, no C++ frame
 *     sits between the probe and the switch to restore anything on its
 *     behalf. The callee-saved registers of our caller are saved and restored.
 *
 *   extern "C" uintptr_t stack_pointer_at_call();
 *     The caller's rsp at its `call` instruction, which psABI §3.2.2 wants
 *     16-byte aligned.
 */
        .intel_syntax noprefix
        .text
        .globl  probe_callee_saved
        .type   probe_callee_saved, @function
        .p2align 4
probe_callee_saved:
        .cfi_startproc
        push    rbp                        # save the callee-saved registers of our caller
        .cfi_adjust_cfa_offset 8
        push    rbx                        # (we are about to overwrite all six)
        .cfi_adjust_cfa_offset 8
        push    r12
        .cfi_adjust_cfa_offset 8           # (cfi lines describe the frame for unwinders)
        push    r13
        .cfi_adjust_cfa_offset 8
        push    r14
        .cfi_adjust_cfa_offset 8
        push    r15
        .cfi_adjust_cfa_offset 8
        push    rsi                        # keep out: rsi is caller-saved, fn may clobber it
        .cfi_adjust_cfa_offset 8           # 7 pushes + return address = 64 bytes: rsp is 16-byte aligned for the call
        mov     rax, rdx                   # fn, in a register we do not load
        mov     rbx, [rdi + 0x00]          # in[0] -> rbx
        mov     rbp, [rdi + 0x08]          # in[1] -> rbp
        mov     r12, [rdi + 0x10]          # in[2] -> r12
        mov     r13, [rdi + 0x18]          # in[3] -> r13
        mov     r14, [rdi + 0x20]          # in[4] -> r14
        mov     r15, [rdi + 0x28]          # in[5] -> r15
        mov     rdi, rcx                   # fn(arg1, arg2)
        mov     rsi, r8                    # ...
        call    rax                        # may switch contexts any number of times before returning
        pop     rsi                        # out
        .cfi_adjust_cfa_offset -8
        mov     [rsi + 0x00], rbx          # rbx -> out[0]
        mov     [rsi + 0x08], rbp          # rbp -> out[1]
        mov     [rsi + 0x10], r12          # r12 -> out[2]
        mov     [rsi + 0x18], r13          # r13 -> out[3]
        mov     [rsi + 0x20], r14          # r14 -> out[4]
        mov     [rsi + 0x28], r15          # r15 -> out[5]
        pop     r15                        # restore what our caller had
        .cfi_adjust_cfa_offset -8
        pop     r14
        .cfi_adjust_cfa_offset -8
        pop     r13
        .cfi_adjust_cfa_offset -8
        pop     r12
        .cfi_adjust_cfa_offset -8
        pop     rbx
        .cfi_adjust_cfa_offset -8
        pop     rbp
        .cfi_adjust_cfa_offset -8
        ret                                # back to the C++ test
        .cfi_endproc
        .size   probe_callee_saved, . - probe_callee_saved

        .globl  stack_pointer_at_call
        .type   stack_pointer_at_call, @function
        .p2align 4
stack_pointer_at_call:
        .cfi_startproc
        lea     rax, [rsp + 8]             # rsp before our caller executed `call` (which pushed 8 bytes)
        ret                                # return it
        .cfi_endproc
        .size   stack_pointer_at_call, . - stack_pointer_at_call

        .section .note.GNU-stack, "", @progbits  /* no executable stack needed */
