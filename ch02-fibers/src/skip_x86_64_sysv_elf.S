/*
 * skip_x86_64_sysv_elf.S: the `skip` trampoline for x86-64, System V ABI, ELF, GNU as.
 *
 *   extern "C" void skip() noexcept;   // never called: only ever returned into
 *
 * Runtime::spawn writes three addresses at the top of a new stack (T is the
 * top rounded down to 16 bytes):
 *
 *   T-0x08   0        end of the chain: nothing returns past guard
 *   T-0x10   guard    3. skip pops this: guard starts with rsp = T-8
 *   T-0x18   skip     2. the entry function returns here: rsp = T-0x10
 *   T-0x20   call     1. switch_context pops this and jumps: call starts with rsp = T-0x18
 *
 * psABI §3.2.2 wants rsp+8 to be a multiple of 16 at every function entry,
 * i.e. rsp = 8 (mod 16). `call` gets that (T-0x18), and so must `guard`; but
 * the entry function returning pops one word (T-0x10, 0 mod 16). skip pops
 * one more so that guard is entered at T-8, correctly aligned. That is all it
 * does: one `ret`.
 */
        .intel_syntax noprefix
        .text
        .globl  skip
        .hidden skip
        .type   skip, @function
        .p2align 4
        .cfi_startproc
        .cfi_undefined rip                 # no caller above this frame: unwinders and debuggers stop here
        nop                                # unwinders look up (return address - 1): it lands here, in this FDE
skip:
        ret                                # pop guard into rip, leaving rsp = T-8 as at a normal function entry
        .cfi_endproc
        .size   skip, . - skip

        .section .note.GNU-stack, "", @progbits  /* no executable stack needed */
