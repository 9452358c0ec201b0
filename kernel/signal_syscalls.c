// SPDX-License-Identifier: GPL-2.0
/*
 * The signal syscalls that only change the caller's own state: handlers (rt_sigaction),
 * the blocked mask (rt_sigprocmask), the pending set (rt_sigpending) and the alternate
 * stack (sigaltstack, and the helpers the arch's frames use), each with the compat entry
 * point the 32-bit ABIs' tables name. One do_* body per call; the compat forms convert.
 */
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/compat.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include <asm/ptrace.h>
#include "signal_internal.h"

/*
 * The sa_flags bits this kernel knows; the others are dropped when stored and when read
 * back, so a caller can probe for a flag (SA_UNSUPPORTED is never known), as Linux 6.1.
 */
#define UAPI_SA_FLAGS	(SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | SA_RESTART | \
			 SA_NODEFER | SA_RESETHAND | SA_EXPOSE_TAGBITS | SA_RESTORER)

/* ---- rt_sigaction ------------------------------------------------------------------- */

int do_sigaction(int sig, struct k_sigaction *act, struct k_sigaction *oact)
{
	struct task_struct *p = current;
	struct k_sigaction *k;
	unsigned long flags;

	if (sig < 1 || !valid_signal(sig) || (act && sig_kernel_only(sig)))
		return -EINVAL;
	k = &p->sighand->action[sig - 1];
	if (act) {
		act->sa.sa_flags &= UAPI_SA_FLAGS;
		sigdelsetmask(&act->sa.sa_mask, SIG_KERNEL_ONLY_MASK);
	}
	spin_lock_irqsave(&tasklist_lock, flags);	/* the thread list, for the flush below */
	spin_lock(&p->sighand->siglock);
	if (oact) {
		*oact = *k;
		oact->sa.sa_flags &= UAPI_SA_FLAGS;
	}
	if (act) {
		*k = *act;
		/*
		 * POSIX: setting a pending signal to be ignored discards it, in every thread,
		 * even where it is blocked.
		 */
		if (sig_handler_ignored(act->sa.sa_handler, sig)) {
			struct task_struct *t;

			flush_sigqueue_mask(SIGBIT(sig), &p->signal->shared_pending);
			list_for_each_entry(t, &p->signal->thread_head, thread_node)
				flush_sigqueue_mask(SIGBIT(sig), &t->pending);
		}
	}
	spin_unlock(&p->sighand->siglock);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return 0;
}

SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct sigaction __user *, act,
		struct sigaction __user *, oact, size_t, sigsetsize)
{
	struct k_sigaction new_sa, old_sa;
	int ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (act && copy_from_user(&new_sa.sa, act, sizeof(new_sa.sa)))
		return -EFAULT;
	ret = do_sigaction(sig, act ? &new_sa : NULL, oact ? &old_sa : NULL);
	if (!ret && oact && copy_to_user(oact, &old_sa.sa, sizeof(old_sa.sa)))
		return -EFAULT;
	return ret;
}

COMPAT_SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct compat_sigaction __user *, act,
		       struct compat_sigaction __user *, oact, compat_size_t, sigsetsize)
{
	struct compat_sigaction c;
	struct k_sigaction new_ka, old_ka;
	int ret;

	if (sigsetsize != sizeof(compat_sigset_t))
		return -EINVAL;
	if (act) {
		if (copy_from_user(&c, act, sizeof(c)))
			return -EFAULT;
		new_ka.sa.sa_handler = compat_ptr(c.sa_handler);
		new_ka.sa.sa_flags = c.sa_flags;
		new_ka.sa.sa_restorer = compat_ptr(c.sa_restorer);
		new_ka.sa.sa_mask.sig[0] = c.sa_mask.sig[0] | ((u64)c.sa_mask.sig[1] << 32);
	}
	ret = do_sigaction(sig, act ? &new_ka : NULL, oact ? &old_ka : NULL);
	if (!ret && oact) {
		c.sa_handler = (compat_uptr_t)(unsigned long)old_ka.sa.sa_handler;
		c.sa_flags = old_ka.sa.sa_flags;
		c.sa_restorer = (compat_uptr_t)(unsigned long)old_ka.sa.sa_restorer;
		c.sa_mask.sig[0] = old_ka.sa.sa_mask.sig[0];
		c.sa_mask.sig[1] = old_ka.sa.sa_mask.sig[0] >> 32;
		if (copy_to_user(oact, &c, sizeof(c)))
			return -EFAULT;
	}
	return ret;
}

/* ---- rt_sigprocmask, rt_sigpending -------------------------------------------------- */

/* SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK on current's mask; -EINVAL for another how. */
int sigprocmask(int how, sigset_t *set, sigset_t *oldset)
{
	sigset_t newset = current->blocked;

	if (oldset)
		*oldset = current->blocked;
	switch (how) {
	case SIG_BLOCK:
		newset.sig[0] |= set->sig[0];
		break;
	case SIG_UNBLOCK:
		newset.sig[0] &= ~set->sig[0];
		break;
	case SIG_SETMASK:
		newset = *set;
		break;
	default:
		return -EINVAL;
	}
	set_current_blocked(&newset);
	return 0;
}

SYSCALL_DEFINE4(rt_sigprocmask, int, how, sigset_t __user *, nset, sigset_t __user *, oset,
		size_t, sigsetsize)
{
	sigset_t old_set = current->blocked, new_set;
	int ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (nset) {
		if (copy_from_user(&new_set, nset, sizeof(new_set)))
			return -EFAULT;
		sigdelsetmask(&new_set, SIG_KERNEL_ONLY_MASK);
		ret = sigprocmask(how, &new_set, NULL);
		if (ret)
			return ret;
	}
	if (oset && copy_to_user(oset, &old_set, sizeof(old_set)))
		return -EFAULT;
	return 0;
}

COMPAT_SYSCALL_DEFINE4(rt_sigprocmask, int, how, compat_sigset_t __user *, nset,
		       compat_sigset_t __user *, oset, compat_size_t, sigsetsize)
{
	sigset_t old_set = current->blocked, new_set;
	int ret;

	if (sigsetsize != sizeof(sigset_t))
		return -EINVAL;
	if (nset) {
		if (get_compat_sigset(&new_set, nset))
			return -EFAULT;
		sigdelsetmask(&new_set, SIG_KERNEL_ONLY_MASK);
		ret = sigprocmask(how, &new_set, NULL);
		if (ret)
			return ret;
	}
	return oset ? put_compat_sigset(oset, &old_set, sizeof(*oset)) : 0;
}

/* The signals pending for current (its own and its process's) that it blocks. */
static void do_sigpending(sigset_t *set)
{
	unsigned long flags;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	set->sig[0] = (current->pending.signal.sig[0] |
		       current->signal->shared_pending.signal.sig[0]) & current->blocked.sig[0];
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
}

SYSCALL_DEFINE2(rt_sigpending, sigset_t __user *, uset, size_t, sigsetsize)
{
	sigset_t set;

	if (sigsetsize > sizeof(*uset))
		return -EINVAL;
	do_sigpending(&set);
	return copy_to_user(uset, &set, sigsetsize) ? -EFAULT : 0;
}

COMPAT_SYSCALL_DEFINE2(rt_sigpending, compat_sigset_t __user *, uset, compat_size_t, sigsetsize)
{
	sigset_t set;

	if (sigsetsize > sizeof(*uset))
		return -EINVAL;
	do_sigpending(&set);
	return put_compat_sigset(uset, &set, sigsetsize);
}

/* ---- the alternate signal stack ------------------------------------------------------ */

/* Is sp on the alternate stack? (Not while SS_AUTODISARM cleared it for a handler.) */
int on_sig_stack(unsigned long sp)
{
	if (current->sas_ss_flags & SS_AUTODISARM)
		return 0;
	return sp > current->sas_ss_sp && sp - current->sas_ss_sp <= current->sas_ss_size;
}

