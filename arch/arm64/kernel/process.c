// SPDX-License-Identifier: GPL-2.0
/*
 * Tasks and the machine: the registers a new program starts with (start_thread), where
 * 'current' is found on entry from user mode (__entry_task), and leaving the machine.
 *
 * Power off: under QEMU with -semihosting, SYS_EXIT makes QEMU exit with our status;
 * otherwise PSCI SYSTEM_OFF powers off, which QEMU always reports as 0 — so the status is
 * printed first for whoever reads the log.
 */
#include <linux/kernel.h>
#include <linux/reboot.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <asm/elf.h>
#include <asm/irqflags.h>
#include <linux/mmu_context.h>
#include <asm/psci.h>
#include <asm/ptrace.h>
#include <asm/semihosting.h>
#include <asm/sysreg.h>

/* The task kernel_entry 0 puts into SP_EL0 (asm/current.h); set by set_current_task(). */
struct task_struct *__entry_task;

void fpsimd_flush_user_state(void);	/* fpsimd.S */

/*
 * A program's first registers (exec): everything zero except pc = its entry point and
 * sp = the initial stack (argc at sp); PSTATE = EL0t, AArch64, with D, A, I, F clear, so
 * interrupts reach the kernel while it runs. The thread registers, the FP/SIMD registers
 * and FPCR/FPSR start clean too, and the new code pages are made visible to instruction
 * fetch. exec runs in the task itself, so the registers written here are this program's.
 */
void start_thread(struct pt_regs *regs, unsigned long pc, unsigned long sp, bool compat)
{
	memset(regs, 0, sizeof(*regs));
	regs->pc = pc;
	regs->sp = sp;
	regs->pstate = PSR_MODE_EL0t;
	regs->syscallno = NO_SYSCALL;
	write_sysreg(0, tpidr_el0);	/* TLS pointer: the program sets its own */
	write_sysreg(0, tpidrro_el0);
	fpsimd_flush_user_state();
	sync_user_icache(current->mm);
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
