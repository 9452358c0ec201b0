/*
 * struct rusage as wait4, waitid and getrusage return it: Linux's layout, native (longs and
 * a 64-bit timeval: 144 bytes) and compat (32-bit fields: 72 bytes). The kernel keeps the
 * figures in struct rusage_times and writes them out in the caller's layout.
 */
#ifndef _LINUX_RUSAGE_H
#define _LINUX_RUSAGE_H

#include <linux/types.h>
#include <linux/compiler.h>

struct task_struct;

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)
#define RUSAGE_THREAD	1

struct rusage_times {
	u64 utime, stime;		/* nanoseconds */
	unsigned long nvcsw, nivcsw, min_flt, maj_flt, maxrss;
};

struct rusage;
struct compat_rusage;

/* A reaped child's use: its own threads' plus what it collected from its children. */
void rusage_of_exited(struct task_struct *p, struct rusage_times *ru);
int put_rusage(const struct rusage_times *ru, struct rusage __user *u);
int put_compat_rusage(const struct rusage_times *ru, struct compat_rusage __user *u);

#endif
