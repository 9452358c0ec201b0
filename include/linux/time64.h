/* Seconds and nanoseconds in the kernel: file times, timeouts. The user layouts
 * (__kernel_timespec, old_timespec32) are converted at the syscall boundary. */
#ifndef _LINUX_TIME64_H
#define _LINUX_TIME64_H

#include <linux/types.h>

struct timespec64 {
	s64 tv_sec;
	long tv_nsec;
};

#endif
