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
#include <asm/asm-extable.h>

/* LDTR/STTR need no window opened around them: PAN does not apply to them (see above). */
static __always_inline void __uaccess_begin(void)
{
}

static __always_inline void __uaccess_end(void)
{
}

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

/*
 * One store of x to a user address whose range the caller checked (user_write_access_begin):
 * an STTR of x's size with an exception-table entry whose fixup is the C label (asm goto).
 * STTR needs no PAN toggling around a run of them.
 */
#define __unsafe_sttr(insn, reg, v, ptr, label)				\
	asm goto("1:	" insn " %" reg "0, [%1]\n"				\
		 "	.pushsection	__ex_table, \"a\"\n"			\
		 "	.balign	4\n"						\
		 "	.long	(1b - .)\n"					\
		 "	.long	(%l2 - .)\n"					\
		 "	.popsection\n"						\
		 : : "rZ"(v), "r"(ptr) : "memory" : label)

#define arch_unsafe_put_user(x, ptr, label) do {				\
	unsigned long __pv = (unsigned long)(x);				\
	switch (sizeof(*(ptr))) {						\
	case 1: __unsafe_sttr("sttrb", "w", __pv, ptr, label); break;		\
	case 2: __unsafe_sttr("sttrh", "w", __pv, ptr, label); break;		\
	case 4: __unsafe_sttr("sttr", "w", __pv, ptr, label); break;		\
	default: __unsafe_sttr("sttr", "x", __pv, ptr, label); break;		\
	}									\
} while (0)

/*
 * One unsigned long from user memory for strncpy_from_user's word loop (lib/usercopy.c):
 * 0, or -EFAULT when the load faults (the exception table sends the fault to the C label).
 * LDTR, like every user access here, is checked with EL0's permissions; it need not be
 * aligned (Normal memory, SCTLR_EL1.A clear), and when it crosses into a page that is not
 * there the caller falls back to bytes to find out how far the string goes.
 */
static __always_inline int get_user_word(unsigned long *val, const void __user *p)
{
	unsigned long v;

	asm goto("1:	ldtr	%[v], [%[p]]\n"
		 _ASM_EXTABLE(1b, %l[fault])
		 : [v] "=r"(v) : [p] "r"(p) : : fault);
	*val = v;
	return 0;
fault:
	return -EFAULT;
}

/* One byte, the same way (LDTRB). */
static __always_inline int get_user_byte(unsigned char *val, const void __user *p)
{
	unsigned int v;

	asm goto("1:	ldtrb	%w[v], [%[p]]\n"
		 _ASM_EXTABLE(1b, %l[fault])
		 : [v] "=r"(v) : [p] "r"(p) : : fault);
	*val = v;
	return 0;
fault:
	return -EFAULT;
}


#endif
