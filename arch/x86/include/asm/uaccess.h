/*
 * The arch half of user-memory access: one "rep movsb" per copy, with an exception-table
 * entry on it. rep movsb updates RCX, RSI and RDI as it goes, so when a fault on a user page
 * stops it, RCX already holds the number of bytes not copied: the fixup only has to resume
 * after the instruction, and the function returns RCX. access_ok() (linux/uaccess.h) has
 * already kept the user range below the task's limit, so only not-present or read-only
 * user pages can fault here; a fault anywhere else in the kernel is still an Oops.
 *
 * The kernel runs with DF clear (every entry path clears it), so rep movsb copies forwards.
 */
#ifndef _ASM_X86_UACCESS_H
#define _ASM_X86_UACCESS_H

#include <linux/compiler.h>
#include <linux/mm_types.h>	/* TASK_SIZE_OF() reads mm->task_size */
#include <asm/asm.h>

static __always_inline unsigned long rep_movs_user(void *to, const void *from, unsigned long n)
{
	__asm__ __volatile__("1:	rep movsb\n"
			     "2:\n"
			     _ASM_EXTABLE(1b, 2b)
			     : "+c"(n), "+D"(to), "+S"(from) : : "memory");
	return n;
}

static __always_inline unsigned long raw_copy_from_user(void *to, const void __user *from,
							unsigned long n)
{
	return rep_movs_user(to, (const void *)from, n);
}

static __always_inline unsigned long raw_copy_to_user(void __user *to, const void *from,
						      unsigned long n)
{
	return rep_movs_user((void *)to, from, n);
}

#endif
