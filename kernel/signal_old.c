// SPDX-License-Identifier: GPL-2.0
/*
 * The old signal calls i386 and arm keep from before real-time signals: sigaction with
 * struct compat_old_sigaction (a one-word mask), sigprocmask and sigpending on one-word
 * sets (the first 32 signals; the others keep their state), and i386's signal(). Only the
 * 32-bit ABIs' tables name them; sigsuspend's old form is in kernel/signal_wait.c.
 */
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/compat.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include "signal_internal.h"

#define LOW_WORD	0xffffffffULL

COMPAT_SYSCALL_DEFINE3(sigaction, int, sig, const struct compat_old_sigaction __user *, act,
		       struct compat_old_sigaction __user *, oact)
{
	struct compat_old_sigaction c;
	struct k_sigaction new_ka, old_ka;
	int ret;

	if (act) {
		if (copy_from_user(&c, act, sizeof(c)))
			return -EFAULT;
		new_ka.sa.sa_handler = compat_ptr(c.sa_handler);
		new_ka.sa.sa_restorer = compat_ptr(c.sa_restorer);
		new_ka.sa.sa_flags = c.sa_flags;
		new_ka.sa.sa_mask.sig[0] = c.sa_mask;
	}
	ret = do_sigaction(sig, act ? &new_ka : NULL, oact ? &old_ka : NULL);
	if (!ret && oact) {
		c.sa_handler = (compat_uptr_t)(unsigned long)old_ka.sa.sa_handler;
		c.sa_restorer = (compat_uptr_t)(unsigned long)old_ka.sa.sa_restorer;
		c.sa_flags = old_ka.sa.sa_flags;
		c.sa_mask = (u32)old_ka.sa.sa_mask.sig[0];
		if (copy_to_user(oact, &c, sizeof(c)))
			return -EFAULT;
	}
	return ret;
}

COMPAT_SYSCALL_DEFINE3(sigprocmask, int, how, u32 __user *, nset, u32 __user *, oset)
{
	u32 old_set = (u32)current->blocked.sig[0], new_set;
	sigset_t new_blocked;

	if (nset) {
		if (get_user(new_set, nset))
			return -EFAULT;
		new_set &= ~(u32)SIG_KERNEL_ONLY_MASK;
		new_blocked = current->blocked;
		switch (how) {
		case SIG_BLOCK:
			new_blocked.sig[0] |= new_set;
			break;
		case SIG_UNBLOCK:
			new_blocked.sig[0] &= ~(u64)new_set;
			break;
		case SIG_SETMASK:
			new_blocked.sig[0] = (new_blocked.sig[0] & ~LOW_WORD) | new_set;
			break;
		default:
			return -EINVAL;
		}
		set_current_blocked(&new_blocked);
	}
	if (oset && put_user(old_set, oset))
		return -EFAULT;
	return 0;
}

COMPAT_SYSCALL_DEFINE1(sigpending, u32 __user *, uset)
{
	unsigned long flags;
	u32 set;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	set = (u32)((current->pending.signal.sig[0] | current->signal->shared_pending.signal.sig[0]) &
		    current->blocked.sig[0]);
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	return put_user(set, uset) ? -EFAULT : 0;
}

/* i386's signal(): a one-shot handler that does not block its signal; the old handler. */
SYSCALL_DEFINE2(signal, int, sig, __sighandler_t, handler)
{
	struct k_sigaction new_sa = { .sa = { .sa_handler = handler,
					      .sa_flags = SA_RESETHAND | SA_NODEFER } };
	struct k_sigaction old_sa;
	int ret = do_sigaction(sig, &new_sa, &old_sa);

	return ret ? ret : (long)(unsigned long)old_sa.sa.sa_handler;
}
