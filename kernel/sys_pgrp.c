// SPDX-License-Identifier: GPL-2.0
/*
 * Process groups and sessions: getpgid, setpgid, getpgrp, getsid, setsid (Linux 6.1 rules).
 *
 * Every process is in one process group (signal->pgrp) inside one session
 * (signal->session); both ids are pids: the group's or session's first member. fork copies
 * them (kernel/fork.c); init starts in group 0 and session 0, as Linux's does, until it
 * calls setsid. All reads and writes of them, and the searches for a group's members, are
 * under tasklist_lock, so a group cannot gain a member while setsid decides it has none.
 *
 * setpgid(pid, pgid) moves the process pid (0: the caller) to the group pgid (0: the group
 * whose id is pid, created if need be):
 *   EINVAL  pgid < 0; pid names a thread that is not its process's leader
 *   ESRCH   no process pid; pid is neither the caller nor one of its children
 *   EPERM   the child is in another session; the process is a session leader; the group
 *           pgid does not exist in the caller's session
 *   EACCES  the child has called execve since fork (PF_FORKNOEXEC clear)
 * setsid() makes the caller's process the leader of a new session and a new group, both
 * with its pid as id; EPERM when it already leads a group (a group with its pid as id
 * exists), and so when it leads a session.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>

/* Has p called execve since fork? (PF_FORKNOEXEC: set by fork, cleared by exec) */
static bool did_exec(const struct task_struct *p)
{
	return !(p->flags & PF_FORKNOEXEC);
}

/*
 * A session's id is its leader's pid, and a pid is not handed out again while a group or
 * session still carries it (kernel/pid.c), so "leads a session" is "its pid is its sid".
 */
static bool is_session_leader(const struct task_struct *p)
{
	return p->signal->session == p->tgid;
}

/* A process in the group pgrp, or NULL (under tasklist_lock). */
static struct task_struct *find_pgrp_member(pid_t pgrp)
{
	struct task_struct *t;

	for_each_process_thread(t)
		if (t->signal && t->signal->pgrp == pgrp)
			return t;
	return NULL;
}

/* The task whose pid is pid (0: the caller), or NULL (under tasklist_lock). */
static struct task_struct *find_task_or_current(pid_t pid)
{
	if (!pid)
		return current;
	return pid > 0 ? find_task_by_pid(pid) : NULL;
}

SYSCALL_DEFINE2(setpgid, pid_t, pid, pid_t, pgid)
{
	struct task_struct *leader = current->group_leader, *p, *g;
	unsigned long flags;
	long err;

	if (!pid)
		pid = leader->pid;
	if (!pgid)
		pgid = pid;
	if (pgid < 0)
		return -EINVAL;

	spin_lock_irqsave(&tasklist_lock, flags);
	err = -ESRCH;
	p = find_task_or_current(pid);
	if (!p)
		goto out;
	err = -EINVAL;
	if (!thread_group_leader(p))
		goto out;
	if (p->real_parent && p->real_parent->tgid == leader->tgid) {	/* a child */
		err = -EPERM;
		if (p->signal->session != leader->signal->session)
			goto out;
		err = -EACCES;
		if (did_exec(p))
			goto out;
	} else {
		err = -ESRCH;
		if (p != leader)
			goto out;
	}
	err = -EPERM;
	if (is_session_leader(p))
		goto out;
	if (pgid != pid) {
		g = find_pgrp_member(pgid);
		if (!g || g->signal->session != leader->signal->session)
			goto out;
	}
	p->signal->pgrp = pgid;
	err = 0;
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

/* getpgid and getsid: a field of the process pid (0: the caller), or -ESRCH. */
static long get_pgrp_or_session(pid_t pid, bool session)
{
	struct task_struct *p;
	unsigned long flags;
	long ret = -ESRCH;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_or_current(pid);
	if (p && p->signal)
		ret = session ? p->signal->session : p->signal->pgrp;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

SYSCALL_DEFINE1(getpgid, pid_t, pid)
{
	return get_pgrp_or_session(pid, false);
}

SYSCALL_DEFINE0(getpgrp)
{
	return get_pgrp_or_session(0, false);
}

SYSCALL_DEFINE1(getsid, pid_t, pid)
{
	return get_pgrp_or_session(pid, true);
}

SYSCALL_DEFINE0(setsid)
{
	struct task_struct *leader = current->group_leader;
	pid_t sid = leader->pid;
	unsigned long flags;
	long err = -EPERM;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (is_session_leader(leader) || find_pgrp_member(sid))
		goto out;
	leader->signal->session = sid;
	leader->signal->pgrp = sid;
	leader->signal->tty = NULL;	/* a new session has no controlling terminal */
	err = sid;
out:
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}
