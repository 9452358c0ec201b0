// SPDX-License-Identifier: GPL-2.0
/*
 * Resource limits and usage: getrlimit, setrlimit, prlimit64 (and the 32-bit ABIs' forms),
 * getrusage and times.
 *
 * A process's limits live in its signal_struct, shared by its threads; fork copies them
 * (kernel/fork.c) and init_task_rlimits() gives the first process Linux's boot values.
 * They are read and written under tasklist_lock, as prlimit64 may change another process's.
 * Rules (Linux 6.1): a resource number from RLIM_NLIMITS up is EINVAL; a soft limit above
 * the hard one is EINVAL; an RLIMIT_NOFILE hard limit above NR_OPEN_MAX is EPERM even for
 * root; raising a hard limit needs CAP_SYS_RESOURCE (euid 0), else EPERM. Lowering is
 * always allowed and cannot be undone without the capability.
 *
 * Who enforces what (this file only stores the numbers):
 *   RLIMIT_NPROC    fork (kernel/fork.c)           RLIMIT_NOFILE   the file table (fs/file.c)
 *   RLIMIT_STACK    exec: a quarter of it for the arguments and environment (fs/exec.c)
 *   RLIMIT_FSIZE    writes and truncates of regular files, with SIGXFSZ (fs/read_write.c's
 *                   generic_write_check_limits, fs/attr.c's inode_newsize_ok)
 *   not yet         RLIMIT_AS and RLIMIT_DATA (mmap, brk), RLIMIT_STACK as the main stack's
 *                   size, RLIMIT_CPU (no SIGXCPU timer: the signals issue), RLIMIT_MEMLOCK;
 *                   the others limit nothing Ferry has
 *
 * Usage (getrusage, times): times are kept in nanoseconds per task (utime/stime, charged by
 * the tick); a process's are the sum of its live threads' and of those that already exited
 * (signal->utime/stime); its children's are what wait added when it reaped them
 * (signal->cutime/cstime). The structures and their copy-out are linux/rusage.h's, which
 * wait4 and waitid share.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/resource.h>
#include <linux/rusage.h>
#include <linux/syscalls.h>
#include <linux/compat.h>
#include <linux/uaccess.h>
#include <linux/jiffies.h>

#define NSEC_PER_SEC	1000000000ULL
#define NSEC_PER_USEC	1000ULL
#define USER_HZ		100	/* clock_t ticks per second, every ABI */
#define _STK_LIM	(8UL << 20)
#define MLOCK_LIMIT	(8UL << 20)
#define MQ_BYTES_MAX	819200
#define INR_OPEN_CUR	1024
#define INR_OPEN_MAX	4096

/* What 32-bit programs see as unlimited: ugetrlimit/setrlimit, and the original getrlimit. */
#define COMPAT_RLIM_INFINITY		0xffffffffU
#define COMPAT_RLIM_OLD_INFINITY	0x7fffffffU

void init_task_rlimits(struct signal_struct *sig)
{
	unsigned long nproc = max_threads / 2;

	for (int i = 0; i < RLIM_NLIMITS; i++)
		sig->rlim[i] = (struct rlimit){ RLIM_INFINITY, RLIM_INFINITY };
	sig->rlim[RLIMIT_STACK].rlim_cur = _STK_LIM;
	sig->rlim[RLIMIT_CORE].rlim_cur = 0;
	sig->rlim[RLIMIT_NPROC] = (struct rlimit){ nproc, nproc };
	sig->rlim[RLIMIT_NOFILE] = (struct rlimit){ INR_OPEN_CUR, INR_OPEN_MAX };
	sig->rlim[RLIMIT_MEMLOCK] = (struct rlimit){ MLOCK_LIMIT, MLOCK_LIMIT };
	sig->rlim[RLIMIT_SIGPENDING] = (struct rlimit){ nproc, nproc };
	sig->rlim[RLIMIT_MSGQUEUE] = (struct rlimit){ MQ_BYTES_MAX, MQ_BYTES_MAX };
	sig->rlim[RLIMIT_NICE] = (struct rlimit){ 0, 0 };
	sig->rlim[RLIMIT_RTPRIO] = (struct rlimit){ 0, 0 };
}

