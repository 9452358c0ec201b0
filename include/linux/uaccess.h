/*
 * The only way kernel code touches user memory. Every user pointer is checked against the
 * task's user-space limit (access_ok) and then copied by the arch's raw_copy_*_user, whose
 * loads and stores each have an exception-table entry: a fault on a bad user address jumps
 * to a fixup that reports how many bytes were not copied, and the caller returns -EFAULT.
 * A bad pointer from user space can therefore never crash the kernel.
 */
#ifndef _LINUX_UACCESS_H
#define _LINUX_UACCESS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <asm/uaccess.h>

/* Highest user address + 1 for the current task (4 GiB - a page for 32-bit processes). */
static inline unsigned long user_addr_max(void)
{
	return TASK_SIZE_OF(current);
}

static inline bool access_ok(const void __user *ptr, unsigned long size)
{
	unsigned long addr = (unsigned long)ptr, limit = user_addr_max();

	return size <= limit && addr <= limit - size;
}

/* Returns the number of bytes NOT copied (0 on success); the rest of 'to' is zeroed. */
static inline unsigned long copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left = n;

	if (likely(access_ok(from, n)))
		left = raw_copy_from_user(to, from, n);
	if (unlikely(left))
		memset((char *)to + (n - left), 0, left);
	return left;
}

static inline unsigned long copy_to_user(void __user *to, const void *from, unsigned long n)
{
	if (likely(access_ok(to, n)))
		return raw_copy_to_user(to, from, n);
	return n;
}

/* get_user(x, ptr) / put_user(x, ptr): one value of *ptr's size; 0 or -EFAULT. */
#define get_user(x, ptr)							\
({										\
	__typeof__(*(ptr)) __gu_val;						\
	int __gu_err = copy_from_user((void *)&__gu_val, (ptr), sizeof(__gu_val)) ? -EFAULT : 0; \
	(x) = __gu_err ? (__typeof__(*(ptr)))0 : __gu_val;			\
	__gu_err;								\
})

#define put_user(x, ptr)							\
({										\
	__typeof__(*(ptr)) __pu_val = (x);					\
	copy_to_user((ptr), &__pu_val, sizeof(__pu_val)) ? -EFAULT : 0;		\
})

/*
 * A run of stores into one user range checked once, as Linux's user_write_access_begin /
 * unsafe_put_user / user_write_access_end: begin is access_ok over the whole range and opens
 * the arch's window (x86: stac under SMAP; arm64: nothing, its STTR stores are checked as
 * EL0's under PAN); each unsafe_put_user is then one store instruction whose fault jumps to
 * label, and the code at label must call user_write_access_end too. Only between begin and
 * end, only inside the checked range, and nothing in between may sleep or call a function
 * that might (the window would stay open for whatever ran next): a longer job opens one
 * window per step (fs/readdir.c: one per record).
 */
static inline bool user_write_access_begin(void __user *ptr, unsigned long len)
{
	if (unlikely(!access_ok(ptr, len)))
		return false;
	__uaccess_begin();
	return true;
}

static inline void user_write_access_end(void)
{
	__uaccess_end();
}

#define unsafe_put_user(x, ptr, label)						\
	arch_unsafe_put_user((__typeof__(*(ptr)))(x), (ptr), label)

/* len bytes from kernel src: 8 at a time, then 4, 2, 1 (unaligned stores are fine on both
 * arches' Normal memory). */
#define unsafe_copy_to_user(dst, src, len, label) do {				\
	char __user *__ud = (char __user *)(dst);				\
	const char *__ks = (const char *)(src);				\
	unsigned long __ul = (len);						\
	for (; __ul >= 8; __ul -= 8, __ud += 8, __ks += 8) {			\
		u64 __w;							\
		__builtin_memcpy(&__w, __ks, 8);				\
		unsafe_put_user(__w, (u64 __user *)__ud, label);		\
	}									\
	if (__ul >= 4) {							\
		u32 __w;							\
		__builtin_memcpy(&__w, __ks, 4);				\
		unsafe_put_user(__w, (u32 __user *)__ud, label);		\
		__ud += 4, __ks += 4, __ul -= 4;				\
	}									\
	if (__ul >= 2) {							\
		u16 __w;							\
		__builtin_memcpy(&__w, __ks, 2);				\
		unsafe_put_user(__w, (u16 __user *)__ud, label);		\
		__ud += 2, __ks += 2, __ul -= 2;				\
	}									\
	if (__ul)								\
		unsafe_put_user(*__ks, (u8 __user *)__ud, label);		\
} while (0)

long strncpy_from_user(char *dst, const char __user *src, long count);
long strnlen_user(const char __user *s, long n);
unsigned long clear_user(void __user *to, unsigned long n);

#endif
