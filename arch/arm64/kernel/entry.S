/*
 * Exception entry and exit: the vector table and the code that turns an exception into a
 * call to a C handler with a struct pt_regs, and back.
 *
 * The hardware contract (Arm ARM D1.10): on an exception taken to EL1 the PE saves the
 * return address in ELR_EL1 and PSTATE in SPSR_EL1, masks D, A, I and F, switches to
 * SP_EL1, and jumps to VBAR_EL1 + the slot offset: four groups of four 128-byte slots
 * (sync, IRQ, FIQ, SError) for "from EL1 on SP_EL0" (EL1t), "from EL1 on SP_EL1" (EL1h),
 * "from EL0 AArch64" and "from EL0 AArch32". No general-purpose register is saved: the
 * code below must store all 31 before using any.
 *
 * Path of one exception, e.g. an IRQ while the kernel runs:
 *   vectors+0x280 -> kernel_ventry (stack check) -> el1h_64_irq -> kernel_entry 1
 *   -> el1h_64_irq_handler(regs) (entry-common.c) -> ret_to_kernel -> kernel_exit 1 -> eret
 * A system call ("svc #0" at EL0; docs/syscall-path-arm64.md walks through one):
 *   vectors+0x400 -> kernel_ventry 0 -> el0t_64_sync -> kernel_entry 0
 *   -> el0t_64_sync_handler -> el0_svc -> do_el0_svc -> el0_svc_common (entry-common.c,
 *   with syscall.h inline) -> ret_to_user -> kernel_exit 0 -> eret.
 * Timer interrupts while user code runs take the same kernel_entry 0 / ret_to_user pair
 * (el0t_64_irq -> el0t_64_irq_handler).
 * A system call from an AArch32 program (the arm EABI, "svc #0" with the number in r7):
 *   vectors+0x600 -> kernel_ventry 0 -> el0t_32_sync -> kernel_entry 0, 32
 *   -> el0t_32_sync_handler -> el0_svc_compat -> do_el0_svc_compat -> el0_svc_common
 *   (compat_sys_call_table) -> ret_to_user -> kernel_exit 0 -> eret, back to AArch32.
 *
 * AArch32 at EL0 (Arm ARM D1.20, "Mapping of AArch32 registers to AArch64"): r0-r12 are
 * w0-w12, r13 (sp_usr) is w13, r14 (lr_usr) is w14, r15 (pc) is ELR_EL1 and the CPSR is
 * SPSR_EL1 (M[4] = 1). x15-x30 hold banked registers of AArch32 modes EL0 cannot enter, so
 * user code cannot change them: they come back as kernel_exit loaded them, from pt_regs.
 * On taking an exception from AArch32 the upper 32 bits of x0-x14 are either zero or what
 * they held before (AArch64.MaybeZeroRegisterUppers: CONSTRAINED UNPREDICTABLE, chosen per
 * register): a syscall's 64-bit result left in x0 could come back as the upper half of
 * r0. kernel_entry 0, 32 therefore zeroes them, so pt_regs.regs[0..14] are exactly r0-r14,
 * and the native wrappers, which read whole x registers, see zero-extended arguments.
 * SP_EL0 is not used by AArch32 code (its stack pointer is r13): pt_regs.sp only carries
 * SP_EL0 across, as for any EL0 entry.
 *
 * While the CPU is in the kernel, SP_EL0 holds 'current' (asm/current.h); in user mode it
 * is user space's stack pointer, and kernel_entry 0 / kernel_exit 0 swap the two.
 */
#include <asm/assembler.h>
#include <asm/percpu.h>
#include <asm/ptrace.h>
#include <asm/sysreg.h>
#include <asm/thread_info.h>

/*
 * One 128-byte vector slot: make room for pt_regs and branch to the handler stub. For
 * exceptions from EL1, first check that the stack has room: kernel stacks are THREAD_SIZE
 * long and aligned to 2*THREAD_SIZE, so every address in one has bit THREAD_SHIFT clear,
 * and the guard page just below has it set. If the new sp has the bit set, pushing pt_regs
 * would fault again (and again): go to __bad_stack instead, which uses the overflow stack.
 */
	.macro	kernel_ventry, el:req, ht:req, regsize:req, label:req
	.align	7
