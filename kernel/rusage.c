// SPDX-License-Identifier: GPL-2.0
/* Resource usage figures in Linux's struct rusage, native and compat (linux/rusage.h). */
#include <linux/kernel.h>
#include <linux/rusage.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/compat.h>

struct rusage {
	struct { long tv_sec, tv_usec; } ru_utime, ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

struct compat_rusage {
	struct { s32 tv_sec, tv_usec; } ru_utime, ru_stime;
	s32 ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	s32 ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

_Static_assert(sizeof(struct rusage) == 144, "struct rusage is 144 bytes on 64-bit ABIs");
_Static_assert(sizeof(struct compat_rusage) == 72, "struct compat_rusage is 72 bytes");

/* Under tasklist_lock, with p a zombie whose threads are all gone. */
void rusage_of_exited(struct task_struct *p, struct rusage_times *ru)
{
	struct signal_struct *s = p->signal;

	ru->utime = p->utime + s->utime + s->cutime;
	ru->stime = p->stime + s->stime + s->cstime;
	ru->nvcsw = p->nvcsw + s->nvcsw + s->cnvcsw;
	ru->nivcsw = p->nivcsw + s->nivcsw + s->cnivcsw;
	ru->min_flt = p->min_flt + s->min_flt + s->cmin_flt;
	ru->maj_flt = p->maj_flt + s->maj_flt + s->cmaj_flt;
	ru->maxrss = s->cmaxrss;
}

/*
 * The figures in either layout: the same fields, names and order, only the widths differ,
 * so one macro fills both.
 */
#define FILL_RUSAGE(r, ru) do {							\
	memset(&(r), 0, sizeof(r));						\
	(r).ru_utime.tv_sec = (ru)->utime / 1000000000;				\
	(r).ru_utime.tv_usec = (ru)->utime % 1000000000 / 1000;			\
	(r).ru_stime.tv_sec = (ru)->stime / 1000000000;				\
	(r).ru_stime.tv_usec = (ru)->stime % 1000000000 / 1000;			\
	(r).ru_maxrss = (ru)->maxrss;						\
	(r).ru_minflt = (ru)->min_flt;						\
	(r).ru_majflt = (ru)->maj_flt;						\
	(r).ru_nvcsw = (ru)->nvcsw;						\
	(r).ru_nivcsw = (ru)->nivcsw;						\
} while (0)

int put_rusage(const struct rusage_times *ru, struct rusage __user *u)
{
	struct rusage r;

	FILL_RUSAGE(r, ru);
	return copy_to_user(u, &r, sizeof(r)) ? -EFAULT : 0;
}

int put_compat_rusage(const struct rusage_times *ru, struct compat_rusage __user *u)
{
	struct compat_rusage r;

	FILL_RUSAGE(r, ru);
	return copy_to_user(u, &r, sizeof(r)) ? -EFAULT : 0;
}
