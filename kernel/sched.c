// SPDX-License-Identifier: GPL-2.0
/*
 * Tasks and scheduling. So far there is one user task (init, pid 1) and schedule() has no
 * one else to run; the task list and the TIF_NEED_RESCHED hook in the exit path are where
 * fork and a real run queue plug in.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/vmalloc.h>
#include <linux/fs.h>

struct task_struct init_task = {
	.state = TASK_RUNNING,
	.pid = 1,
	.tgid = 1,
	.comm = "swapper",
};

static LIST_HEAD(task_list);

/* Give init a guarded kernel stack and standard input, output and error on the console. */
void sched_init(void)
{
	init_task.stack = alloc_kernel_stack();
	if (!init_task.stack)
		panic("sched_init: no memory for init's kernel stack");
	for (int fd = 0; fd < 3; fd++) {
		init_task.files[fd] = &console_file;
		console_file.count++;
	}
	list_add(&init_task.tasks, &task_list);
	set_current_task(&init_task);
}

void schedule(void)
{
	current_thread_info()->flags &= ~_TIF_NEED_RESCHED;
}
