// SPDX-License-Identifier: GPL-2.0
/*
 * ARM's private calls, which AArch32 programs reach with numbers past the end of their table
 * (do_ni_syscall, asm/syscall.h): r7 = 0x0f0000 + n (__ARM_NR_compat_*, asm/unistd.h).
 *
 * What an AArch32 task gets, as on Linux's arm64 kernel:
 *   below __NR_compat_syscalls          the table (compat_sys_call_table)
 *   0x0f0002 cacheflush(start, end, 0)  clean D / invalidate I for [start, end): 0, or
 *                                       -EINVAL (end < start, flags), -EFAULT (not mapped)
 *   0x0f0005 set_tls(tp)                TPIDRRO_EL0 = tp (AArch32 reads it as TPIDRURO,
 *                                       "mrc p15, 0, rN, c13, c0, 3"); returns 0
 *   anything else below 0x0f0800        -ENOSYS (breakpoint, usr26, usr32 and get_tls
 *                                       too: 32-bit Linux has them, arm64 Linux does not)
 *   0x0f0800 and up                     SIGILL (ILL_ILLTRP) at the svc instruction
 * An AArch64 task gets -ENOSYS for every number past its table.
 */
#include <linux/kernel.h>
#include <linux/compat.h>
#include <linux/syscalls.h>
#include <linux/entry-common.h>
#include <linux/errno.h>
#include <linux/mm_types.h>
#include <linux/mmu_context.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/uaccess.h>
#include <asm/ptrace.h>
#include <asm/syscall.h>
#include <asm/sysreg.h>
#include <asm/unistd.h>

/*
 * cacheflush: make code the program wrote in [start, end) visible to instruction fetch. No
 * alignment is required; flags must be 0. Every page of the range must be mapped.
 */
static long compat_cacheflush(unsigned long start, unsigned long end, unsigned long flags)
{
	struct mm_struct *mm = current->mm;

	if (end < start || flags)
		return -EINVAL;
	if (!access_ok((const void __user *)start, end - start))
		return -EFAULT;
	for (unsigned long va = ALIGN_DOWN(start, PAGE_SIZE); va < end; va += PAGE_SIZE)
		if (!user_page_phys(mm, va))
			return -EFAULT;
	sync_user_icache_range(mm, start, end);
	return 0;
}

/* set_tls: the thread pointer AArch32 code reads with mrc (EL0 cannot write it). */
static long compat_set_tls(unsigned long tp)
{
	current->thread.tp_value = tp;
	write_sysreg(tp, tpidrro_el0);
	return 0;
}

/*
 * A private call, or a number past the table (do_ni_syscall, asm/syscall.h, for AArch32
 * tasks only): see the top of the file. -ENOSYS means "nothing here".
 */
long compat_arm_syscall(struct pt_regs *regs, int scno)
{
	unsigned long svc_addr;

	switch (scno) {
	case __ARM_NR_compat_cacheflush:
		return compat_cacheflush(regs->regs[0], regs->regs[1], regs->regs[2]);
	case __ARM_NR_compat_set_tls:
		return compat_set_tls(regs->regs[0]);
	default:
		/* The private range answers "not here" so a program can probe for a call. */
		if (scno < __ARM_NR_COMPAT_END)	/* negative numbers too */
			return -ENOSYS;
		break;
	}
	/* ELR points past the svc: 2 bytes back in Thumb state, 4 in ARM state. */
	svc_addr = regs->pc - (compat_thumb_mode(regs) ? 2 : 4);
	force_sig_fault(regs, SIGILL, ILL_ILLTRP, svc_addr, "bad compat syscall");
	return 0;
}

/*
 * arm EABI pread64/pwrite64: the 64-bit offset in an even/odd register pair (r4:r5, low
 * word first), so r3 is padding (Linux's compat_sys_aarch32_pread64).
 */
COMPAT_SYSCALL_DEFINE6(aarch32_pread64, unsigned int, fd, char __user *, buf, size_t, count,
		       u32, __pad, u32, pos_lo, u32, pos_hi)
{
	return ksys_pread64(fd, buf, count, ((u64)pos_hi << 32) | pos_lo);
}

COMPAT_SYSCALL_DEFINE6(aarch32_pwrite64, unsigned int, fd, const char __user *, buf,
		       size_t, count, u32, __pad, u32, pos_lo, u32, pos_hi)
{
	return ksys_pwrite64(fd, buf, count, ((u64)pos_hi << 32) | pos_lo);
}
