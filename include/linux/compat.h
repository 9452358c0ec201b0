/*
 * 32-bit (compat) syscalls on a 64-bit kernel: one syscall body serves both ABIs and asks
 * in_compat_syscall() where a user structure's layout differs (iovec, timespec, timeval).
 */
#ifndef _LINUX_COMPAT_H
#define _LINUX_COMPAT_H

#include <linux/sched.h>

static inline bool in_compat_syscall(void)
{
	return current_thread_info()->status & TS_COMPAT;
}

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
