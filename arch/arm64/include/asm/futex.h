/*
 * The atomic compare-and-exchange of a user futex word (kernel/futex.c: WAKE_OP, robust
 * lists). The unprivileged LDTR/STTR of the uaccess layer have no exclusive forms, so this
 * is a privileged LDXR/STXR loop: PAN, which would fault it, is lifted around it (when the
 * CPU has PAN), and access_ok() has already kept the address in user space. A fault
 * resumes at the fixup with -EFAULT.
 */
#ifndef _ASM_ARM64_FUTEX_H
#define _ASM_ARM64_FUTEX_H

#include <linux/uaccess.h>
#include <asm/asm-extable.h>
#include <asm/sysreg.h>

extern bool arm64_pan_enabled;

static inline long futex_cmpxchg_user(u32 __user *uaddr, u32 oldval, u32 newval)
{
	long ret = 1;
	u32 cur, fail;

	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	if (arm64_pan_enabled)
		__asm__ __volatile__(".inst 0xd500409f" ::: "memory");	/* msr pan, #0 */
	__asm__ __volatile__("1:	ldaxr	%w[cur], [%[addr]]\n"
			     "	cmp	%w[cur], %w[old]\n"
			     "	b.ne	3f\n"
			     "2:	stlxr	%w[fail], %w[new], [%[addr]]\n"
			     "	cbnz	%w[fail], 1b\n"
			     "	b	5f\n"
			     "3:	mov	%[ret], #0\n"
			     "	clrex\n"
			     "	b	5f\n"
			     "4:	mov	%[ret], %[efault]\n"
			     "5:\n"
			     _ASM_EXTABLE(1b, 4b)
			     _ASM_EXTABLE(2b, 4b)
			     : [ret] "+r"(ret), [cur] "=&r"(cur), [fail] "=&r"(fail)
			     : [addr] "r"(uaddr), [old] "r"(oldval), [new] "r"(newval),
			       [efault] "r"((long)-EFAULT)
			     : "cc", "memory");
	if (arm64_pan_enabled)
		__asm__ __volatile__(".inst 0xd500419f" ::: "memory");	/* msr pan, #1 */
	return ret;
}

#endif