.Lventry_start\@:
	sub	sp, sp, #PT_REGS_SIZE
	.if	\el == 1
	/*
	 * Every register still holds the interrupted context, so the test borrows x0
	 * through sp: sp += x0; x0 = sp - x0 (= the sp to test); then undo both.
	 */
	add	sp, sp, x0		/* sp = sp + x0 */
	sub	x0, sp, x0		/* x0 = sp */
	tbnz	x0, #THREAD_SHIFT, 0f
	sub	x0, sp, x0		/* x0 = x0 again */
	sub	sp, sp, x0		/* sp = sp again */
	b	el\el\ht\()_\regsize\()_\label
0:	sub	x0, sp, x0		/* overflowed: restore x0 and sp the same way */
	sub	sp, sp, x0
	b	__bad_stack
	.else
	b	el\el\ht\()_\regsize\()_\label
	.endif
	.org	.Lventry_start\@ + 128	/* exactly one slot: the assembler errors if longer */
	.endm

/*
 * Zero the general registers that still hold values of the interrupted user code and that
 * the path into C does not overwrite anyway (x0 = regs, x20 = current, x21-x23 and x29 are
 * set by kernel_entry, x30 by the bl). Their values are safe in pt_regs; left live, a user-
 * chosen value could steer a mis-speculated kernel instruction. 24 instructions.
 */
	.macro	clear_user_gprs
	.irp	n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 24, 25, 26, 27, 28
	mov	x\n, xzr
	.endr
	.endm

