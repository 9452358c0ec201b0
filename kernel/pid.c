// SPDX-License-Identifier: GPL-2.0
/*
 * Process ids: allocation from a bitmap (1..pid_max-1, handed out in increasing order and
 * wrapping to RESERVED_PIDS, as Linux does, so a pid is not reused soon after its process
 * was reaped) and lookup through a hash of the live tasks. A pid stays allocated until its
 * task is reaped (a zombie keeps its pid), and is not handed out while it still names a
 * process group or session, or while a terminal names it as its foreground group or session
 * (drivers/tty/tty_jobctrl.c). Everything here runs under tasklist_lock.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <linux/tty.h>

#define PID_HASH_SIZE	256
#define BITS_PER_LONG_	(8 * sizeof(long))

int pid_max = PID_MAX_DEFAULT;
static unsigned long pid_bitmap[PID_MAX_DEFAULT / BITS_PER_LONG_];
static int last_pid;
static struct task_struct *pid_hash[PID_HASH_SIZE];

static bool pid_used(int pid)
{
	return pid_bitmap[pid / BITS_PER_LONG_] & (1UL << (pid % BITS_PER_LONG_));
}

static void pid_mark(int pid, bool used)
{
	if (used)
		pid_bitmap[pid / BITS_PER_LONG_] |= 1UL << (pid % BITS_PER_LONG_);
	else
		pid_bitmap[pid / BITS_PER_LONG_] &= ~(1UL << (pid % BITS_PER_LONG_));
}

/*
 * A process group or session keeps its id in use after its leader is reaped, as Linux keeps
 * the struct pid alive while a group refers to it: a new process must not take that number.
 */
static bool names_a_group(int pid)
{
	struct task_struct *t;

	for_each_process_thread(t)
		if (thread_group_leader(t) && (t->signal->pgrp == pid || t->signal->session == pid))
			return true;
	return tty_names_pid(pid);	/* a terminal's foreground group, even once it is empty */
}

/* The next free pid after the last one given: a pid, or -EAGAIN when all are in use. */
int alloc_pid(void)
{
	int pid = last_pid;

	for (int tries = 0; tries < pid_max; tries++) {
		if (++pid >= pid_max)
			pid = RESERVED_PIDS;
		if (!pid_used(pid) && !names_a_group(pid)) {
			pid_mark(pid, true);
			last_pid = pid;
			return pid;
		}
	}
	return -EAGAIN;
}

void free_pid(pid_t pid)
{
	if (pid > 0 && pid < pid_max)
		pid_mark(pid, false);
}

void attach_pid(struct task_struct *t)
{
	struct task_struct **head = &pid_hash[t->pid % PID_HASH_SIZE];

	t->pid_next = *head;
	*head = t;
}

void detach_pid(struct task_struct *t)
{
	for (struct task_struct **p = &pid_hash[t->pid % PID_HASH_SIZE]; *p; p = &(*p)->pid_next)
		if (*p == t) {
			*p = t->pid_next;
			return;
		}
}

/* The task with thread id pid (a zombie too), or NULL. */
struct task_struct *find_task_by_pid(pid_t pid)
{
	if (pid <= 0)
		return NULL;
	for (struct task_struct *t = pid_hash[pid % PID_HASH_SIZE]; t; t = t->pid_next)
		if (t->pid == pid && t->exit_state != EXIT_DEAD)
			return t;
	return NULL;
}
