// SPDX-License-Identifier: GPL-2.0
/*
 * Records of task events, for the host to follow processes as strace -f does: a new task
 * (FTR_FORK, written by the parent), a task's name and ABI (FTR_COMM, at exec, at
 * prctl(PR_SET_NAME) and when tracing starts), a task's end (FTR_EXIT, FTR_EXIT_GROUP for
 * its process's last thread) and a signal taken (FTR_SIGNAL, from get_signal()). Each is
 * a fixed-size record written whole into this CPU's ring (ring.c), like a syscall's.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <asm/timex.h>
#include <asm/syscall_trace.h>
#include "trace.h"

/* Room for a record of type T; fills the common fields and returns it, or NULL (dropped). */
#define BEGIN(s, T, t) ({							\
	T *__r = NULL;								\
	if (trace_ring_begin(&(s), sizeof(T))) {				\
		__r = (T *)(s).rec;						\
		__r->seq = (s).seq;						\
		__r->ts = get_cycles();						\
		__r->pid = (t)->tgid;						\
		__r->tid = (t)->pid;						\
	}									\
	__r;									\
})

void trace_emit_fork(struct task_struct *child, u64 clone_flags)
{
	struct trace_slot s;
	struct ftr_fork *r = BEGIN(s, struct ftr_fork, current);

	if (!r)
		return;
	r->child_pid = child->tgid;
	r->child_tid = child->pid;
	r->clone_flags = clone_flags;
	trace_ring_commit(&s, FTR_FORK, 0, sizeof(*r));
}

/* abi: the task's ABI from now on (exec's new image), or 0 for the current call's. */
void trace_emit_comm(struct task_struct *t, unsigned int abi)
{
	struct trace_slot s;
	struct ftr_comm *r = BEGIN(s, struct ftr_comm, t);

	if (!r)
		return;
	r->abi = abi ? abi : arch_trace_abi();
	memset(r->reserved, 0, sizeof(r->reserved));
	memset(r->comm, 0, sizeof(r->comm));
	strlcpy(r->comm, t->comm, sizeof(r->comm));
	trace_ring_commit(&s, FTR_COMM, abi ? FTR_COMM_EXEC : 0, sizeof(*r));
}

void trace_emit_exit(struct task_struct *t, int code, bool group_dead)
{
	struct trace_slot s;
	struct ftr_exit *r = BEGIN(s, struct ftr_exit, t);

	if (!r)
		return;
	r->status = code;
	r->reserved = 0;
	trace_ring_commit(&s, FTR_EXIT, group_dead ? FTR_EXIT_GROUP : 0, sizeof(*r));
}

/* The siginfo's fields, flattened: the host picks what signo and code make meaningful. */
void trace_emit_signal(int sig, const struct kernel_siginfo *info)
{
	bool child = sig == SIGCHLD && info->si_code > 0;
	struct trace_slot s;
	struct ftr_signal *r = BEGIN(s, struct ftr_signal, current);

	if (!r)
		return;
	r->signo = sig;
	r->code = info->si_code;
	r->errno_ = info->si_errno;
	r->sender_pid = info->si_pid;
	r->sender_uid = info->si_uid;
	r->child_status = child ? info->si_status : 0;
	r->child_utime = child ? info->si_utime : 0;
	r->child_stime = child ? info->si_stime : 0;
	r->fault_addr = (unsigned long)info->si_addr;
	r->value = (unsigned long)info->si_ptr;
	trace_ring_commit(&s, FTR_SIGNAL, 0, sizeof(*r));
}