/*
 * Save the interrupted context into the pt_regs the vector made room for (sp points at it).
 * After this, x21-x23 hold sp, pc and pstate of the interrupted code, x29 points at a frame
 * record so backtraces continue into it, and any register may be used. From EL0, SP_EL0
 * is switched from the user stack pointer to 'current' and the user's registers are
 * cleared. regsize 32 (from AArch32) first zero-extends r0-r14 (15 instructions, on that
 * path only); everything after is the same for both states.
 */
	.macro	kernel_entry, el:req, regsize=64
	.if	\regsize == 32
	/* From AArch32: x0-x14 are r0-r14; make their upper halves zero (see the top). */
	.irp	n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14
	mov	w\n, w\n
	.endr
	.endif
	stp	x0, x1, [sp, #16 * 0]	/* regs[0..1] */
	stp	x2, x3, [sp, #16 * 1]
	stp	x4, x5, [sp, #16 * 2]
	stp	x6, x7, [sp, #16 * 3]
	stp	x8, x9, [sp, #16 * 4]
	stp	x10, x11, [sp, #16 * 5]
	stp	x12, x13, [sp, #16 * 6]
	stp	x14, x15, [sp, #16 * 7]
	stp	x16, x17, [sp, #16 * 8]
	stp	x18, x19, [sp, #16 * 9]
	stp	x20, x21, [sp, #16 * 10]
	stp	x22, x23, [sp, #16 * 11]
	stp	x24, x25, [sp, #16 * 12]
	stp	x26, x27, [sp, #16 * 13]
	stp	x28, x29, [sp, #16 * 14]	/* regs[28..29] */

	.if	\el == 0
	mrs	x21, sp_el0		/* user space's stack pointer */
	.else
	add	x21, sp, #PT_REGS_SIZE	/* the kernel sp before the vector's sub */
	.endif
	mrs	x22, elr_el1		/* where the exception was taken */
	mrs	x23, spsr_el1		/* PSTATE at that point */
	stp	lr, x21, [sp, #S_LR]	/* regs[30], sp */
	stp	x22, x23, [sp, #S_PC]	/* pc, pstate */

	.if	\el == 0
	/* SP_EL0 = current for as long as we are in the kernel (asm/current.h), from this
	 * CPU's pcpu_arm64 (TPIDR_EL1, asm/percpu.h): as many instructions as a global. */
	mrs	x20, tpidr_el1
	ldr	x20, [x20, #PCPU_ENTRY_TASK]
	msr	sp_el0, x20
	clear_user_gprs
	.endif

	/* orig_x0 = 0 and syscallno = NO_SYSCALL (the s32 and the padding word after it)
	 * in one store: el0_svc_common fills both for system calls. */
	mov	w0, #NO_SYSCALL		/* x0 = 0x00000000ffffffff: syscallno -1, padding 0 */
	stp	xzr, x0, [sp, #S_ORIG_X0]

	/* stackframe: {fp, pc} of the interrupted code, so the unwinder walks through the
	 * exception; from EL0 the chain ends here (user frames are not ours to read). */
	.if	\el == 0
	stp	xzr, xzr, [sp, #S_STACKFRAME]
	.else
	stp	x29, x22, [sp, #S_STACKFRAME]
	.endif
	add	x29, sp, #S_STACKFRAME
	.endm

/*
 * Restore the context from pt_regs (possibly changed by the handler: a fixup moves pc, a
 * syscall sets regs[0]) and return with eret, which sets PC = ELR_EL1 and PSTATE =
 * SPSR_EL1: for a return to user space SPSR_EL1.M is EL0t (start_thread wrote it, the
 * hardware saved it on every later entry), so eret drops to EL0 on SP_EL0 with the
 * DAIF and NZCV bits it had. For an AArch32 task SPSR_EL1.M[4] is set (and T for Thumb
 * code): the same eret enters AArch32 state, with r0-r14 = w0-w14 and pc = ELR_EL1.
 */
	.macro	kernel_exit, el:req
	msr	daifset, #0xf		/* no IRQ may clobber ELR/SPSR once they are loaded */
	ldp	x21, x22, [sp, #S_PC]	/* pc, pstate */
	.if	\el == 0
	ldr	x23, [sp, #S_SP]
	msr	sp_el0, x23		/* user stack pointer; 'current' is no longer in SP_EL0 */
	.endif
	/* ELR_EL1/SPSR_EL1 still hold pc and pstate unless something changed them since the
	 * entry (a signal frame, exec, any exception taken in the kernel, other tasks' returns
	 * while this one slept, another CPU after a migration): written only then. Under QEMU's
	 * TCG every MSR to a system register ends the translated block and rebuilds QEMU's
	 * cached CPU state, so two skipped writes take about 70 ns off every syscall there
	 * (docs/tracing.md, "arm64 throughput"); x24/x25 are reloaded from regs below. */
	mrs	x24, elr_el1
	mrs	x25, spsr_el1
	cmp	x24, x21
	ccmp	x25, x22, #0, eq	/* Z only if both are equal */
	b.eq	.Lexit_elr_spsr_set\@
	msr	elr_el1, x21
	msr	spsr_el1, x22
.Lexit_elr_spsr_set\@:
	ldp	x0, x1, [sp, #16 * 0]	/* x0: a syscall's result (regs[0]) */
	ldp	x2, x3, [sp, #16 * 1]
	ldp	x4, x5, [sp, #16 * 2]
	ldp	x6, x7, [sp, #16 * 3]
	ldp	x8, x9, [sp, #16 * 4]
	ldp	x10, x11, [sp, #16 * 5]
	ldp	x12, x13, [sp, #16 * 6]
	ldp	x14, x15, [sp, #16 * 7]
	ldp	x16, x17, [sp, #16 * 8]
	ldp	x18, x19, [sp, #16 * 9]
	ldp	x20, x21, [sp, #16 * 10]
	ldp	x22, x23, [sp, #16 * 11]
	ldp	x24, x25, [sp, #16 * 12]
	ldp	x26, x27, [sp, #16 * 13]
	ldp	x28, x29, [sp, #16 * 14]
	ldr	lr, [sp, #S_LR]
	add	sp, sp, #PT_REGS_SIZE	/* the kernel stack as it was before the exception */
	eret
	/* Never executed: keeps the CPU from speculating straight past the eret. */
	dsb	nsh
	isb
	.endm

/* The vector table: 2 KiB aligned (VBAR_EL1 bits 10:0 are RES0). */
	.text
	.align	11
ENTRY(vectors)
	kernel_ventry	1, t, 64, sync		/* EL1t: never used, the kernel runs on SP_EL1 */
	kernel_ventry	1, t, 64, irq
	kernel_ventry	1, t, 64, fiq
	kernel_ventry	1, t, 64, error

	kernel_ventry	1, h, 64, sync		/* EL1h: the kernel itself */
	kernel_ventry	1, h, 64, irq
	kernel_ventry	1, h, 64, fiq
	kernel_ventry	1, h, 64, error

	kernel_ventry	0, t, 64, sync		/* EL0 AArch64: user space */
	kernel_ventry	0, t, 64, irq
	kernel_ventry	0, t, 64, fiq
	kernel_ventry	0, t, 64, error

	kernel_ventry	0, t, 32, sync		/* EL0 AArch32: arm EABI programs */
	kernel_ventry	0, t, 32, irq
	kernel_ventry	0, t, 32, fiq
	kernel_ventry	0, t, 32, error
END(vectors)

/*
 * The stub behind one vector: save, call el<el><ht>_<regsize>_<label>_handler(regs)
 * (entry-common.c), return.
 *
 * From EL0 the stub is where the kernel's stack begins, and its unwind information (DWARF
 * CFI in .debug_frame: not loaded, no instruction) says so to debuggers: the return address
 * (x30) is "undefined", which gdb takes as the outermost frame, so a backtrace from a
 * syscall ends at el0t_64_sync instead of reading the user's x29/x30 as kernel frames. The
 * frame address is sp + PT_REGS_SIZE, the stack top, for the whole stub. The kernel's own
 * unwinder gets the same answer from the zero frame record kernel_entry 0 leaves in pt_regs.
 */
	.macro	entry_handler, el:req, ht:req, regsize:req, label:req
el\el\ht\()_\regsize\()_\label:
	.if	\el == 0
	.cfi_sections .debug_frame
	.cfi_startproc
	.cfi_def_cfa sp, PT_REGS_SIZE
	.cfi_undefined x30
	.endif
	kernel_entry \el, \regsize
	mov	x0, sp
	bl	el\el\ht\()_\regsize\()_\label\()_handler
	.if	\el == 0
	b	ret_to_user
	.cfi_endproc
	.else
	b	ret_to_kernel
	.endif
	.endm

	entry_handler	1, t, 64, sync
	entry_handler	1, t, 64, irq
	entry_handler	1, t, 64, fiq
	entry_handler	1, t, 64, error
	entry_handler	1, h, 64, sync
	entry_handler	1, h, 64, irq
	entry_handler	1, h, 64, fiq
	entry_handler	1, h, 64, error
	entry_handler	0, t, 64, sync
	entry_handler	0, t, 64, irq
	entry_handler	0, t, 64, fiq
	entry_handler	0, t, 64, error
	entry_handler	0, t, 32, sync
	entry_handler	0, t, 32, irq
	entry_handler	0, t, 32, fiq
	entry_handler	0, t, 32, error

ENTRY(ret_to_kernel)
	kernel_exit 1
END(ret_to_kernel)

/*
 * Back to user space. The C handler has already run the exit work with interrupts off
 * (syscall_exit_to_user_mode / irqentry_exit_to_user_mode, include/linux/entry-common.h),
 * so all that is left is restoring the user registers: kernel_exit 0 puts the user stack
 * pointer back into SP_EL0 and leaves SP_EL1 at the top of this task's kernel stack, where
 * the next exception from EL0 will build its pt_regs.
 */
ENTRY(ret_to_user)
	kernel_exit 0
END(ret_to_user)

/*
 * struct task_struct *cpu_switch_to(struct task_struct *prev, struct task_struct *next,
 *                                   struct thread_struct *prev_ctx, struct thread_struct *next_ctx)
 *
 * The task switch (kernel/sched/core.c context_switch -> switch_to -> __switch_to). AAPCS64
 * lets a called function clobber x0-x18 and x30's caller copy, so what must survive is
 * x19-x28, the frame pointer x29, sp and the return address x30: stored in prev's
 * thread_struct (its first members, in this order), loaded from next's. x0 and x1 are not
 * touched, so the ret in next's context returns prev to next's caller as "last". SP_EL0
 * becomes next: 'current' while the kernel runs (asm/current.h). A task that never ran has
 * lr = ret_from_fork_asm and sp = its pt_regs (copy_thread).
 */
ENTRY(cpu_switch_to)
	stp	x19, x20, [x2, #0]
	stp	x21, x22, [x2, #16]
	stp	x23, x24, [x2, #32]
	stp	x25, x26, [x2, #48]
	stp	x27, x28, [x2, #64]
	mov	x9, sp
	stp	x29, x9, [x2, #80]
	str	lr, [x2, #96]
	ldp	x19, x20, [x3, #0]
	ldp	x21, x22, [x3, #16]
	ldp	x23, x24, [x3, #32]
	ldp	x25, x26, [x3, #48]
	ldp	x27, x28, [x3, #64]
	ldp	x29, x9, [x3, #80]
	ldr	lr, [x3, #96]
	mov	sp, x9
	msr	sp_el0, x1
	ret
END(cpu_switch_to)

/*
 * A new task's first instructions (cpu_switch_to's ret; x0 = the task switched away from).
 * copy_thread left x19 = a kernel thread's function (0 for a user task), x20 = its argument
 * and sp = the task's pt_regs. The C half (ret_from_fork) finishes the switch, runs the
 * function if any, and does the exit work; the task then leaves through ret_to_user with
 * the registers in its pt_regs (a forked child: its parent's, x0 = 0).
 */
ENTRY(ret_from_fork_asm)
	.cfi_sections .debug_frame
	.cfi_startproc
	.cfi_undefined x30
	mov	x1, sp			/* regs */
	mov	x2, x19			/* fn */
	mov	x3, x20			/* arg */
	mov	x29, xzr		/* no frame below this one */
	bl	ret_from_fork
	b	ret_to_user
	.cfi_endproc
END(ret_from_fork_asm)

/*
 * The vector found the stack overflowed: sp points into a guard page (or below the boot
 * stack), so nothing may be pushed there. Switch to overflow_stack, save pt_regs there and
 * report. This path never returns, which is why it may park x0 and the bad sp in the EL0
 * thread registers (TPIDR_EL0, TPIDRRO_EL0): no user value in them is needed again.
 */
__bad_stack:
	msr	tpidr_el0, x0
	mov	x0, sp
	msr	tpidrro_el0, x0		/* the overflowed sp (already minus PT_REGS_SIZE) */
	adr_l	x0, overflow_stack + OVERFLOW_STACK_SIZE
	mov	sp, x0
	sub	sp, sp, #PT_REGS_SIZE
	mrs	x0, tpidr_el0		/* x0 as interrupted */
	kernel_entry 1
	mrs	x0, tpidrro_el0
	add	x0, x0, #PT_REGS_SIZE
	str	x0, [sp, #S_SP]		/* pt_regs.sp: the sp when the exception was taken */
	mov	x0, sp
	bl	handle_bad_stack	/* does not return */
	brk	#0x800

/*
 * void call_on_stack(void *stack_top, void (*fn)(void)): run fn() on another stack and come
 * back (the generic prototype, shared with x86). The fault handler uses it to report a
 * guard-page hit from the overflow stack; the crash test to run on a guarded stack.
 */
ENTRY(call_on_stack)
	mov	x9, sp
	and	sp, x0, #~15		/* AAPCS64: sp 16-byte aligned */
	stp	x29, x30, [sp, #-32]!	/* frame record on the new stack, so traces from */
	str	x9, [sp, #16]		/* fn reach our caller; the old sp above it */
	mov	x29, sp
	blr	x1
	ldr	x9, [sp, #16]
	ldp	x29, x30, [sp]
	mov	sp, x9
	ret
END(call_on_stack)
