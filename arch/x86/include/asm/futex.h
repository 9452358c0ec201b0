/*
 * The atomic compare-and-exchange of a user futex word (kernel/futex.c: WAKE_OP, robust
 * lists): lock cmpxchg on the user address, which access_ok() has kept in user space, in a
 * uaccess window (SMAP's stac/clac, closed on the fixup path too); a fault resumes at the
 * fixup with -EFAULT.
 */
#ifndef _ASM_X86_FUTEX_H
#define _ASM_X86_FUTEX_H

#include <linux/uaccess.h>
#include <asm/asm.h>

static inline long futex_cmpxchg_user(u32 __user *uaddr, u32 oldval, u32 newval)
{
	long ret = 0;
	u32 cur = oldval;

	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	__uaccess_begin();
	__asm__ __volatile__("1:	lock cmpxchgl %[new], (%[addr])\n"
			     "	sete	%b[ret]\n"
			     "	jmp	4f\n"
			     "3:	movq	%[efault], %[ret]\n"
			     "4:\n"
			     _ASM_EXTABLE(1b, 3b)
			     : [ret] "+&r"(ret), "+a"(cur)
			     : [addr] "r"(uaddr), [new] "r"(newval), [efault] "i"(-EFAULT)
			     : "cc", "memory");
	__uaccess_end();
	return ret;
}

#endif