/* ---- limits --------------------------------------------------------------------------- */

/* The checks that need no lock: EINVAL, then NOFILE's ceiling (EPERM). */
static int check_rlimit(unsigned int resource, const struct rlimit *new)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (new) {
		if (new->rlim_cur > new->rlim_max)
			return -EINVAL;
		if (resource == RLIMIT_NOFILE && new->rlim_max > NR_OPEN_MAX)
			return -EPERM;
	}
	return 0;
}

/* Read and/or replace one limit of tsk's process; tasklist_lock held, resource checked. */
static int __do_prlimit(struct task_struct *tsk, unsigned int resource,
			const struct rlimit *new, struct rlimit *old)
{
	struct rlimit *rlim = &tsk->signal->rlim[resource];

	if (new && new->rlim_max > rlim->rlim_max && !capable(CAP_SYS_RESOURCE))
		return -EPERM;
	if (old)
		*old = *rlim;
	if (new)
		*rlim = *new;
	return 0;
}

/* The same for the calling process. */
static int do_prlimit(unsigned int resource, const struct rlimit *new, struct rlimit *old)
{
	unsigned long flags;
	int err = check_rlimit(resource, new);

	if (err)
		return err;
	spin_lock_irqsave(&tasklist_lock, flags);
	err = __do_prlimit(current, resource, new, old);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct rlimit __user *, rlim)
{
	struct rlimit r;
	int err = do_prlimit(resource, NULL, &r);

	if (err)
		return err;
	return copy_to_user(rlim, &r, sizeof(r)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(setrlimit, unsigned int, resource, struct rlimit __user *, rlim)
{
	struct rlimit r;

	if (copy_from_user(&r, rlim, sizeof(r)))
		return -EFAULT;
	return do_prlimit(resource, &r, NULL);
}

/*
 * May the caller change or read the limits of t? Its own process; a process whose real,
 * effective and saved uids all equal the caller's real uid and whose gids its real gid;
 * or any process with CAP_SYS_RESOURCE. tasklist_lock held.
 */
static bool may_prlimit(const struct task_struct *t)
{
	const struct cred *c = &current->cred, *tc = &t->cred;

	if (t->signal == current->signal)
		return true;
	if (c->uid == tc->uid && c->uid == tc->euid && c->uid == tc->suid &&
	    c->gid == tc->gid && c->gid == tc->egid && c->gid == tc->sgid)
		return true;
	return capable(CAP_SYS_RESOURCE);
}

/* The 64-bit limits of every ABI: the same layout as the native struct rlimit here. */
SYSCALL_DEFINE4(prlimit64, pid_t, pid, unsigned int, resource,
		const struct rlimit64 __user *, new_rlim, struct rlimit64 __user *, old_rlim)
{
	struct rlimit64 new64, old64;
	struct rlimit new, old;
	struct task_struct *t;
	unsigned long flags;
	int err;

	if (new_rlim) {
		if (copy_from_user(&new64, new_rlim, sizeof(new64)))
			return -EFAULT;
		new = (struct rlimit){ new64.rlim_cur, new64.rlim_max };
	}
	spin_lock_irqsave(&tasklist_lock, flags);
	t = pid ? (pid > 0 ? find_task_by_pid(pid) : NULL) : current;
	err = -ESRCH;
	if (t && t->signal) {
		err = may_prlimit(t) ? 0 : -EPERM;
		if (!err)
			err = check_rlimit(resource, new_rlim ? &new : NULL);
		if (!err)
			err = __do_prlimit(t, resource, new_rlim ? &new : NULL,
					   old_rlim ? &old : NULL);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!err && old_rlim) {
		old64 = (struct rlimit64){ old.rlim_cur, old.rlim_max };
		if (copy_to_user(old_rlim, &old64, sizeof(old64)))
			err = -EFAULT;
	}
	return err;
}

/* The 32-bit ABIs' struct rlimit: two 32-bit words. */
struct compat_rlimit {
	compat_ulong_t rlim_cur;
	compat_ulong_t rlim_max;
};

static compat_ulong_t rlim_to_compat(unsigned long v, compat_ulong_t infinity)
{
	return v > infinity ? infinity : v;
}

/* i386's and arm's setrlimit: 0xffffffff means unlimited. */
COMPAT_SYSCALL_DEFINE2(setrlimit, unsigned int, resource, struct compat_rlimit __user *, rlim)
{
	struct compat_rlimit r32;
	struct rlimit r;

	if (copy_from_user(&r32, rlim, sizeof(r32)))
		return -EFAULT;
	r.rlim_cur = r32.rlim_cur == COMPAT_RLIM_INFINITY ? RLIM_INFINITY : r32.rlim_cur;
	r.rlim_max = r32.rlim_max == COMPAT_RLIM_INFINITY ? RLIM_INFINITY : r32.rlim_max;
	return do_prlimit(resource, &r, NULL);
}

/* A 32-bit getrlimit: a limit that does not fit reads as the ABI's infinity. */
static long compat_getrlimit(unsigned int resource, struct compat_rlimit __user *rlim,
			     compat_ulong_t infinity)
{
	struct compat_rlimit r32;
	struct rlimit r;
	int err = do_prlimit(resource, NULL, &r);

	if (err)
		return err;
	r32.rlim_cur = rlim_to_compat(r.rlim_cur, infinity);
	r32.rlim_max = rlim_to_compat(r.rlim_max, infinity);
	return copy_to_user(rlim, &r32, sizeof(r32)) ? -EFAULT : 0;
}

/* i386's ugetrlimit (191) and arm's: unlimited is 0xffffffff. */
COMPAT_SYSCALL_DEFINE2(getrlimit, unsigned int, resource, struct compat_rlimit __user *, rlim)
{
	return compat_getrlimit(resource, rlim, COMPAT_RLIM_INFINITY);
}

/* i386's original getrlimit (76), from when limits were signed: unlimited is 0x7fffffff. */
COMPAT_SYSCALL_DEFINE2(old_getrlimit, unsigned int, resource, struct compat_rlimit __user *, rlim)
{
	return compat_getrlimit(resource, rlim, COMPAT_RLIM_OLD_INFINITY);
}

/* ---- usage ---------------------------------------------------------------------------- */

static void add_task_usage(struct rusage_times *u, const struct task_struct *t)
{
	u->utime += t->utime;
	u->stime += t->stime;
	u->nvcsw += t->nvcsw;
	u->nivcsw += t->nivcsw;
	u->min_flt += t->min_flt;
	u->maj_flt += t->maj_flt;
}

/* A process: its live threads and the threads that already exited. tasklist_lock held. */
static void add_process_usage(struct rusage_times *u, const struct task_struct *p)
{
	const struct signal_struct *sig = p->signal;
	const struct task_struct *t;

	u->utime += sig->utime;
	u->stime += sig->stime;
	u->nvcsw += sig->nvcsw;
	u->nivcsw += sig->nivcsw;
	u->min_flt += sig->min_flt;
	u->maj_flt += sig->maj_flt;
	list_for_each_entry(t, &sig->thread_head, thread_node)
		add_task_usage(u, t);
}

/*
 * getrusage's figures for the caller. ru_maxrss of the process itself is not reported yet
 * (0): the mm keeps no resident-set high-water mark; that of the children is what wait
 * recorded when it reaped them (signal->cmaxrss, KiB).
 */
static long current_rusage(int who, struct rusage_times *u)
{
	const struct signal_struct *sig = current->signal;
	unsigned long flags;

	memset(u, 0, sizeof(*u));
	spin_lock_irqsave(&tasklist_lock, flags);
	switch (who) {
	case RUSAGE_THREAD:
		add_task_usage(u, current);
		break;
	case RUSAGE_SELF:
		add_process_usage(u, current);
		break;
	case RUSAGE_CHILDREN:
		u->utime = sig->cutime;
		u->stime = sig->cstime;
		u->nvcsw = sig->cnvcsw;
		u->nivcsw = sig->cnivcsw;
		u->min_flt = sig->cmin_flt;
		u->maj_flt = sig->cmaj_flt;
		u->maxrss = sig->cmaxrss;
		break;
	default:
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return -EINVAL;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

SYSCALL_DEFINE2(getrusage, int, who, struct rusage __user *, ru)
{
	struct rusage_times u;
	long err = current_rusage(who, &u);

	return err ? err : put_rusage(&u, ru);
}

COMPAT_SYSCALL_DEFINE2(getrusage, int, who, struct compat_rusage __user *, ru)
{
	struct rusage_times u;
	long err = current_rusage(who, &u);

	return err ? err : put_compat_rusage(&u, ru);
}

/* ---- times ---------------------------------------------------------------------------- */

/*
 * Linux starts its jiffies 300 s before zero (INITIAL_JIFFIES, as a 32-bit value), so that
 * code mishandling the wrap fails in the first minutes after boot; times() returns that
 * count in clock_t. Ferry's jiffies start at 0: add the same offset so times() answers as
 * Linux's would (on a 32-bit ABI the value is negative for the first 300 s, as on Linux
 * with HZ=100).
 */
#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * HZ))

static unsigned long jiffies_to_clock_t(unsigned long j)
{
	if (HZ % USER_HZ == 0)
		return j / (HZ / USER_HZ);
	return j * USER_HZ / HZ;
}

static long ns_to_clock_t(u64 ns)
{
	return ns / (NSEC_PER_SEC / USER_HZ);
}

struct tms {
	long tms_utime, tms_stime, tms_cutime, tms_cstime;	/* clock_t */
};

struct compat_tms {
	s32 tms_utime, tms_stime, tms_cutime, tms_cstime;	/* compat_clock_t */
};

static void do_sys_times(struct tms *tms)
{
	struct rusage_times u = { 0 };
	unsigned long flags;
	u64 cutime, cstime;

	spin_lock_irqsave(&tasklist_lock, flags);
	add_process_usage(&u, current);
	cutime = current->signal->cutime;
	cstime = current->signal->cstime;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	tms->tms_utime = ns_to_clock_t(u.utime);
	tms->tms_stime = ns_to_clock_t(u.stime);
	tms->tms_cutime = ns_to_clock_t(cutime);
	tms->tms_cstime = ns_to_clock_t(cstime);
}

static long times_now(void)
{
	return jiffies_to_clock_t(INITIAL_JIFFIES + jiffies);
}

/* NULL is allowed: only the tick count is wanted. */
SYSCALL_DEFINE1(times, struct tms __user *, tbuf)
{
	struct tms t;

	if (tbuf) {
		do_sys_times(&t);
		if (copy_to_user(tbuf, &t, sizeof(t)))
			return -EFAULT;
	}
	return times_now();
}

COMPAT_SYSCALL_DEFINE1(times, struct compat_tms __user *, tbuf)
{
	struct compat_tms t32;
	struct tms t;

	if (tbuf) {
		do_sys_times(&t);
		t32 = (struct compat_tms){ t.tms_utime, t.tms_stime, t.tms_cutime, t.tms_cstime };
		if (copy_to_user(tbuf, &t32, sizeof(t32)))
			return -EFAULT;
	}
	return (s32)times_now();
}
