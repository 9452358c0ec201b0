/*
 * For the hardening tests only (kernel/test_harden.c, kernel/crash_test.c): one load and one
 * store that touch any address as plain kernel accesses, outside the uaccess window (no stac),
 * each with an exception-table entry so a fault comes back as -EFAULT instead of an Oops.
 * Nothing else may use them: they are the accesses SMAP and read-only text exist to stop.
 */
#ifndef _ASM_X86_HARDEN_TEST_H
#define _ASM_X86_HARDEN_TEST_H

#include <linux/types.h>
#include <linux/errno.h>
#include <asm/asm.h>
#include <asm/smap.h>

#define ARCH_USER_ACCESS_GUARD	"SMAP"
#define ARCH_USER_EXEC_GUARD	"SMEP"
/* The return instruction, for the crash tests that jump into data or user memory. */
#define ARCH_RET_INSN		0xc3c3c3c3u

static inline bool arch_user_access_guarded(void)
{
	return x86_smap_enabled;
}

static inline bool arch_user_exec_guarded(void)
{
	return x86_smep_enabled;
}

static inline int probe_plain_load(const void *p, unsigned long *val)
{
	unsigned long v;

	asm goto("1:	movq (%[p]), %[v]\n"
		 _ASM_EXTABLE(1b, %l[fault])
		 : [v] "=r"(v) : [p] "r"(p) : "memory" : fault);
	*val = v;
	return 0;
fault:
	return -EFAULT;
}

static inline int probe_plain_store(void *p, u8 val)
{
	asm goto("1:	movb %[v], (%[p])\n"
		 _ASM_EXTABLE(1b, %l[fault])
		 : : [v] "q"(val), [p] "r"(p) : "memory" : fault);
	return 0;
fault:
	return -EFAULT;
}

#endif
