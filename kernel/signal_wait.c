// SPDX-License-Identifier: GPL-2.0
/*
 * Waiting for signals and sending them with a siginfo: pause, rt_sigsuspend (and the old
 * 3-argument sigsuspend of i386 and arm), rt_sigtimedwait with its time32/time64 compat
 * forms, rt_sigqueueinfo and rt_tgsigqueueinfo.
 *
 * How a signal ends each wait: pause and sigsuspend return -ERESTARTNOHAND (a handler runs
 * and the caller sees EINTR; with none the call starts again), sigsuspend's mask stays in
 * place until the handler's frame has saved it (set_restore_sigmask). rt_sigtimedwait takes
 * a signal of its set itself; another signal ends it with EINTR, the timeout with EAGAIN.
 */
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/compat.h>
#include <linux/uaccess.h>
#include <linux/timekeeping.h>
#include <linux/jiffies.h>
#include <linux/errno.h>
#include "signal_internal.h"

#define NSEC_PER_SEC_L	1000000000L

/* Sleep interruptibly until a signal is pending (the scheduler keeps us runnable then). */
static void sleep_until_signal(void)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current))
			break;
		schedule();
	}
	current->__state = TASK_RUNNING;
}

SYSCALL_DEFINE0(pause)
{
	sleep_until_signal();
	return -ERESTARTNOHAND;
}

/* The mask now becomes *set until a signal comes; the old one returns after its handler. */
static long sigsuspend(sigset_t *set)
{
	current->saved_sigmask = current->blocked;
	set_current_blocked(set);
	sleep_until_signal();
	set_restore_sigmask();
	return -ERESTARTNOHAND;
}

SYSCALL_DEFINE2(rt_sigsuspend, sigset_t __user *, unewset, size_t, sigsetsize)
{
	sigset_t newset;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&newset, unewset, sizeof(newset)))
		return -EFAULT;
	return sigsuspend(&newset);
}

COMPAT_SYSCALL_DEFINE2(rt_sigsuspend, compat_sigset_t __user *, unewset, compat_size_t, sigsetsize)
{
	sigset_t newset;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (get_compat_sigset(&newset, unewset))
		return -EFAULT;
	return sigsuspend(&newset);
}

/* i386 and arm: the old form, the one-word mask in the third argument (Linux's OLD_SIGSUSPEND3). */
SYSCALL_DEFINE3(sigsuspend, int, unused1, int, unused2, u32, mask)
{
	sigset_t blocked = { { mask } };

	return sigsuspend(&blocked);
}

/* ---- rt_sigtimedwait ------------------------------------------------------------------ */

/*
 * Take a signal of *which, waiting up to timeout_ns (~0: forever, 0: not at all). While it
 * waits the signals of the set are unblocked (real_blocked keeps the mask), so a sender
 * wakes it; it takes them itself rather than running their default action or handler.
 */
static int do_sigtimedwait(const sigset_t *which, kernel_siginfo_t *info, u64 timeout_ns)
{
	struct sighand_struct *sh = current->sighand;
	sigset_t mask = { { ~which->sig[0] | SIG_KERNEL_ONLY_MASK } };
	u64 now = ktime_get_ns();
	/* Saturate: a timeout past the clock's range is forever, never a wrapped deadline. */
	u64 deadline = timeout_ns >= ~0ULL - now ? ~0ULL : now + timeout_ns;
	bool timed_out = false;
	int sig;

	spin_lock_irq(&sh->siglock);
	sig = dequeue_signal(current, &mask, info);
	if (!sig && timeout_ns) {
		current->real_blocked = current->blocked;
		current->blocked.sig[0] &= mask.sig[0];
		recalc_sigpending();
		spin_unlock_irq(&sh->siglock);
		for (;;) {
			set_current_state(TASK_INTERRUPTIBLE);
			if (signal_pending(current))
				break;
			now = ktime_get_ns();
			if (now >= deadline) {
				timed_out = true;
				break;
			}
			if (deadline == ~0ULL)
				schedule();
			else
				schedule_timeout((deadline - now + TICK_NSEC - 1) / TICK_NSEC);
		}
		current->__state = TASK_RUNNING;
		spin_lock_irq(&sh->siglock);
		current->blocked = current->real_blocked;
		sigemptyset(&current->real_blocked);
		sig = dequeue_signal(current, &mask, info);
	}
	spin_unlock_irq(&sh->siglock);
	if (sig)
		return sig;
	return timeout_ns && !timed_out ? -EINTR : -EAGAIN;
}

/* A timeout as the caller gave it: ~0 for none, -EINVAL for a bad one. */
static int timeout_of(s64 sec, long nsec, u64 *ns)
{
	if (sec < 0 || nsec < 0 || nsec >= NSEC_PER_SEC_L)
		return -EINVAL;
	*ns = sec > (s64)(~0ULL / 2 / NSEC_PER_SEC_L) ? ~0ULL - 1 : (u64)sec * NSEC_PER_SEC_L + nsec;
	return 0;
}

struct kernel_timespec64 {
	s64 tv_sec;
	long long tv_nsec;
};

static int get_timeout64(const struct kernel_timespec64 __user *uts, u64 *ns)
{
	struct kernel_timespec64 ts;

	*ns = ~0ULL;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	/* a 32-bit program's tv_nsec is 32 bits; the upper half is padding (Linux) */
	return timeout_of(ts.tv_sec, in_compat_syscall() ? (long)(s32)ts.tv_nsec : (long)ts.tv_nsec, ns);
}

