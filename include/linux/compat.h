/*
 * 32-bit (compat) syscalls on a 64-bit kernel: one syscall body serves both ABIs and asks
 * in_compat_syscall() where a user structure's layout differs (iovec, timespec, timeval).
 */
#ifndef _LINUX_COMPAT_H
#define _LINUX_COMPAT_H

#include <linux/sched.h>

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

struct compat_iovec {
	u32 iov_base;
	u32 iov_len;
};

struct old_timespec32 {
	s32 tv_sec;
	s32 tv_nsec;
};

struct old_timeval32 {
	s32 tv_sec;
	s32 tv_usec;
};

#endif
