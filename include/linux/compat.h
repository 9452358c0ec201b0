/*
 * 32-bit (compat) syscalls on a 64-bit kernel: i386 on x86_64, the arm EABI on arm64.
 *
 * Most syscalls take the same arguments in both ABIs, and one native body serves both (the
 * wrapper zero-extends each 32-bit register). Where a structure or an argument differs, the
 * .tbl's fifth column names a compat entry point, written once with COMPAT_SYSCALL_DEFINEn
 * below in compat_ types for both 32-bit ABIs; it converts and calls the helper the native
 * body uses (compat_sys_gettimeofday, compat_sys_sysinfo, compat_sys_lseek, ...).
 * in_compat_syscall() stays for what depends on the caller's ABI rather than on a layout
 * (where mmap places a mapping) and where Linux asks it too (a compat iovec array).
 */
#ifndef _LINUX_COMPAT_H
#define _LINUX_COMPAT_H

#include <linux/sched.h>
#include <linux/syscalls.h>

#ifdef TIF_32BIT
/*
 * arm64: the ABI is the task's, fixed at exec (TIF_32BIT, asm/thread_info.h): AArch32 code
 * can only make AArch32 syscalls.
 */
static inline bool is_compat_task(void)
{
	return current_thread_info()->flags & _TIF_32BIT;
}

static inline bool in_compat_syscall(void)
{
	return is_compat_task();
}
#else
/* x86: the entry route decides (TS_COMPAT): int $0x80 from 64-bit code is an i386 syscall. */
static inline bool in_compat_syscall(void)
{
	return current_thread_info()->status & TS_COMPAT;
}
#endif

/* The C types of a 32-bit ABI as the 64-bit kernel sees them (i386 and arm EABI agree). */
typedef u32 compat_size_t;
typedef s32 compat_ssize_t;
typedef s32 compat_int_t;
typedef s32 compat_pid_t;
typedef u32 compat_uint_t;
typedef s32 compat_long_t;
typedef u32 compat_ulong_t;
typedef s32 compat_off_t;
typedef s64 compat_loff_t;
typedef u32 compat_uptr_t;	/* a user pointer as a 32-bit program stores it */
typedef s32 old_time32_t;	/* time_t of the original 32-bit syscalls */

static inline void __user *compat_ptr(compat_uptr_t uptr)
{
	return (void __user *)(unsigned long)uptr;
}

/*
 * COMPAT_SYSCALL_DEFINEn(name, type1, arg1, ...) { body }: the compat entry point
 * compat_sys_name, in the three layers SYSCALL_DEFINEn has (linux/syscalls.h):
 *   __do_compat_sys_name(type1 arg1, ...)    the body, with compat_ types
 *   __se_compat_sys_name(long arg1, ...)     casts each register to its declared type: a
 *                                            compat_long_t or compat_off_t is the low 32 bits
 *                                            read as signed, so the body widens -1 to -1 (sign
 *                                            extension); unsigned types and pointers keep the
 *                                            zero-extended value
 *   __<abi>_compat_sys_name(const struct pt_regs *)   the arch wrapper (asm/syscall_wrapper.h):
 *                                            __ia32_compat_sys_name on x86,
 *                                            __arm64_compat_sys_name on arm64; each register
 *                                            of the 32-bit ABI cut to 32 bits (zero-extended)
 * plus __syscall_meta_compat_sys_name for the tracer, as SYSCALL_DEFINEn's metadata.
 */