static int get_timeout32(const struct old_timespec32 __user *uts, u64 *ns)
{
	struct old_timespec32 ts;

	*ns = ~0ULL;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, uts, sizeof(ts)))
		return -EFAULT;
	return timeout_of(ts.tv_sec, ts.tv_nsec, ns);
}

SYSCALL_DEFINE4(rt_sigtimedwait, const sigset_t __user *, uthese, siginfo_t __user *, uinfo,
		const struct kernel_timespec64 __user *, uts, size_t, sigsetsize)
{
	kernel_siginfo_t info;
	sigset_t these;
	u64 ns;
	int ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&these, uthese, sizeof(these)))
		return -EFAULT;
	ret = get_timeout64(uts, &ns);
	if (ret)
		return ret;
	ret = do_sigtimedwait(&these, &info, ns);
	if (ret > 0 && uinfo && copy_siginfo_to_user(uinfo, &info))
		ret = -EFAULT;
	return ret;
}

static long compat_sigtimedwait(const compat_sigset_t __user *uthese,
				struct compat_siginfo __user *uinfo, u64 ns)
{
	kernel_siginfo_t info;
	sigset_t these;
	int ret;

	if (get_compat_sigset(&these, uthese))
		return -EFAULT;
	ret = do_sigtimedwait(&these, &info, ns);
	if (ret > 0 && uinfo && copy_siginfo_to_user32(uinfo, &info))
		ret = -EFAULT;
	return ret;
}

COMPAT_SYSCALL_DEFINE4(rt_sigtimedwait_time32, const compat_sigset_t __user *, uthese,
		       struct compat_siginfo __user *, uinfo,
		       const struct old_timespec32 __user *, uts, compat_size_t, sigsetsize)
{
	compat_sigset_t check;
	u64 ns;
	int ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&check, uthese, sizeof(check)))
		return -EFAULT;
	ret = get_timeout32(uts, &ns);
	return ret ? ret : compat_sigtimedwait(uthese, uinfo, ns);
}

COMPAT_SYSCALL_DEFINE4(rt_sigtimedwait_time64, const compat_sigset_t __user *, uthese,
		       struct compat_siginfo __user *, uinfo,
		       const struct kernel_timespec64 __user *, uts, compat_size_t, sigsetsize)
{
	compat_sigset_t check;
	u64 ns;
	int ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (copy_from_user(&check, uthese, sizeof(check)))
		return -EFAULT;
	ret = get_timeout64(uts, &ns);
	return ret ? ret : compat_sigtimedwait(uthese, uinfo, ns);
}

/* ---- rt_sigqueueinfo, rt_tgsigqueueinfo --------------------------------------------- */

/*
 * Nobody may pretend to be the kernel (si_code >= 0) or kill/tgkill (SI_TKILL) towards
 * another thread: Linux's rule, EPERM.
 */
static bool may_forge(const kernel_siginfo_t *info, pid_t pid)
{
	return (info->si_code < 0 && info->si_code != SI_TKILL) || pid == current->pid;
}

static long do_rt_sigqueueinfo(pid_t pid, int sig, kernel_siginfo_t *info)
{
	if (!may_forge(info, pid))
		return -EPERM;
	return kill_proc_info(sig, info, pid);
}

static long do_rt_tgsigqueueinfo(pid_t tgid, pid_t pid, int sig, kernel_siginfo_t *info)
{
	if (pid <= 0 || tgid <= 0)
		return -EINVAL;
	if (!may_forge(info, pid))
		return -EPERM;
	return do_send_specific(tgid, pid, sig, info);
}

SYSCALL_DEFINE3(rt_sigqueueinfo, pid_t, pid, int, sig, siginfo_t __user *, uinfo)
{
	kernel_siginfo_t info;
	int ret;

	ret = copy_siginfo_from_user(sig, &info, uinfo);
	if (ret)
		return ret;
	return do_rt_sigqueueinfo(pid, sig, &info);
}

COMPAT_SYSCALL_DEFINE3(rt_sigqueueinfo, compat_pid_t, pid, int, sig,
		       struct compat_siginfo __user *, uinfo)
{
	kernel_siginfo_t info;
	int ret;

	ret = copy_siginfo_from_user32(sig, &info, uinfo);
	if (ret)
		return ret;
	return do_rt_sigqueueinfo(pid, sig, &info);
}

SYSCALL_DEFINE4(rt_tgsigqueueinfo, pid_t, tgid, pid_t, pid, int, sig, siginfo_t __user *, uinfo)
{
	kernel_siginfo_t info;
	int ret;

	ret = copy_siginfo_from_user(sig, &info, uinfo);
	if (ret)
		return ret;
	return do_rt_tgsigqueueinfo(tgid, pid, sig, &info);
}

COMPAT_SYSCALL_DEFINE4(rt_tgsigqueueinfo, compat_pid_t, tgid, compat_pid_t, pid, int, sig,
		       struct compat_siginfo __user *, uinfo)
{
	kernel_siginfo_t info;
	int ret;

	ret = copy_siginfo_from_user32(sig, &info, uinfo);
	if (ret)
		return ret;
	return do_rt_tgsigqueueinfo(tgid, pid, sig, &info);
}
