// SPDX-License-Identifier: GPL-2.0
/*
 * The syscall tracer: the slow path behind SYSCALL_WORK_TRACE, and who is traced.
 *
 * Entry notes in the task what the record needs (number, ABI, route, the six argument
 * registers, the entry captures of the call's plan: capture.c) and the time, last; exit
 * writes one FTR_SYSCALL record straight into this CPU's ring (ring.c), exit captures
 * copied from user memory into it. Nothing is decoded or formatted here: the host does it.
 *
 * The cost figure of a record is measured between the end of the entry hook and the start
 * of the exit hook, so it is the syscall's own cost, not the tracer's (with the arch's exit
 * work, x86's entry tests, which runs before the exit hook).
 *
 * Who is traced: a task with SYSCALL_WORK_TRACE. The command line picks the first ones
 * (trace=all; comm:NAME at exec; pid:N, that process, from its fork or exec on), prctl
 * turns a task on or off, and a traced task's children are traced (fork copies the flag),
 * across their execs too (strace -f).
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/syscall_trace.h>
#include <linux/entry-common.h>
#include <asm/syscall.h>
#include <asm/syscall_trace.h>
#include <asm/timex.h>
#include "trace.h"

struct trace_config trace_config;
static bool asked;		/* trace= was on the command line */

bool task_traced(const struct task_struct *t)
{
	return t->thread_info.syscall_work & SYSCALL_WORK_TRACE;
}

/*
 * Each task's call in progress is its own (a call that sleeps is followed by other tasks'
 * calls before it returns): made at the task's first traced call, freed with the task
 * (kernel/fork.c), about 1.4 KiB, one per task. No memory for it: that call goes
 * unrecorded and counts as dropped.
 */
static struct trace_call *task_call(struct task_struct *t)
{
	if (!t->trace_call) {
		t->trace_call = kmalloc(sizeof(struct trace_call), GFP_KERNEL);
		if (t->trace_call)
			t->trace_call->active = false;
	}
	return t->trace_call;
}

/*
 * Both hooks read 'current' once and pass it on: on arm64 it is SP_EL0, and under QEMU's TCG,
 * where the throughput figure is measured, each read of SP_EL0 is a call into QEMU (an access
 * check); the compilers do not merge the reads themselves.
 */
long trace_syscall_enter(struct pt_regs *regs, long nr)
{
	struct task_struct *t = current;
	unsigned int abi = arch_trace_abi();
	const struct trace_abi *a = &trace_abis[abi];
	const struct trace_plan *plan = NULL;
	struct trace_call *c;

	if (unlikely(!trace_config.enabled))
		return nr;
	if ((unsigned long)nr < a->table->nr_syscalls)
		plan = &a->plans[nr];
	if (trace_config.nr_filter && (!plan || !plan->selected))
		return nr;		/* filtered before anything is copied */
	c = t->trace_call;
	if (unlikely(!c)) {
		c = task_call(t);
		if (!c) {
			trace_count_dropped();
			return nr;
		}
	}
	c->active = true;
	c->abi = abi;
	c->route = task_thread_info(t)->syscall_route;
	c->nr = nr;
	c->plan = plan;
	syscall_get_arguments(regs, (unsigned long *)c->args);
	c->stage_len = 0;
	c->nr_staged = 0;
	if (plan && plan->nr_entry)
		trace_capture_entry(c);
	c->ts = get_cycles();		/* last: the cost excludes the tracer's own work */
	return nr;
}

/* The record of c, t's call, into the ring of the CPU t runs on: t is current (inline:
 * ring_write.h says why). */
static __always_inline void write_syscall(struct task_struct *t, struct trace_call *c, long ret,
					  u64 cost, u16 flags)
{
	size_t room = c->plan && c->plan->nr_exit ? trace_exit_room(c, ret) : 0;
	size_t len = c->stage_len;
	struct trace_slot s;
	struct ftr_syscall *r;
	u8 n = c->nr_staged;

	if (!trace_ring_begin_on(&s, sizeof(*r) + len + room, task_thread_info(t)->cpu))
		return;
	r = (struct ftr_syscall *)s.rec;
	r->seq = s.seq;
	r->ts = c->ts;
	r->cost = cost;
	r->pid = t->tgid;
	r->tid = t->pid;
	r->nr = c->nr;
	r->abi = c->abi;
	r->route = c->route;
	r->reserved = 0;
	r->args[0] = c->args[0];	/* six stores, not a loop or a call to memcpy */
	r->args[1] = c->args[1];
	r->args[2] = c->args[2];
	r->args[3] = c->args[3];
	r->args[4] = c->args[4];
	r->args[5] = c->args[5];
	r->ret = ret;
	if (len)
		memcpy(r + 1, c->stage, len);
	if (room)
		len += trace_capture_exit(c, ret, (u8 *)(r + 1) + len, &n);
	r->nr_captures = n;
	trace_ring_commit(&s, FTR_SYSCALL, flags, sizeof(*r) + len);
}

void trace_syscall_exit(struct pt_regs *regs)
{
	u64 end = get_cycles();
	struct task_struct *t = current;
	struct trace_call *c = t->trace_call;

	if (!c || !c->active)
		return;
	c->active = false;
	write_syscall(t, c, syscall_get_return_value(regs), end - c->ts, 0);
}

