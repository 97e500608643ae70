/*
 * switch_x86_64_sysv_elf.S: switch_context for x86-64, System V ABI, ELF, GNU as.
 *
 *   extern "C" void switch_context(ThreadContext* old, const ThreadContext* next) noexcept;
 *
 * Arguments (psABI §3.2.3, INTEGER class in order rdi, rsi, ...):
 *   rdi = old   where the running context is saved
 *   rsi = next  the context to resume
 *
 * ThreadContext (src/thread_context.hpp mirrors every offset with a static_assert):
 *
 *   offset  0x00  0x08  0x10  0x18  0x20  0x28  0x30  0x38        0x40   0x44
 *          +-----+-----+-----+-----+-----+-----+-----+-----------+------+--------+
 *          | rsp | r15 | r14 | r13 | r12 | rbx | rbp | thread_ptr| mxcsr| x87 cw |
 *          +-----+-----+-----+-----+-----+-----+-----+-----------+------+--------+
 *
 * What is saved, and why only that (psABI §3.2.1, Figure 3.4): rbx, rbp and
 * r12-r15 are callee-saved, and so are the control bits of MXCSR and the x87
 * control word. Every other register (rax, rcx, rdx, rsi, rdi, r8-r11, all of
 * xmm0-15 and the x87 stack) is caller-saved: the C++ code that called us has
 * already assumed they are lost. We store MXCSR whole: its status bits are
 * caller-saved, so keeping them per context is allowed and costs nothing more.
 *
 * The stack (psABI §3.2.2): the call that entered here pushed the return
 * address, so [rsp] is where the old context continues. Saving rsp saves
 * that; loading the rsp of next and popping gives the return address of
 * next. A context that has never run has the address of its entry function
 * there (Runtime::spawn writes it), so the pop and jump start it with rsp+8
 * 16-byte aligned, exactly as a call would. We never touch the 128-byte red
 * zone below rsp.
 *
 * Loading MXCSR and the x87 control word is slow (both instructions
 * serialize the floating-point unit) and nearly always useless: fibers
 * rarely change their rounding mode, so next usually has the values old
 * has. We compare first and load only what differs. Each compare reads back
 * exactly what one store just wrote, so the CPU forwards it from the store
 * buffer; a single 8-byte compare of both would span two stores and stall.
 *
 * Why `pop` + `jmp` and not `ret` (the book ends with `ret`): the CPU
 * predicts where a `ret` goes with a return stack buffer filled by `call`s.
 * Ours was called by old, but returns into next, at an address next called
 * from: the prediction is wrong on every switch that crosses call sites, and
 * a mispredicted return costs a pipeline flush. An indirect `jmp` is
 * predicted from where this very jump went before instead, which in a
 * scheduler loop is right almost every time. bench/switch_cost.cpp measures
 * both, and the README has the figures.
 */
        .intel_syntax noprefix
        .text
        .globl  switch_context
        .hidden switch_context
        .type   switch_context, @function
        .p2align 4
switch_context:
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
        pop     r11                        # the return address of next (r11: scratch, never an argument)
        jmp     r11                        # resume next where it called us, or start it
        .cfi_endproc
        .size   switch_context, . - switch_context

        .section .note.GNU-stack, "", @progbits  /* no executable stack needed */
