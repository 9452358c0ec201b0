// SPDX-License-Identifier: GPL-2.0
/*
 * Semihosting, used for one thing: leaving QEMU with an exit status (the syscall trace goes
 * through the ivshmem PCI device now, trace_shm.c). Whether the host listens is probed once
 * with a harmless call (SYS_ERRNO); without -semihosting QEMU makes HLT an undefined
 * instruction, and the exception-table entry turns that into "absent".
 *
 * Only the kernel (EL1) can make these calls: QEMU ignores semihosting from EL0 unless told
 * otherwise, so a user program's HLT is an undefined instruction (SIGILL).
 */
#include <linux/kernel.h>
#include <asm/asm-extable.h>
#include <asm/semihosting.h>

static bool semihosting_present;

/* One semihosting call; returns false (and leaves *ret alone) if HLT was undefined. */
static bool semihosting_call(unsigned long op, unsigned long arg, unsigned long *ret)
{
	register unsigned long x0 __asm__("x0") = op;
	register unsigned long x1 __asm__("x1") = arg;
	unsigned long ok;

	__asm__ __volatile__(
		"1:	hlt	#0xf000\n"
		"	mov	%1, #1\n"
		"	b	3f\n"
		"2:	mov	%1, #0\n"	/* the undef fixup */
		"3:\n"
		_ASM_EXTABLE(1b, 2b)
		: "+r" (x0), "=&r" (ok)
		: "r" (x1)
		: "memory");
	if (ok)
		*ret = x0;
	return ok;
}

void semihosting_probe(void)
{
	unsigned long ret;

	semihosting_present = semihosting_call(SYS_ERRNO, 0, &ret);
}

bool semihosting_available(void)
{
	return semihosting_present;
}

void semihosting_exit(int status)
{
	/* AArch64 SYS_EXIT takes a pointer to {reason, subcode}; QEMU exits with subcode. */
	unsigned long block[2] = { ADP_Stopped_ApplicationExit, (unsigned long)status };
	unsigned long ret;

	if (semihosting_present)
		semihosting_call(SYS_EXIT, (unsigned long)block, &ret);
}
