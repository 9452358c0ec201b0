/*
 * The arch half of user-memory access: "rep movsq" for the whole quadwords, then "rep movsb"
 * for the last 0-7 bytes, each with an exception-table entry. A rep instruction updates RCX,
 * RSI and RDI as it goes, so when a fault on a user page stops it they say exactly where:
 *  - in rep movsb, RCX is the number of bytes not copied, and the function returns it;
 *  - in rep movsq, RCX counts quadwords, and the faulting one may be partly reachable, so
 *    the fixup turns RCX into bytes (8 * RCX + tail) and resumes at the rep movsb, which
 *    copies byte by byte up to the exact first unreachable byte.
 * access_ok() (linux/uaccess.h) has already kept the user range below the task's limit, so
 * only not-present or read-only user pages can fault here; a fault anywhere else in the
 * kernel is still an Oops. Quadwords matter under -icount, where every iteration of a rep
 * counts as an instruction: uname's 390 bytes cost 54 iterations instead of 390.
 *
 * The kernel runs with DF clear (every entry path clears it), so both copy forwards.
 *
 * SMAP (asm/smap.h): ring 0 may touch user pages only between stac and clac. The copies
 * below open that window around their one asm statement, whose fixups resume inside it, so
 * the clac after it runs on both the normal and the fault path. The single-instruction
 * accessors (arch_unsafe_put_user, get_user_word, get_user_byte) do not: their callers hold
 * one window around a run of them with __uaccess_begin() / __uaccess_end(), closed on the
 * fault label too (include/linux/uaccess.h, lib/usercopy.c).
 */
#ifndef _ASM_X86_UACCESS_H
#define _ASM_X86_UACCESS_H

#include <linux/compiler.h>
#include <linux/mm_types.h>	/* TASK_SIZE_OF() reads mm->task_size */
#include <asm/asm.h>
#include <asm/smap.h>

/* Open and close the window in which ring 0 may touch user pages (no-ops without SMAP). */
static __always_inline void __uaccess_begin(void)
{
	stac();
}

static __always_inline void __uaccess_end(void)
{
	clac();
}

/* Fewer than 8 bytes known at compile time (get_user, put_user): rep movsb alone. */
static __always_inline unsigned long rep_movsb_user(void *to, const void *from, unsigned long n)
{
	__asm__ __volatile__("1:	rep movsb\n"
			     "2:\n"
			     _ASM_EXTABLE(1b, 2b)
			     : "+c"(n), "+D"(to), "+S"(from) : : "memory");
	return n;
}

static __always_inline unsigned long rep_movs_user(void *to, const void *from, unsigned long n)
{
	unsigned long tail = n & 7;

	if (__builtin_constant_p(n) && n < 8)
		return rep_movsb_user(to, from, n);
	n >>= 3;
	__asm__ __volatile__("1:	rep movsq\n"
			     "	movl %k[tail], %k[n]\n"
			     "2:	rep movsb\n"
			     "	jmp 4f\n"
			     "3:	leaq (%[tail], %[n], 8), %[n]\n"	/* fault in movsq */
			     "	jmp 2b\n"
			     "4:\n"
			     _ASM_EXTABLE(1b, 3b)
			     _ASM_EXTABLE(2b, 4b)
			     /* early clobbers: tail must not share RCX (n == tail is possible) */
			     : [n] "+&c"(n), "+&D"(to), "+&S"(from)
			     : [tail] "r"(tail) : "memory");
	return n;
}

/*
 * One store of x to a user address whose range the caller checked (user_write_access_begin):
 * a plain MOV with an exception-table entry whose fixup is the C label (asm goto), so a
 * run of stores costs one instruction each. The caller's window (user_write_access_begin)
 * is open around the run; the label's code must close it (user_write_access_end).
 */
#define arch_unsafe_put_user(x, ptr, label)					\
	asm goto("1:	mov %0, %1\n"						\
		 _ASM_EXTABLE(1b, %l2)						\
		 : : "r"(x), "m"(*(ptr)) : : label)

static __always_inline unsigned long raw_copy_from_user(void *to, const void __user *from,
							unsigned long n)
{
	stac();
	n = rep_movs_user(to, (const void __force *)from, n);
	clac();
	return n;
}

static __always_inline unsigned long raw_copy_to_user(void __user *to, const void *from,
						      unsigned long n)
{
	stac();
	n = rep_movs_user((void __force *)to, from, n);
	clac();
	return n;
}

/*
 * One unsigned long from user memory for strncpy_from_user's word loop (lib/usercopy.c),
 * inside its __uaccess_begin() window:
 * 0, or -EFAULT when the load faults (the exception table sends the fault to the C label).
 * The address need not be aligned: x86 loads across a page boundary, and when the second
 * page is not there the caller falls back to bytes to find out how far the string goes.
 */
static __always_inline int get_user_word(unsigned long *val, const void __user *p)
{
	unsigned long v;

	asm goto("1:	movq (%[p]), %[v]\n"
		 _ASM_EXTABLE(1b, %l[fault])
		 : [v] "=r"(v) : [p] "r"(p) : : fault);
	*val = v;
	return 0;
fault:
	return -EFAULT;
}

/* One byte, the same way. */
static __always_inline int get_user_byte(unsigned char *val, const void __user *p)
{
	unsigned char v;

	asm goto("1:	movb (%[p]), %[v]\n"
		 _ASM_EXTABLE(1b, %l[fault])
		 : [v] "=q"(v) : [p] "r"(p) : : fault);
	*val = v;
	return 0;
fault:
	return -EFAULT;
}

#endif
