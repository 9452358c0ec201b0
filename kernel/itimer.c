// SPDX-License-Identifier: GPL-2.0
/*
 * ITIMER_REAL and alarm: one timer per process on the kernel's timer list (tick resolution),
 * sending SIGALRM (SI_KERNEL) to the process when it expires and re-arming itself by the
 * interval. setitimer/getitimer/alarm and their compat forms. ITIMER_VIRTUAL and
 * ITIMER_PROF are not implemented (EINVAL; docs/signals.md).
 *
 * The state is signal->it_real_expires / it_real_incr (ns of CLOCK_MONOTONIC, 0: off) under
 * siglock; the timer callback runs from the timer interrupt and takes tasklist_lock then
 * siglock, like every sender. The timer is allocated at the first setitimer and freed
 * with the process (itimer_exit, from release_task).
 */
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/timekeeping.h>
#include <linux/syscalls.h>
#include <linux/compat.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include "signal_internal.h"

#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2
#define NSEC_PER_USEC_L	1000ULL
#define NSEC_PER_SEC_L	1000000000ULL

struct real_timer {
	struct timer_list timer;
	struct signal_struct *sig;
};

/* Put the timer on the list for expires (ns); siglock held, the timer not pending. */
static void arm(struct real_timer *rt, u64 expires, u64 now)
{
	u64 ticks = expires > now ? (expires - now + TICK_NSEC - 1) / TICK_NSEC : 0;

	rt->timer.expires = jiffies + (ticks ? ticks : 1);
	add_timer(&rt->timer);
}

