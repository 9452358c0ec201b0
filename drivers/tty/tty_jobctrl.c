// SPDX-License-Identifier: GPL-2.0
/*
 * Job control on a terminal: the controlling terminal of a session and its foreground
 * process group (Linux 6.1 rules and errno).
 *
 * A session leader without a controlling terminal acquires one by opening a terminal
 * without O_NOCTTY (not /dev/console, not /dev/tty) or with TIOCSCTTY; the terminal then
 * records the session and makes the leader's group the foreground one. signal->tty names
 * it in every process of the session (fork copies it, setsid clears it). TIOCNOTTY gives it
 * up; from the leader it also sends SIGHUP and SIGCONT to the foreground group and takes
 * the terminal from the whole session; the leader's exit does the same with SIGHUP alone
 * (disassociate_ctty).
 *
 * A process of the session but not of the foreground group is in the background: its
 * reads raise SIGTTIN, its terminal changes (and writes under TOSTOP) SIGTTOU, sent to its
 * whole group, and the call restarts once the group is continued; a group that no parent
 * outside it in the session could continue (an orphaned group) gets EIO instead.
 *
 * Locking: tty->session, tty->pgrp and every signal->tty under tasklist_lock (so they change
 * together with the process groups they name). Signals are sent after it is dropped.
 */
#include <linux/kernel.h>
#include <linux/tty.h>
#include <linux/fs.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/uaccess.h>
#include <linux/errno.h>

#define ENOIOCTLCMD	515

static bool is_session_leader(const struct task_struct *p)
{
	return p->signal->session == p->tgid;
}

/*
 * Does the caller block sig or ignore it (SIG_IGN)? Then the terminal does not send it: a
 * background writer or mode changer that ignores SIGTTOU goes ahead (a shell taking the
 * terminal back does that), a reader that ignores SIGTTIN gets EIO (Linux's is_ignored).
 */
static bool sig_ignored_or_blocked(int sig)
{
	struct sighand_struct *sh = current->sighand;
	unsigned long flags;
	bool ret;

	spin_lock_irqsave(&sh->siglock, flags);
	ret = sigismember(&current->blocked, sig) ||
	      sh->action[sig - 1].sa.sa_handler == SIG_IGN;
	spin_unlock_irqrestore(&sh->siglock, flags);
	return ret;
}

/* A live process of session sid? (under tasklist_lock) */
static bool session_alive(pid_t sid)
{
	struct task_struct *p;

	for_each_process_thread(p)
		if (thread_group_leader(p) && !p->exit_state && p->signal->session == sid)
			return true;
	return false;
}

/*
 * The terminal's session, forgetting one whose processes have all exited. The leader's
 * exit lets the terminal go (disassociate_ctty); this is a second line for a session whose
 * leader gave it up some other way.
 */
static pid_t tty_session(struct tty_struct *tty)
{
	if (tty->session && !session_alive(tty->session))
		tty->session = tty->pgrp = 0;
	return tty->session;
}

/*
 * May the caller act on tty now? 0 when it is not its controlling terminal or it is in the
 * foreground; else sig (SIGTTOU or SIGTTIN) to its group and -ERESTARTSYS, or -EIO.
 */