#define COMPAT_SYSCALL_DEFINE0(sname)							\
	__SYSCALL_METADATA(compat_sys_##sname, _##sname, 0);				\
	__COMPAT_SYSCALL_DEFINE0(sname)

#define COMPAT_SYSCALL_DEFINE1(name, ...) COMPAT_SYSCALL_DEFINEx(1, _##name, __VA_ARGS__)
#define COMPAT_SYSCALL_DEFINE2(name, ...) COMPAT_SYSCALL_DEFINEx(2, _##name, __VA_ARGS__)
#define COMPAT_SYSCALL_DEFINE3(name, ...) COMPAT_SYSCALL_DEFINEx(3, _##name, __VA_ARGS__)
#define COMPAT_SYSCALL_DEFINE4(name, ...) COMPAT_SYSCALL_DEFINEx(4, _##name, __VA_ARGS__)
#define COMPAT_SYSCALL_DEFINE5(name, ...) COMPAT_SYSCALL_DEFINEx(5, _##name, __VA_ARGS__)
#define COMPAT_SYSCALL_DEFINE6(name, ...) COMPAT_SYSCALL_DEFINEx(6, _##name, __VA_ARGS__)

#define COMPAT_SYSCALL_DEFINEx(x, sname, ...)						\
	__SYSCALL_METADATA(compat_sys##sname, sname, x, __VA_ARGS__);			\
	__COMPAT_SYSCALL_DEFINEx(x, sname, __VA_ARGS__)

/* The common tail of the arch's compat wrapper: __se_compat_ casts, __do_compat_ is the body. */
#define __COMPAT_SYSCALL_SE_DO(x, name, ...)						\
	static long __se_compat_sys##name(__MAP(x, __SC_LONG, __VA_ARGS__));		\
	static inline long __do_compat_sys##name(__MAP(x, __SC_DECL, __VA_ARGS__));	\
	static long __se_compat_sys##name(__MAP(x, __SC_LONG, __VA_ARGS__))		\
	{										\
		return __do_compat_sys##name(__MAP(x, __SC_CAST, __VA_ARGS__));		\
	}										\
	static inline long __do_compat_sys##name(__MAP(x, __SC_DECL, __VA_ARGS__))

struct compat_iovec {
	compat_uptr_t iov_base;
	compat_size_t iov_len;
};

struct old_timespec32 {
	s32 tv_sec;
	s32 tv_nsec;
};

struct old_timeval32 {
	s32 tv_sec;
	s32 tv_usec;
};


/* ---- signals, as the 32-bit ABIs (i386, arm) lay them out (issue 13) ---- */

/* The 64-bit sigset_t as two 32-bit words: the same bytes on little-endian i386 and arm. */
typedef struct {
	u32 sig[2];
} compat_sigset_t;

typedef union compat_sigval {
	compat_int_t sival_int;
	compat_uptr_t sival_ptr;
} compat_sigval_t;

/* rt_sigaction's struct on i386 and arm: handler, flags, restorer, mask. */
struct compat_sigaction {
	compat_uptr_t sa_handler;
	compat_ulong_t sa_flags;
	compat_uptr_t sa_restorer;
	compat_sigset_t sa_mask;
};

/* The old sigaction(2) of i386 and arm: handler, a one-word mask, flags, restorer. */
struct compat_old_sigaction {
	compat_uptr_t sa_handler;
	u32 sa_mask;			/* compat_old_sigset_t */
	compat_ulong_t sa_flags;
	compat_uptr_t sa_restorer;
};

typedef struct compat_sigaltstack {
	compat_uptr_t ss_sp;
	int ss_flags;
	compat_size_t ss_size;
} compat_stack_t;

/* user: the 32-bit siginfo_t, 128 bytes; copy_siginfo_to_user32() fills it. */
struct compat_siginfo {
	int si_signo;
	int si_errno;
	int si_code;
	union {
		int _pad[128 / sizeof(int) - 3];
		struct { compat_pid_t pid; u32 uid; } kill;
		struct { compat_int_t tid; int overrun; compat_sigval_t sigval; } timer;
		struct { compat_pid_t pid; u32 uid; compat_sigval_t sigval; } rt;
		struct {
			compat_pid_t pid;
			u32 uid;
			int status;
			compat_long_t utime, stime;
		} sigchld;
		struct {
			compat_uptr_t addr;
			union {
				short addr_lsb;
				struct { char pad[4]; compat_uptr_t lower, upper; } addr_bnd;
				struct { char pad[4]; u32 pkey; } addr_pkey;
				struct { compat_ulong_t data; u32 type, flags; } perf;
			};
		} sigfault;
		struct { compat_long_t band; int fd; } sigpoll;
		struct { compat_uptr_t call_addr; int syscall; u32 arch; } sigsys;
	} _sifields;
};

struct kernel_siginfo;
int copy_siginfo_to_user32(struct compat_siginfo __user *to, const struct kernel_siginfo *from);
int copy_siginfo_from_user32(int sig, struct kernel_siginfo *to,
			     const struct compat_siginfo __user *from);
void copy_siginfo_to_external32(struct compat_siginfo *to, const struct kernel_siginfo *from);
int __compat_save_altstack(compat_stack_t __user *uss, unsigned long sp);
int compat_restore_altstack(const compat_stack_t __user *uss);
/* compat_sigset_t <-> sigset_t (the 32-bit ABIs' masks are 2 words); 0 or -EFAULT */
int get_compat_sigset(sigset_t *set, const compat_sigset_t __user *compat);
int put_compat_sigset(compat_sigset_t __user *compat, const sigset_t *set, unsigned int size);

#endif