static void it_real_fn(struct timer_list *t)
{
	struct real_timer *rt = container_of(t, struct real_timer, timer);
	struct signal_struct *sig = rt->sig;
	struct task_struct *p;
	unsigned long flags;
	u64 now;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (list_empty(&sig->thread_head))
		goto out;		/* the process is gone: itimer_exit frees us */
	p = list_first_entry(&sig->thread_head, struct task_struct, thread_node);
	spin_lock(&p->sighand->siglock);
	now = ktime_get_ns();
	if (!sig->it_real_expires || t->pending) {
		/* disarmed, or re-armed by setitimer meanwhile */
	} else if (now < sig->it_real_expires) {
		arm(rt, sig->it_real_expires, now);	/* the tick came early */
	} else {
		send_signal_locked(SIGALRM, SEND_SIG_PRIV, p, true);
		if (sig->it_real_incr) {
			sig->it_real_expires += sig->it_real_incr;
			if (sig->it_real_expires <= now)
				sig->it_real_expires = now + sig->it_real_incr;
			arm(rt, sig->it_real_expires, now);
		} else {
			sig->it_real_expires = 0;
		}
	}
	spin_unlock(&p->sighand->siglock);
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* The process is being freed (no thread left): stop and free its timer. */
void itimer_exit(struct signal_struct *sig)
{
	if (sig->real_timer) {
		del_timer_sync(sig->real_timer);
		kfree(container_of(sig->real_timer, struct real_timer, timer));
		sig->real_timer = NULL;
	}
}

/* An itimer in ns: value (time to the first expiry, 0 off) and interval. */
struct itimer_ns {
	u64 value, interval;
};

static int do_getitimer(int which, struct itimer_ns *v)
{
	struct signal_struct *sig = current->signal;
	unsigned long flags;

	if (which != ITIMER_REAL)
		return -EINVAL;
	spin_lock_irqsave(&current->sighand->siglock, flags);
	v->interval = sig->it_real_incr;
	v->value = 0;
	if (sig->it_real_expires) {
		u64 now = ktime_get_ns();

		/* armed but due: at least 1 us left, as Linux says */
		v->value = sig->it_real_expires > now ? sig->it_real_expires - now : NSEC_PER_USEC_L;
	}
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	return 0;
}

static int do_setitimer(int which, const struct itimer_ns *v, struct itimer_ns *old)
{
	struct signal_struct *sig = current->signal;
	struct real_timer *rt = NULL;
	unsigned long flags;
	u64 now;

	if (which != ITIMER_REAL)
		return -EINVAL;
	if (!sig->real_timer && v->value) {
		rt = kmalloc(sizeof(*rt), GFP_KERNEL);
		if (!rt)
			return -ENOMEM;
		timer_setup(&rt->timer, it_real_fn);
		rt->sig = sig;
	}
	if (old)
		do_getitimer(which, old);
	spin_lock_irqsave(&current->sighand->siglock, flags);
	if (rt && !sig->real_timer) {
		sig->real_timer = &rt->timer;
		rt = NULL;
	}
	if (sig->real_timer)
		del_timer(sig->real_timer);
	now = ktime_get_ns();
	sig->it_real_incr = v->value ? v->interval : 0;	/* disarming clears it, as Linux */
	sig->it_real_expires = v->value ? now + v->value : 0;
	if (v->value)
		arm(container_of(sig->real_timer, struct real_timer, timer), sig->it_real_expires, now);
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	kfree(rt);		/* another thread installed one first */
	return 0;
}

/* ---- the user layouts ------------------------------------------------------------------ */

struct kernel_itimerval {
	struct { long tv_sec, tv_usec; } it_interval, it_value;
};

struct old_itimerval32 {
	struct old_timeval32 it_interval, it_value;
};

static int tv_to_ns(s64 sec, s64 usec, u64 *ns)
{
	if (sec < 0 || usec < 0 || usec >= 1000000)
		return -EINVAL;
	*ns = sec > (s64)(~0ULL / 4 / NSEC_PER_SEC_L) ? ~0ULL / 4 :
	      (u64)sec * NSEC_PER_SEC_L + (u64)usec * NSEC_PER_USEC_L;
	return 0;
}

/* ns -> seconds and microseconds, rounded up to a microsecond */
static void ns_to_tv(u64 ns, s64 *sec, s64 *usec)
{
	u64 us = (ns + NSEC_PER_USEC_L - 1) / NSEC_PER_USEC_L;

	*sec = us / 1000000;
	*usec = us % 1000000;
}

static int get_itimerval(struct itimer_ns *v, const struct kernel_itimerval __user *u)
{
	struct kernel_itimerval k;

	if (copy_from_user(&k, u, sizeof(k)))
		return -EFAULT;
	if (tv_to_ns(k.it_value.tv_sec, k.it_value.tv_usec, &v->value) ||
	    tv_to_ns(k.it_interval.tv_sec, k.it_interval.tv_usec, &v->interval))
		return -EINVAL;
	return 0;
}

static int put_itimerval(struct kernel_itimerval __user *u, const struct itimer_ns *v)
{
	struct kernel_itimerval k;
	s64 s, us;

	ns_to_tv(v->value, &s, &us);
	k.it_value.tv_sec = s;
	k.it_value.tv_usec = us;
	ns_to_tv(v->interval, &s, &us);
	k.it_interval.tv_sec = s;
	k.it_interval.tv_usec = us;
	return copy_to_user(u, &k, sizeof(k)) ? -EFAULT : 0;
}

static int get_old_itimerval32(struct itimer_ns *v, const struct old_itimerval32 __user *u)
{
	struct old_itimerval32 k;

	if (copy_from_user(&k, u, sizeof(k)))
		return -EFAULT;
	if (tv_to_ns(k.it_value.tv_sec, k.it_value.tv_usec, &v->value) ||
	    tv_to_ns(k.it_interval.tv_sec, k.it_interval.tv_usec, &v->interval))
		return -EINVAL;
	return 0;
}

static int put_old_itimerval32(struct old_itimerval32 __user *u, const struct itimer_ns *v)
{
	struct old_itimerval32 k;
	s64 s, us;

	ns_to_tv(v->value, &s, &us);
	k.it_value.tv_sec = s;
	k.it_value.tv_usec = us;
	ns_to_tv(v->interval, &s, &us);
	k.it_interval.tv_sec = s;
	k.it_interval.tv_usec = us;
	return copy_to_user(u, &k, sizeof(k)) ? -EFAULT : 0;
}

SYSCALL_DEFINE2(getitimer, int, which, struct kernel_itimerval __user *, value)
{
	struct itimer_ns v;
	int err = do_getitimer(which, &v);

	return err ? err : put_itimerval(value, &v);
}

/* A NULL new value disarms, as Linux still allows. */
SYSCALL_DEFINE3(setitimer, int, which, struct kernel_itimerval __user *, value,
		struct kernel_itimerval __user *, ovalue)
{
	struct itimer_ns v = { 0, 0 }, old;
	int err;

	if (value) {
		err = get_itimerval(&v, value);
		if (err)
			return err;
	}
	err = do_setitimer(which, &v, ovalue ? &old : NULL);
	if (!err && ovalue)
		err = put_itimerval(ovalue, &old);
	return err;
}

COMPAT_SYSCALL_DEFINE2(getitimer, int, which, struct old_itimerval32 __user *, value)
{
	struct itimer_ns v;
	int err = do_getitimer(which, &v);

	return err ? err : put_old_itimerval32(value, &v);
}

COMPAT_SYSCALL_DEFINE3(setitimer, int, which, struct old_itimerval32 __user *, value,
		       struct old_itimerval32 __user *, ovalue)
{
	struct itimer_ns v = { 0, 0 }, old;
	int err;

	if (value) {
		err = get_old_itimerval32(&v, value);
		if (err)
			return err;
	}
	err = do_setitimer(which, &v, ovalue ? &old : NULL);
	if (!err && ovalue)
		err = put_old_itimerval32(ovalue, &old);
	return err;
}

/* alarm(s): ITIMER_REAL once in s seconds (0: off); the seconds the old one had left,
 * rounded to the nearest (at least 1 while armed), as Linux. */
SYSCALL_DEFINE1(alarm, unsigned int, seconds)
{
	struct itimer_ns v = { (u64)seconds * NSEC_PER_SEC_L, 0 }, old;
	s64 sec, usec;

	if (do_setitimer(ITIMER_REAL, &v, &old))
		return 0;
	ns_to_tv(old.value, &sec, &usec);
	if ((!sec && usec) || usec >= 500000)
		sec++;
	return sec;
}
