/*
 * SYSCALL_DEFINEn(name, type1, arg1, ..., typen, argn) { body }
 *
 * A system call is written once and serves every ABI. The macro expands into
 *   __do_sys_name(type1 arg1, ...)        the body, with the declared C types
 *   __se_sys_name(long arg1, ...)         takes every argument as a full register-sized
 *                                         long and casts it to the declared type, so no
 *                                         garbage in the upper bits of a register reaches
 *                                         the body with a type it could misread
 *   __<abi>_sys_name(const struct pt_regs *)  the arch wrapper (asm/syscall_wrapper.h):
 *                                         the only code that knows which register holds
 *                                         which argument (__x64_, __ia32_, __arm64_)
 * plus __syscall_meta_sys_NAME, a struct syscall_metadata in the "__syscalls_metadata"
 * section: name, argument count, types and names as strings. The tracer decodes arguments
 * from it (tables indexed by syscall number point at it, generated from the .tbl files), so
 * there is no second, hand-kept list of argument types.
 *
 * Where a 32-bit ABI lays a structure or an argument out differently, COMPAT_SYSCALL_DEFINEn
 * (linux/compat.h) writes the compat entry point the .tbl's fifth column names: the same
 * three layers and metadata, as __<abi>_compat_sys_NAME.
 */
#ifndef _LINUX_SYSCALLS_H
#define _LINUX_SYSCALLS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>

struct pt_regs;

/* __MAP(n, m, t1, a1, t2, a2, ...) applies m(t, a) to the first n type/argument pairs. */
#define __MAP0(m, ...)
#define __MAP1(m, t, a, ...) m(t, a)
#define __MAP2(m, t, a, ...) m(t, a), __MAP1(m, __VA_ARGS__)
#define __MAP3(m, t, a, ...) m(t, a), __MAP2(m, __VA_ARGS__)
#define __MAP4(m, t, a, ...) m(t, a), __MAP3(m, __VA_ARGS__)
#define __MAP5(m, t, a, ...) m(t, a), __MAP4(m, __VA_ARGS__)
#define __MAP6(m, t, a, ...) m(t, a), __MAP5(m, __VA_ARGS__)
#define __MAP(n, ...) __MAP##n(__VA_ARGS__)

#define __SC_DECL(t, a)     t a
#define __SC_LONG(t, a)     long a
#define __SC_CAST(t, a)     (t) a
#define __SC_ARGS(t, a)     a
#define __SC_STR_TYPE(t, a) #t
#define __SC_STR_NAME(t, a) #a

/* What the tracer knows about a syscall body (see the comment at the top). */
struct syscall_metadata {
	const char *name;		/* "write": the SYSCALL_DEFINE name */
	int nb_args;
	const char *const *types;	/* "unsigned int", "const char __user *", ... */
	const char *const *args;	/* "fd", "buf", "count" */
};

/*
 * __syscall_meta_<fn>: fn is sys_NAME (SYSCALL_DEFINEn) or compat_sys_NAME (linux/compat.h).
 * Global, found by name from the generated syscall_abi_*.c tables: declared extern first.
 */
#define __SYSCALL_METADATA(fn, sname, nb, ...)						\
	static const char *const __types_##fn[nb ? nb : 1] = {				\
		__MAP(nb, __SC_STR_TYPE, __VA_ARGS__) };				\
	static const char *const __args_##fn[nb ? nb : 1] = {				\
		__MAP(nb, __SC_STR_NAME, __VA_ARGS__) };				\
	extern const struct syscall_metadata __syscall_meta_##fn;			\
	const struct syscall_metadata __syscall_meta_##fn __used			\
		__section("__syscalls_metadata") __aligned(8) = {			\
		.name = #sname, .nb_args = nb,						\
		.types = __types_##fn, .args = __args_##fn,				\
	}
#define SYSCALL_METADATA(sname, nb, ...) __SYSCALL_METADATA(sys##sname, sname, nb, __VA_ARGS__)

const struct syscall_metadata *syscall_metadata_find(const char *name);

#include <asm/syscall_wrapper.h>

#define SYSCALL_DEFINE0(sname)								\
	SYSCALL_METADATA(_##sname, 0);							\
	__SYSCALL_DEFINE0(sname)

#define SYSCALL_DEFINE1(name, ...) SYSCALL_DEFINEx(1, _##name, __VA_ARGS__)
#define SYSCALL_DEFINE2(name, ...) SYSCALL_DEFINEx(2, _##name, __VA_ARGS__)
#define SYSCALL_DEFINE3(name, ...) SYSCALL_DEFINEx(3, _##name, __VA_ARGS__)
#define SYSCALL_DEFINE4(name, ...) SYSCALL_DEFINEx(4, _##name, __VA_ARGS__)
#define SYSCALL_DEFINE5(name, ...) SYSCALL_DEFINEx(5, _##name, __VA_ARGS__)
#define SYSCALL_DEFINE6(name, ...) SYSCALL_DEFINEx(6, _##name, __VA_ARGS__)

#define SYSCALL_DEFINEx(x, sname, ...)							\
	SYSCALL_METADATA(sname, x, __VA_ARGS__);					\
	__SYSCALL_DEFINEx(x, sname, __VA_ARGS__)

/*
 * The arch wrapper's common tail: __se_ takes longs and casts, __do_ is the body.
 * Arch headers use this after their own wrapper definitions.
 */
#define __SYSCALL_SE_DO(x, name, ...)							\
	static long __se_sys##name(__MAP(x, __SC_LONG, __VA_ARGS__));			\
	static inline long __do_sys##name(__MAP(x, __SC_DECL, __VA_ARGS__));		\
	static long __se_sys##name(__MAP(x, __SC_LONG, __VA_ARGS__))			\
	{										\
		return __do_sys##name(__MAP(x, __SC_CAST, __VA_ARGS__));		\
	}										\
	static inline long __do_sys##name(__MAP(x, __SC_DECL, __VA_ARGS__))

/* -ENOSYS: every table slot without an implementation points here. */
long sys_ni_syscall(void);

/* Helpers that more than one entry point calls (Linux's ksys_ names). */
/* pread64/pwrite64 for the 32-bit ABIs' split-offset entries (fs/read_write.c). */
ssize_t ksys_pread64(unsigned int fd, char __user *buf, size_t count, loff_t pos);
ssize_t ksys_pwrite64(unsigned int fd, const char __user *buf, size_t count, loff_t pos);
long ksys_mmap_pgoff(unsigned long addr, unsigned long len, unsigned long prot,
		     unsigned long flags, unsigned long fd, unsigned long pgoff);

#endif
