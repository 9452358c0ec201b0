/*
 * The arch half of user-memory access (arch/arm64/lib/copy_user.S). Every user load is an
 * LDTR/LDTRB and every user store an STTR/STTRB: "unprivileged" forms that the MMU checks
 * with EL0's permissions even though the kernel issues them. So a copy can only reach what
 * user space itself could reach, PSTATE.PAN (set on every entry where the CPU has it)
 * does not block them, and a stray plain load of a user pointer elsewhere in the kernel
 * faults under PAN instead of silently working.
 *
 * Each of those instructions has an exception-table entry: a fault on a bad user address
 * resumes at a fixup and the copy returns the number of bytes it did not copy. access_ok()
 * (linux/uaccess.h) has already kept the range below the task's limit; a fault on a user
 * address from any instruction without an entry is still an Oops (mm/fault.c).
 */
#ifndef _ASM_ARM64_UACCESS_H
#define _ASM_ARM64_UACCESS_H

#include <linux/compiler.h>
#include <linux/mm_types.h>	/* TASK_SIZE_OF() reads mm->task_size */

unsigned long __arch_copy_from_user(void *to, const void __user *from, unsigned long n);
unsigned long __arch_copy_to_user(void __user *to, const void *from, unsigned long n);

static __always_inline unsigned long raw_copy_from_user(void *to, const void __user *from,
							unsigned long n)
{
	return __arch_copy_from_user(to, from, n);
}

static __always_inline unsigned long raw_copy_to_user(void __user *to, const void *from,
						      unsigned long n)
{
	return __arch_copy_to_user(to, from, n);
}

#endif
