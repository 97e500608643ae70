/*
 * switch_variants_x86_64_sysv_elf.S: two variants of src/switch_x86_64_sysv_elf.S,
 * for bench/switch_cost.cpp only. Same prototype, same ThreadContext, each
 * different from ours in exactly one place, marked THE CHANGE:
 *
 *   extern "C" void switch_context_ret(ThreadContext* old, const ThreadContext* next) noexcept;
 *     resumes next with `ret`, as the book does, instead of `pop r11; jmp r11`.
 *     The return stack buffer predicts the return to where old called from,
 *     wrongly whenever next called from elsewhere.
 *
 *   extern "C" void switch_context_always_load(ThreadContext* old, const ThreadContext* next) noexcept;
 *     loads MXCSR and the x87 control word on every switch (boost.context does
 *     too), instead of only when they differ from the values of old.
 */
        .intel_syntax noprefix
        .text
        .globl  switch_context_ret
        .hidden switch_context_ret
        .type   switch_context_ret, @function
        .p2align 4
switch_context_ret:
        .cfi_startproc
        mov     [rdi + 0x00], rsp          # old->rsp: [rsp] is our return address into t_yield
        mov     [rdi + 0x08], r15          # old->r15
        mov     [rdi + 0x10], r14          # old->r14
        mov     [rdi + 0x18], r13          # old->r13
        mov     [rdi + 0x20], r12          # old->r12
        mov     [rdi + 0x28], rbx          # old->rbx
        mov     [rdi + 0x30], rbp          # old->rbp (frame pointer, or just another callee-saved register)
        stmxcsr [rdi + 0x40]               # old->mxcsr: SSE rounding mode, FTZ/DAZ, exception masks and flags
        fnstcw  [rdi + 0x44]               # old->x87_cw: x87 rounding, precision and exception masks

        mov     rsp, [rsi + 0x00]          # the switch itself: from here on we run on the stack of next
        mov     r15, [rsi + 0x08]          # next->r15
        mov     r14, [rsi + 0x10]          # next->r14
        mov     r13, [rsi + 0x18]          # next->r13
        mov     r12, [rsi + 0x20]          # next->r12
        mov     rbx, [rsi + 0x28]          # next->rbx
        mov     rbp, [rsi + 0x30]          # next->rbp
        mov     eax, [rsi + 0x40]          # next->mxcsr
        cmp     eax, [rdi + 0x40]          # equal to the value just saved, which MXCSR still holds?
        je      1f                         # then it is in place already: skip the slow ldmxcsr
        ldmxcsr [rsi + 0x40]               # next->mxcsr
1:      mov     ax, [rsi + 0x44]           # next->x87_cw
        cmp     ax, [rdi + 0x44]           # equal to the control word just saved?
        je      2f                         # then skip the slow fldcw too
        fldcw   [rsi + 0x44]               # next->x87_cw
2:
        mov     rdi, [rsi + 0x38]          # next->thread_ptr as first argument: read by a new entry function only
        ret                                # THE CHANGE: pop the return address of next into rip, as the book does
        .cfi_endproc
        .size   switch_context_ret, . - switch_context_ret

        .globl  switch_context_always_load
        .hidden switch_context_always_load
        .type   switch_context_always_load, @function
        .p2align 4
switch_context_always_load:
        .cfi_startproc
        mov     [rdi + 0x00], rsp          # old->rsp: [rsp] is our return address into t_yield
        mov     [rdi + 0x08], r15          # old->r15
        mov     [rdi + 0x10], r14          # old->r14
        mov     [rdi + 0x18], r13          # old->r13
        mov     [rdi + 0x20], r12          # old->r12
        mov     [rdi + 0x28], rbx          # old->rbx
        mov     [rdi + 0x30], rbp          # old->rbp (frame pointer, or just another callee-saved register)
        stmxcsr [rdi + 0x40]               # old->mxcsr: SSE rounding mode, FTZ/DAZ, exception masks and flags
        fnstcw  [rdi + 0x44]               # old->x87_cw: x87 rounding, precision and exception masks

        mov     rsp, [rsi + 0x00]          # the switch itself: from here on we run on the stack of next
        mov     r15, [rsi + 0x08]          # next->r15
        mov     r14, [rsi + 0x10]          # next->r14
        mov     r13, [rsi + 0x18]          # next->r13
        mov     r12, [rsi + 0x20]          # next->r12
        mov     rbx, [rsi + 0x28]          # next->rbx
        mov     rbp, [rsi + 0x30]          # next->rbp
        ldmxcsr [rsi + 0x40]               # THE CHANGE: next->mxcsr, loaded every time
        fldcw   [rsi + 0x44]               # THE CHANGE: next->x87_cw, loaded every time
        mov     rdi, [rsi + 0x38]          # next->thread_ptr as first argument: read by a new entry function only
        pop     r11                        # the return address of next (r11: scratch, never an argument)
        jmp     r11                        # resume next where it called us, or start it
        .cfi_endproc
        .size   switch_context_always_load, . - switch_context_always_load

        .section .note.GNU-stack, "", @progbits  /* no executable stack needed */
