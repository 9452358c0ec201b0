/*
 * CPU helpers generic code uses in loops (a spin hint, idle-until-interrupt), the user
 * address-space limits, and the per-task CPU state (thread_struct).
 *
 * User space is the TTBR0 half: with 48-bit VAs (TCR_EL1.T0SZ = 16) user addresses run
 * from 0 to 2^48 - 1, as on Linux arm64 with 4 KiB pages and 48-bit VA.
 */
#ifndef _ASM_ARM64_PROCESSOR_H
#define _ASM_ARM64_PROCESSOR_H

#include <linux/const.h>
#include <asm/memory.h>

#define TASK_SIZE_MAX	(_AC(1, UL) << VA_BITS)
/*
 * AArch32 tasks (compat, the arm EABI) address 4 GiB less the last page, as on Linux with
 * 4 KiB pages; the kuser helpers page sits at 0xffff0000 inside that (asm/elf.h).
 */
#define TASK_SIZE_32	((_AC(1, UL) << 32) - PAGE_SIZE)
#define TASK_SIZE_OF(t)	((t)->mm ? (t)->mm->task_size : TASK_SIZE_MAX)

#ifndef __ASSEMBLY__
#include <asm/fpsimd.h>

/*
 * Saved kernel context for switching between tasks: the AAPCS64 callee-saved registers,
 * frame pointer, stack pointer and resume address. Filled by the task switch of the issue
 * that brings a second task; with one task nothing switches yet.
 */
struct thread_struct {
	unsigned long x19_x28[10];
	unsigned long fp, sp, pc;
	/*
	 * The user's thread registers, which a task switch must save and restore: TPIDR_EL0
	 * (AArch32: TPIDRURW, user-writable) and TPIDRRO_EL0 (AArch32: TPIDRURO, read-only at
	 * EL0, set by the set_tls private call). With one task they live in the CPU; these
	 * copies are what the kernel itself wrote (exec, set_tls).
	 */
	unsigned long tp_value;		/* TPIDRRO_EL0 */
	unsigned long tp2_value;	/* TPIDR_EL0 */
	/* V0-V31, FPSR, FPCR while the task is off the CPU (asm/fpsimd.h, kernel/fpsimd.c). */
	struct user_fpsimd_state fpsimd_state;
	/*
	 * The last user fault's data for signal frames (Linux's names): FAR (SIGSEGV, and the
	 * AArch32 frame's fault_address) and ESR_EL1 (arm64's esr_context, AArch32's
	 * error_code write bit), recorded by the fault paths before force_sig_fault; 0 when the
	 * fault has none (fault_code 0: no esr_context). Only the task itself writes them.
	 */
	unsigned long fault_address;
	unsigned long fault_code;
};

static inline void cpu_relax(void)
{
	__asm__ __volatile__("yield" : : : "memory");
}

/*
 * Wait for an interrupt and take it. WFI wakes on a pending IRQ even while PSTATE.I masks
 * it, so waiting with IRQs masked and unmasking afterwards cannot lose a wake-up that
 * arrives between the caller's check and the WFI.
 */
static inline void arch_cpu_idle(void)
{
	__asm__ __volatile__("dsb sy\n\twfi\n\tmsr daifclr, #2" : : : "memory");
}

#endif
#endif
