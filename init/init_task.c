// SPDX-License-Identifier: GPL-2.0
/*
 * The first task: the boot CPU's context from start_kernel() on, which becomes CPU 0's idle
 * task (pid 0, "swapper/0") once it has started pid 1 (rest_init). It is the head of the
 * list of all tasks, and its process (init_signals) holds the boot-time limits every
 * process inherits.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/signal.h>

struct task_struct init_task;

static struct signal_struct init_signals = {
	.count = 1,
	.nr_threads = 1,
	.live = 1,
	.thread_head = { &init_task.thread_node, &init_task.thread_node },
	.wait_chldexit = __WAIT_QUEUE_HEAD_INITIALIZER(init_signals.wait_chldexit),
	.shared_pending = {
		.list = LIST_HEAD_INIT(init_signals.shared_pending.list),
	},
};

/* The boot's handlers: every signal SIG_DFL; kernel threads copy them. */
static struct sighand_struct init_sighand = {
	.count = 1,
	.siglock = __SPIN_LOCK_UNLOCKED(init_sighand.siglock),
	.signalfd_wqh = __WAIT_QUEUE_HEAD_INITIALIZER(init_sighand.signalfd_wqh),
};

struct task_struct init_task = {
	.__state = TASK_RUNNING,
	.flags = PF_KTHREAD,
	.usage = 2,
	.pid = 0,
	.tgid = 0,
	.real_parent = &init_task,
	.group_leader = &init_task,
	.children = LIST_HEAD_INIT(init_task.children),
	.sibling = LIST_HEAD_INIT(init_task.sibling),
	.thread_node = { &init_signals.thread_head, &init_signals.thread_head },
	.tasks = LIST_HEAD_INIT(init_task.tasks),
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.cpus_mask = CPU_MASK_ALL,
	.exit_signal = -1,
	.signal = &init_signals,
	.sighand = &init_sighand,
	.pending = { .list = LIST_HEAD_INIT(init_task.pending.list) },
	.sas_ss_flags = SS_DISABLE,
	.restart_block = { .fn = do_no_restart_syscall },
	.comm = "swapper/0",
	.loginuid = (uid_t)-1,		/* unset, as Linux's audit starts every task */
};