int sas_ss_flags(unsigned long sp)
{
	if (!current->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

unsigned long sigsp(unsigned long sp, struct ksignal *ksig)
{
	if ((ksig->ka.sa.sa_flags & SA_ONSTACK) && !sas_ss_flags(sp))
		return current->sas_ss_sp + current->sas_ss_size;
	return sp;
}

/*
 * The smallest alternate stack of the native ABI (arm64's frames need 5120 bytes: its
 * MINSIGSTKSZ) and of the caller's ABI. restore_altstack is only reached from a native
 * rt_sigreturn (compat frames use compat_restore_altstack), so it takes the constant.
 */
#ifdef CONFIG_ARM64
#define NATIVE_MINSIGSTKSZ	5120
#else
#define NATIVE_MINSIGSTKSZ	MINSIGSTKSZ
#endif

static size_t min_sigaltstack_size(void)
{
	return in_compat_syscall() ? MINSIGSTKSZ : NATIVE_MINSIGSTKSZ;
}

/*
 * sigaltstack's work on kernel copies: the old setting into *oss, then the new one from
 * *ss. -EPERM while running on the alternate stack, -EINVAL for a bad mode, -ENOMEM for a
 * stack below the minimum. sp is the caller's user stack pointer.
 */
static int do_sigaltstack(const stack_t *ss, stack_t *oss, unsigned long sp, size_t min_size)
{
	struct task_struct *t = current;

	if (oss) {
		oss->ss_sp = (void __user *)t->sas_ss_sp;
		oss->ss_size = t->sas_ss_size;
		oss->ss_flags = sas_ss_flags(sp) | (t->sas_ss_flags & SS_FLAG_BITS);
	}
	if (ss) {
		unsigned long ss_sp = (unsigned long)ss->ss_sp;
		size_t ss_size = ss->ss_size;
		unsigned int ss_flags = ss->ss_flags, ss_mode = ss_flags & ~SS_FLAG_BITS;

		if (on_sig_stack(sp))
			return -EPERM;
		if (ss_mode != SS_DISABLE && ss_mode != SS_ONSTACK && ss_mode != 0)
			return -EINVAL;
		if (t->sas_ss_sp == ss_sp && t->sas_ss_size == ss_size && t->sas_ss_flags == ss_flags)
			return 0;
		if (ss_mode == SS_DISABLE) {
			ss_size = 0;
			ss_sp = 0;
		} else if (ss_size < min_size) {
			return -ENOMEM;
		}
		t->sas_ss_sp = ss_sp;
		t->sas_ss_size = ss_size;
		t->sas_ss_flags = ss_flags;
	}
	return 0;
}

SYSCALL_DEFINE2(sigaltstack, const stack_t __user *, uss, stack_t __user *, uoss)
{
	stack_t new, old;
	int err;

	memset(&old, 0, sizeof(old));	/* its padding is copied out */
	if (uss && copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	err = do_sigaltstack(uss ? &new : NULL, uoss ? &old : NULL,
			     user_stack_pointer(current_pt_regs()), min_sigaltstack_size());
	if (!err && uoss && copy_to_user(uoss, &old, sizeof(old)))
		err = -EFAULT;
	return err;
}

/*
 * sigreturn: the stack the frame saved comes back; a bad one is ignored, as Linux. The
 * minimum is the native ABI's, as for sigaltstack: arm64's 5120, so a frame cannot install
 * an alternate stack too small for arm64's own frames.
 */
int restore_altstack(const stack_t __user *uss)
{
	stack_t new;

	if (copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	do_sigaltstack(&new, NULL, user_stack_pointer(current_pt_regs()), NATIVE_MINSIGSTKSZ);
	return 0;
}

int __save_altstack(stack_t __user *uss, unsigned long sp)
{
	stack_t s;

	/* the 4 bytes after ss_flags reach the user too; inline stores, not a call */
	__builtin_memset(&s, 0, sizeof(s));
	s.ss_sp = (void __user *)current->sas_ss_sp;
	s.ss_flags = current->sas_ss_flags;
	s.ss_size = current->sas_ss_size;

	return copy_to_user(uss, &s, sizeof(s)) ? -EFAULT : 0;
}

static int compat_sigaltstack(const compat_stack_t __user *uss, compat_stack_t __user *uoss,
			      unsigned long sp)
{
	compat_stack_t c;
	stack_t new, old;
	int err;

	if (uss) {
		if (copy_from_user(&c, uss, sizeof(c)))
			return -EFAULT;
		new.ss_sp = compat_ptr(c.ss_sp);
		new.ss_flags = c.ss_flags;
		new.ss_size = c.ss_size;
	}
	err = do_sigaltstack(uss ? &new : NULL, uoss ? &old : NULL, sp, MINSIGSTKSZ);
	if (!err && uoss) {
		c.ss_sp = (compat_uptr_t)(unsigned long)old.ss_sp;
		c.ss_flags = old.ss_flags;
		c.ss_size = old.ss_size;
		if (copy_to_user(uoss, &c, sizeof(c)))
			err = -EFAULT;
	}
	return err;
}

COMPAT_SYSCALL_DEFINE2(sigaltstack, const compat_stack_t __user *, uss,
		       compat_stack_t __user *, uoss)
{
	return compat_sigaltstack(uss, uoss, user_stack_pointer(current_pt_regs()));
}

int compat_restore_altstack(const compat_stack_t __user *uss)
{
	int err = compat_sigaltstack(uss, NULL, user_stack_pointer(current_pt_regs()));

	return err == -EFAULT ? err : 0;
}

int __compat_save_altstack(compat_stack_t __user *uss, unsigned long sp)
{
	compat_stack_t c = {
		.ss_sp = (compat_uptr_t)current->sas_ss_sp,
		.ss_flags = current->sas_ss_flags,
		.ss_size = current->sas_ss_size,
	};

	return copy_to_user(uss, &c, sizeof(c)) ? -EFAULT : 0;
}