/* exit/exit_group (or a fatal signal in a call): the record now, as the call never returns. */
static void trace_call_ends(struct task_struct *t)
{
	struct trace_call *c = t->trace_call;

	if (c && c->active) {
		c->active = false;
		write_syscall(t, c, 0, get_cycles() - c->ts, FTR_SC_NO_RETURN);
	}
}

/* Command line: trace=all, comm:init,hello, pid:N, nr:write,getpid (combined with ';'). */
static int trace_setup(char *val)
{
	asked = true;
	if (!*val || !strcmp(val, "all")) {
		trace_config.all = true;
		return 0;
	}
	for (char *part = val; part && *part;) {
		char *next = strchr(part, ';');

		if (next)
			*next++ = '\0';
		if (!strncmp(part, "comm:", 5)) {
			strlcpy(trace_config.comms, part + 5, sizeof(trace_config.comms));
		} else if (!strncmp(part, "pid:", 4)) {
			trace_config.pid = simple_strtoll(part + 4, NULL, 10);
			if (trace_config.pid <= 0)
				return -1;
		} else if (!strncmp(part, "nr:", 3)) {
			strlcpy(trace_config.names, part + 3, sizeof(trace_config.names));
			trace_config.nr_filter = true;
		} else if (!strcmp(part, "all")) {
			trace_config.all = true;
		} else {
			return -1;
		}
		part = next;
	}
	return 0;
}
__setup("trace=", trace_setup);

/* trace.icount=1: the runner says 1 cycle-counter tick is a fixed number of instructions. */
static int trace_icount_setup(char *val)
{
	trace_config.icount = val[0] == '1';
	return 0;
}
__setup("trace.icount=", trace_icount_setup);

/* Is word one of a comma-separated list (trace=comm:a,b and trace=nr:a,b)? */
bool list_has(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, word, n) && (p[n] == ',' || p[n] == '\0'))
			return true;
	return false;
}

/* Turned on, a task starts with no call in progress (an old one's entry is stale). */
static void set_task_tracing(struct task_struct *t, bool on)
{
	if (on && !task_traced(t) && t->trace_call)
		t->trace_call->active = false;
	if (on)
		t->thread_info.syscall_work |= SYSCALL_WORK_TRACE;
	else
		t->thread_info.syscall_work &= ~SYSCALL_WORK_TRACE;
}

/* Is t picked by the command line? Without comm: and pid:, every task is. */
static bool picked(const struct task_struct *t)
{
	if (trace_config.all || (!trace_config.comms[0] && !trace_config.pid))
		return true;
	if (trace_config.pid && t->tgid == trace_config.pid)
		return true;
	return trace_config.comms[0] && list_has(trace_config.comms, t->comm);
}

/*
 * exec, after the new image: a traced task stays traced (strace -f follows execs); an
 * untraced one starts if its new name (comm:) or its pid (pid:) is picked. Its name and
 * ABI from now on are recorded (FTR_COMM with FTR_COMM_EXEC).
 */
void trace_task_exec(struct task_struct *t, bool compat)
{
	if (!trace_config.enabled)
		return;
	if (!task_traced(t) && picked(t))
		set_task_tracing(t, true);
	if (task_traced(t))
		trace_emit_comm(t, arch_trace_exec_abi(compat));
}

/* A new task (fork, vfork, clone; not a kernel thread), before it first runs. */
void trace_task_fork(struct task_struct *child, u64 clone_flags)
{
	if (!trace_config.enabled)
		return;
	if (trace_config.pid && child->tgid == trace_config.pid)
		set_task_tracing(child, true);	/* pid:N from its birth */
	if (!task_traced(child))
		return;
	trace_emit_fork(child, clone_flags);
	if (!task_traced(current))	/* the host knows the parent's name only when traced */
		trace_emit_comm(child, 0);
}

void trace_task_comm(struct task_struct *t)
{
	if (trace_config.enabled && task_traced(t))
		trace_emit_comm(t, 0);
}

void trace_task_exit(struct task_struct *t, int code, bool group_dead)
{
	if (!trace_config.enabled || !task_traced(t))
		return;
	trace_call_ends(t);
	trace_emit_exit(t, code, group_dead);
}

/*
 * prctl(PR_FERRY_TRACE, on). Turned off, the prctl call itself has its record now, with
 * its result 0, since its exit hook will not run: no call is left active, which a later
 * "on" would otherwise finish as a phantom record of this old call.
 */
int trace_set_current(bool on)
{
	struct trace_call *c = current->trace_call;

	if (on && !trace_config.enabled)
		return -ENODEV;		/* no channel: the boot had no trace= or no device */
	if (!on && c && c->active && task_traced(current)) {
		c->active = false;
		write_syscall(current, c, 0, get_cycles() - c->ts, 0);
	}
	set_task_tracing(current, on);
	if (on)
		trace_emit_comm(current, 0);
	return 0;
}

/*
 * At boot, before init's exec, if trace= asked for it: map the channel, check the host's
 * header and set up the rings, then the capture plans and the trace=nr: selection.
 */
void trace_init(void)
{
	phys_addr_t shm;
	u64 size;

	if (!asked)
		return;
	shm = arch_trace_shm_find(&size);
	if (!shm)
		return;		/* the arch said why */
	if (trace_rings_init(shm, size))
		return;
	if (trace_plans_init()) {
		pr_warn("trace: no memory for the capture plans: tracing off\n");
		return;
	}
	trace_config.enabled = true;
}
