// SPDX-License-Identifier: GPL-2.0
/*
 * The syscall tracer: the slow path behind SYSCALL_WORK_TRACE. On entry it notes the time
 * and the arguments; on exit it writes one JSON record (kernel/trace/record.c formats it)
 * and hands it to the trace channel (kernel/trace/channel.c).
 *
 * The cost figure of a record is measured between the end of the entry hook and the start
 * of the exit hook, so it is the syscall's own cost, not the tracer's.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/syscall_trace.h>
#include <linux/entry-common.h>
#include <asm/syscall.h>
#include <asm/timex.h>
#include "trace.h"

struct trace_config trace_config;

/*
 * Each task's call in progress is its own (a call that sleeps is followed by other tasks'
 * calls before it returns): made at the task's first traced call, freed with the task. No
 * memory for it: that call goes unrecorded and counts as dropped.
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

long trace_syscall_enter(struct pt_regs *regs, long nr)
{
	const struct syscall_abi *abi = arch_syscall_abi(regs);
	struct trace_call *c;

	if (!abi || !trace_config.enabled || !trace_nr_selected(abi, nr))
		return nr;
	c = task_call(current);
	if (!c) {
		trace_count_dropped();
		return nr;
	}
	c->active = true;
	c->abi = abi;
	c->nr = nr;
	c->route = current_thread_info()->syscall_route;
	c->no_return = false;
	syscall_get_arguments(regs, c->args);
	trace_decode_entry(c);
	c->ts = get_cycles();		/* last: the cost excludes the tracer's own work */
	return nr;
}

void trace_syscall_exit(struct pt_regs *regs)
{
	u64 end = get_cycles();
	struct trace_call *c = current->trace_call;

	if (!c || !c->active)
		return;
	c->active = false;
	c->cycles = end - c->ts;
	c->ret = syscall_get_return_value(regs);
	trace_decode_exit(c);
	trace_emit_syscall(c);
}

/* Command line: trace=all, trace=comm:init,hello, trace=nr:write,getpid (combinable with ';'). */
static int trace_setup(char *val)
{
	trace_config.enabled = true;
	if (!*val || !strcmp(val, "all")) {
		trace_config.all = true;
		return 0;
	}
	for (char *part = val; part && *part;) {
		char *next = strchr(part, ';');

		if (next)
			*next++ = '\0';
		if (!strncmp(part, "comm:", 5))
			strlcpy(trace_config.comms, part + 5, sizeof(trace_config.comms));
		else if (!strncmp(part, "nr:", 3))
			strlcpy(trace_config.names, part + 3, sizeof(trace_config.names));
		else if (!strcmp(part, "all"))
			trace_config.all = true;
		else
			return -1;
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

static bool list_has(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, word, n) && (p[n] == ',' || p[n] == '\0'))
			return true;
	return false;
}

bool trace_nr_selected(const struct syscall_abi *abi, long nr)
{
	const char *name;

	if (!trace_config.names[0])
		return true;
	name = (unsigned long)nr < abi->nr_syscalls ? abi->names[nr] : NULL;
	return name && list_has(trace_config.names, name);
}

static void set_task_tracing(struct task_struct *t, bool on)
{
	if (on)
		t->thread_info.syscall_work |= SYSCALL_WORK_TRACE;
	else
		t->thread_info.syscall_work &= ~SYSCALL_WORK_TRACE;
}

void trace_task_exec(struct task_struct *t)
{
	if (!trace_config.enabled)
		return;
	/* trace=all or a syscall set without comm: traces every task; comm: picks by name. */
	if (trace_config.all || !trace_config.comms[0])
		set_task_tracing(t, true);
	else
		set_task_tracing(t, list_has(trace_config.comms, t->comm));
}

void trace_task_exit(struct task_struct *t, int code, bool group_dead)
{
	struct trace_call *c = t->trace_call;

	if (!trace_config.enabled)
		return;
	if (c && c->active) {		/* exit/exit_group: recorded now, as it never returns */
		c->active = false;
		c->cycles = get_cycles() - c->ts;
		c->no_return = true;
		trace_emit_syscall(c);
	}
	if (group_dead)
		trace_emit_exit(t, code);
}

int trace_set_current(bool on)
{
	if (on && !trace_config.enabled) {
		trace_config.enabled = true;	/* run-time start: everything, for this task */
		trace_config.all = true;
	}
	set_task_tracing(current, on);
	return 0;
}

/* Open the channel and write the header once, at boot, if tracing was asked for. */
void trace_init(void)
{
	if (!trace_config.enabled)
		return;
	if (!arch_trace_channel_init()) {
		pr_warn("trace: no trace channel on this machine: tracing off\n");
		trace_config.enabled = false;
		return;
	}
	trace_emit_header();
}
