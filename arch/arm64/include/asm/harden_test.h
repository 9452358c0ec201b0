/*
 * For the hardening tests only (kernel/test_harden.c, kernel/crash_test.c): one load and one
 * store that touch any address as plain EL1 accesses (LDR/STRB, not the LDTR/STTR of the
 * uaccess layer), each with an exception-table entry so a fault comes back as -EFAULT
 * instead of an Oops. Nothing else may use them: they are the accesses PAN and read-only
 * text exist to stop.
 */
#ifndef _ASM_ARM64_HARDEN_TEST_H
#define _ASM_ARM64_HARDEN_TEST_H

#include <linux/types.h>
#include <linux/errno.h>
#include <asm/asm-extable.h>
#include <asm/setup.h>

#define ARCH_USER_ACCESS_GUARD	"PAN"
#define ARCH_USER_EXEC_GUARD	"PXN"
/* RET, for the crash tests that jump into data or user memory. */
#define ARCH_RET_INSN		0xd65f03c0u

static inline bool arch_user_access_guarded(void)
{
	return arm64_pan_enabled;
}

/* Every user page is mapped PXN (mm/context.c), whatever the CPU. */
static inline bool arch_user_exec_guarded(void)
{
	return true;
}

static inline int probe_plain_load(const void *p, unsigned long *val)
{
	unsigned long v;

	asm goto("1:	ldr	%[v], [%[p]]\n"
		 _ASM_EXTABLE(1b, %l[fault])
		 : [v] "=r"(v) : [p] "r"(p) : "memory" : fault);
	*val = v;
	return 0;
fault:
	return -EFAULT;
}

static inline int probe_plain_store(void *p, u8 val)
{
	asm goto("1:	strb	%w[v], [%[p]]\n"
		 _ASM_EXTABLE(1b, %l[fault])
		 : : [v] "r"(val), [p] "r"(p) : "memory" : fault);
	return 0;
fault:
	return -EFAULT;
}

#endif