static int __tty_check_change(struct tty_struct *tty, int sig)
{
	pid_t pgrp, mine;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (current->signal->tty != tty) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return 0;
	}
	pgrp = tty->pgrp;
	mine = current->signal->pgrp;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!pgrp || pgrp == mine)
		return 0;
	if (sig_ignored_or_blocked(sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (is_current_pgrp_orphaned())
		return -EIO;
	kill_pgrp(mine, sig);
	/* Into get_signal on the way out even if another thread of ours took the signal. */
	set_tsk_thread_flag(current, TIF_SIGPENDING);
	return -ERESTARTSYS;
}

int tty_check_change(struct tty_struct *tty)
{
	return __tty_check_change(tty, SIGTTOU);
}

int tty_job_control_read(struct tty_struct *tty)
{
	return __tty_check_change(tty, SIGTTIN);
}

/* Under tasklist_lock: tty becomes the caller's controlling terminal, its group foreground. */
static void __proc_set_tty(struct tty_struct *tty)
{
	tty->session = current->signal->session;
	tty->pgrp = current->signal->pgrp;
	current->signal->tty = tty;
}

/* open(2) without O_NOCTTY: a session leader with no terminal takes this free one. */
void tty_open_proc_set_tty(struct file *f, struct tty_struct *tty)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (is_session_leader(current) && !current->signal->tty && !tty_session(tty) &&
	    (f->f_mode & FMODE_READ))
		__proc_set_tty(tty);
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

struct tty_struct *get_current_tty(void)
{
	struct tty_struct *tty;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	tty = current->signal->tty;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return tty;
}

void proc_clear_tty(struct task_struct *p)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	p->signal->tty = NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/*
 * Does the terminal still name id as its foreground group or its session? (tasklist_lock
 * held; alloc_pid asks.) Linux's terminal holds a struct pid, so a group that dies while in
 * the foreground keeps its identity there and a later process given the same number is a
 * different pid that never gets the terminal's signals. Here the id is a number: alloc_pid
 * does not hand it out while the terminal names it, which gives the same guarantee (the
 * dead group's signals reach nobody, TIOCGPGRP still shows its number, as Linux's).
 */
bool tty_names_pid(pid_t id)
{
	struct tty_struct *tty = console_tty;

	return tty && id > 0 && (tty->pgrp == id || tty->session == id);
}

/* ^C, ^\, ^Z (from the receive interrupt) and SIGWINCH: to the foreground group. */
void tty_isig_signal(struct tty_struct *tty, int sig)
{
	unsigned long flags;
	pid_t pgrp;

	spin_lock_irqsave(&tasklist_lock, flags);
	pgrp = tty->pgrp;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (pgrp)
		kill_pgrp(pgrp, sig);
}

/* TIOCSCTTY: arg 1 lets root steal a terminal another session holds. */
static int tiocsctty(struct tty_struct *tty, struct file *f, int arg)
{
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (is_session_leader(current) && tty_session(tty) == current->signal->session)
		goto out;	/* already ours */
	ret = -EPERM;
	if (!is_session_leader(current) || current->signal->tty)
		goto out;
	if (tty_session(tty)) {
		struct task_struct *p;

		if (arg != 1 || current->cred.euid != 0)
			goto out;
		for_each_process_thread(p)	/* steal it: the old session loses it */
			if (p->signal->session == tty->session && p->signal->tty == tty)
				p->signal->tty = NULL;
	}
	if (!(f->f_mode & FMODE_READ) && current->cred.euid != 0)
		goto out;
	__proc_set_tty(tty);
	ret = 0;
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/*
 * The session leader lets its terminal go: TIOCNOTTY (on_exit 0) or its exit (on_exit 1,
 * do_exit). The terminal forgets the session and its foreground group, every process of
 * the session loses it as its controlling terminal, and the foreground group gets SIGHUP —
 * then SIGCONT too for TIOCNOTTY, not at exit (Linux 6.1's disassociate_ctty; its hangup
 * of the line at exit sends the foreground group SIGHUP alone). A stopped group that the
 * exit leaves orphaned gets its SIGCONT from kill_orphaned_pgrp (kernel/jobctl.c).
 * Anyone else: nothing (TIOCNOTTY's caller then drops only its own hold).
 */
void disassociate_ctty(int on_exit)
{
	struct tty_struct *tty;
	struct task_struct *p;
	unsigned long flags;
	pid_t pgrp, sid;

	if (!is_session_leader(current))	/* only setsid on current changes this */
		return;
	spin_lock_irqsave(&tasklist_lock, flags);
	tty = current->signal->tty;
	if (!tty) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return;
	}
	sid = current->signal->session;
	pgrp = tty->pgrp;
	tty->session = tty->pgrp = 0;
	for_each_process_thread(p)
		if (p->signal->session == sid && p->signal->tty == tty)
			p->signal->tty = NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (pgrp) {
		kill_pgrp(pgrp, SIGHUP);
		if (!on_exit)
			kill_pgrp(pgrp, SIGCONT);
	}
}

/* TIOCNOTTY: give the terminal up; the leader's going also takes it from the session. */
static int tiocnotty(struct tty_struct *tty)
{
	if (get_current_tty() != tty)
		return -ENOTTY;
	disassociate_ctty(0);
	proc_clear_tty(current);
	return 0;
}

/* The session of the process group (or else the process) pgrp into *sid: false when
 * neither exists (under tasklist_lock). */
static bool session_of_pgrp(pid_t pgrp, pid_t *sid)
{
	struct task_struct *p, *by_pid = NULL;

	for_each_process_thread(p) {
		if (p->signal->pgrp == pgrp) {
			*sid = p->signal->session;
			return true;
		}
		if (p->pid == pgrp)
			by_pid = p;
	}
	if (by_pid)
		*sid = by_pid->signal->session;
	return by_pid != NULL;
}

static int tiocspgrp(struct tty_struct *tty, pid_t __user *p)
{
	unsigned long flags;
	pid_t pgrp, sid;
	int ret;

	ret = tty_check_change(tty);
	if (ret == -EIO)
		return -ENOTTY;
	if (ret)
		return ret;
	if (get_user(pgrp, p))
		return -EFAULT;
	if (pgrp < 0)
		return -EINVAL;
	spin_lock_irqsave(&tasklist_lock, flags);
	ret = -ENOTTY;
	if (current->signal->tty != tty || tty_session(tty) != current->signal->session)
		goto out;
	ret = -ESRCH;
	if (!pgrp || !session_of_pgrp(pgrp, &sid))
		goto out;
	ret = -EPERM;
	if (sid != current->signal->session)
		goto out;
	tty->pgrp = pgrp;
	ret = 0;
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* TIOCGPGRP and TIOCGSID: only on the caller's own controlling terminal. */
static int tiocgpgrp_or_sid(struct tty_struct *tty, pid_t __user *p, bool sid)
{
	unsigned long flags;
	pid_t id;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (current->signal->tty != tty) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		return -ENOTTY;
	}
	id = sid ? tty_session(tty) : tty->pgrp;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (sid && !id)
		return -ENOTTY;
	return put_user(id, p) ? -EFAULT : 0;
}

long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *f, unsigned int cmd,
		       unsigned long arg)
{
	switch (cmd) {
	case TIOCNOTTY:
		return tiocnotty(tty);
	case TIOCSCTTY:
		return tiocsctty(tty, f, (int)arg);
	case TIOCGPGRP:
		return tiocgpgrp_or_sid(tty, (pid_t __user *)arg, false);
	case TIOCGSID:
		return tiocgpgrp_or_sid(tty, (pid_t __user *)arg, true);
	case TIOCSPGRP:
		return tiocspgrp(tty, (pid_t __user *)arg);
	}
	return -ENOIOCTLCMD;
}
