// SPDX-License-Identifier: GPL-2.0
/*
 * Tasks and the machine: the registers a new program starts with (start_thread), which
 * programs exec may run (AArch64, and AArch32 where the CPU can; the pages exec adds to them
 * are vdso.c's), where 'current' is found on entry from user mode (asm/percpu.h entry_task), and
 * leaving the machine.
 *
 * Power off: under QEMU with -semihosting, SYS_EXIT makes QEMU exit with our status;
 * otherwise PSCI SYSTEM_OFF powers off, which QEMU always reports as 0 — so the status is
 * printed first for whoever reads the log.
 */
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <asm/elf.h>
#include <asm/irqflags.h>
#include <linux/mmu_context.h>
#include <asm/psci.h>
#include <asm/ptrace.h>
#include <asm/semihosting.h>
#include <asm/switch_to.h>
#include <asm/sysreg.h>
#include <linux/compat.h>
#include "signal_arm64.h"

/*
 * A program's first registers (exec): everything zero except pc = its entry point and
 * sp = the initial stack (argc at sp); PSTATE = EL0t, AArch64, with D, A, I, F clear, so
 * interrupts reach the kernel while it runs. The thread registers, the FP/SIMD registers
 * and FPCR/FPSR start clean too, and the new code pages are made visible to instruction
 * fetch. exec runs in the task itself, so the registers written here are this program's.
 *
 * An AArch32 program (compat) starts in AArch32 User mode (SPSR M[4:0] = 0b10000) with its
 * stack pointer in r13; bit 0 of the entry point asks for Thumb state (the T bit), the pc
 * itself is even. TIF_32BIT marks the task's syscalls as the arm EABI's from now on.
 * r0-r14 start at zero, as Linux's (r0 = 0 also says "no atexit function" to the C runtime).
 */
void start_thread(struct pt_regs *regs, unsigned long pc, unsigned long sp, bool compat)
{
	memset(regs, 0, sizeof(*regs));
	if (compat) {
		regs->pc = pc & ~1UL;
		regs->compat_sp = sp;
		regs->pstate = PSR_AA32_MODE_USR | (pc & 1 ? PSR_AA32_T_BIT : 0);
		set_tsk_thread_flag(current, TIF_32BIT);
	} else {
		regs->pc = pc;
		regs->sp = sp;
		regs->pstate = PSR_MODE_EL0t;
		clear_tsk_thread_flag(current, TIF_32BIT);
	}
	regs->syscallno = NO_SYSCALL;
	current->thread.tp_value = current->thread.tp2_value = 0;
	write_sysreg(0, tpidr_el0);	/* TLS pointer: the program sets its own */
	write_sysreg(0, tpidrro_el0);
	fpsimd_flush_user_state();
	sync_user_icache(current->mm);
}

/*
 * May exec run this ELF32 file? An arm EABI program (EM_ARM, an EABI version in e_flags; the
 * old ABI is refused as on Linux), on a CPU whose EL0 runs AArch32. The one refusal a user
 * could not guess from -ENOEXEC alone is the CPU's, so that one is printed.
 */
bool arm64_compat_elf_check_arch(const Elf32_Ehdr *eh)
{
	if (eh->e_machine != EM_ARM || !(eh->e_flags & EF_ARM_EABI_MASK))
		return false;
	if (!system_supports_32bit_el0()) {
		pr_err("exec: an AArch32 (arm) program, but this CPU runs only AArch64 code at EL0 "
		       "(ID_AA64PFR0_EL1.EL0 = %llu): ENOEXEC\n",
		       (unsigned long long)(read_sysreg(id_aa64pfr0_el1) & 0xf));
		return false;
	}
	return true;
}

void __noreturn machine_halt(void)
{
	arch_local_irq_disable();
	for (;;)
		__asm__ __volatile__("wfi");
}

void __noreturn machine_power_off(int status)
{
	arch_local_irq_disable();
	if (semihosting_available())
		semihosting_exit(status);
	pr_emerg("Power off with status %d (PSCI SYSTEM_OFF: the exit code will be 0)\n", status);
	psci_system_off();
	pr_emerg("Power off failed: halting\n");
	machine_halt();
}

struct task_struct *cpu_switch_to(struct task_struct *prev, struct task_struct *next,
				  struct thread_struct *prev_ctx, struct thread_struct *next_ctx);

/*
 * The task switch: the user's thread registers, then the kernel context (entry.S
 * cpu_switch_to). TPIDR_EL0 is writable from EL0, so the live value is prev's own and is
 * saved; TPIDRRO_EL0 only changes through the kernel (exec, set_tls, clone), whose copy is
 * current. Interrupts are off (the run-queue lock is held).
 */
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next)
{
	prev->thread.tp2_value = read_sysreg(tpidr_el0);
	write_sysreg(next->thread.tp2_value, tpidr_el0);
	write_sysreg(next->thread.tp_value, tpidrro_el0);
	fpu_switch(prev, next);				/* V0-V31, FPSR, FPCR */
	this_cpu_arm64()->entry_task = next;	/* SP_EL0 on this CPU's next entry from EL0 */
	return cpu_switch_to(prev, next, &prev->thread, &next->thread);
}

void ret_from_fork_asm(void);	/* entry.S */

/*
 * A new task's kernel context: its first switch "returns" into ret_from_fork_asm with x19 = fn
 * and x20 = arg for a kernel thread, sp = its pt_regs. A user task starts with a copy of the
 * caller's user registers, x0 (r0) = 0; a new stack goes to sp, or r13 for an AArch32 task;
 * CLONE_SETTLS sets the thread register the ABI reads its TLS from: TPIDR_EL0 for AArch64,
 * TPIDRRO_EL0 (TPIDRURO) for AArch32, as set_tls does.
 */
int copy_thread(struct task_struct *p, const struct kernel_clone_args *args)
{
	struct pt_regs *childregs = task_pt_regs(p);

	memset(p->thread.x19_x28, 0, sizeof(p->thread.x19_x28));
	p->thread.fp = 0;
	p->thread.sp = (unsigned long)childregs;
	p->thread.pc = (unsigned long)ret_from_fork_asm;
	p->thread.tp_value = current->thread.tp_value;
	p->thread.tp2_value = read_sysreg(tpidr_el0);
	if (args->fn) {
		memset(childregs, 0, sizeof(*childregs));
		childregs->syscallno = NO_SYSCALL;
		p->thread.x19_x28[0] = (unsigned long)args->fn;
		p->thread.x19_x28[1] = (unsigned long)args->fn_arg;
		p->thread.tp_value = p->thread.tp2_value = 0;
		fpu_init_task(p);
		return 0;
	}
	*childregs = *current_pt_regs();
	childregs->regs[0] = 0;
	fpu_clone(p, current);
	if (is_compat_task()) {
		if (args->stack)
			childregs->compat_sp = args->stack;
		if (args->flags & CLONE_SETTLS)
			p->thread.tp_value = (u32)args->tls;
	} else {
		if (args->stack)
			childregs->sp = args->stack;
		if (args->flags & CLONE_SETTLS)
			p->thread.tp2_value = args->tls;
	}
	return 0;
}
