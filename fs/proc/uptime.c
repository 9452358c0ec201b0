// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/uptime, /proc/loadavg, /proc/version and /proc/stat: the system-wide figures that
 * uptime, top, ps and procps's free read, in Linux 6.1's formats.
 *
 * Ferry keeps no per-CPU time accounting and no load average yet: /proc/stat's cpu lines
 * add up the live tasks' own times and those of the children they reaped, with idle the
 * rest of each CPU's time since boot, and the load averages read 0.00.
 */
#include "internal.h"
#include <linux/timekeeping.h>
#include <linux/smp.h>

/* The CPU time spent in user and system mode by tasks still around, in ns. */
static void cpu_times(u64 *user, u64 *system, unsigned long *ctxt, int *running)
{
	struct task_struct *t;
	unsigned long flags;

	*user = *system = 0;
	*ctxt = 0;
	*running = 0;
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process_thread(t) {
		*user += t->utime;
		*system += t->stime;
		*ctxt += t->nvcsw + t->nivcsw;
		if (READ_ONCE(t->__state) == TASK_RUNNING && !t->exit_state)
			(*running)++;
		if (thread_group_leader(t)) {
			*user += t->signal->cutime + t->signal->utime;
			*system += t->signal->cstime + t->signal->stime;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

static u64 idle_ns(u64 now, u64 user, u64 system)
{
	u64 all = now * nr_cpu_ids;

	return all > user + system ? all - user - system : 0;
}

int uptime_proc_show(struct seq_file *m, struct task_struct *unused)
{
	u64 now = ktime_get_ns(), user, system, idle;
	unsigned long ctxt;
	int running;

	cpu_times(&user, &system, &ctxt, &running);
	idle = idle_ns(now, user, system);
	seq_printf(m, "%llu.%02llu %llu.%02llu\n", now / NSEC_PER_SEC,
		   (now % NSEC_PER_SEC) / (NSEC_PER_SEC / 100), idle / NSEC_PER_SEC,
		   (idle % NSEC_PER_SEC) / (NSEC_PER_SEC / 100));
	return 0;
}

int loadavg_proc_show(struct seq_file *m, struct task_struct *unused)
{
	struct task_struct *t;
	int running = 0, threads = 0;
	pid_t last = 0;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_process_thread(t) {
		if (!t->pid || t->exit_state)
			continue;
		threads++;
		if (READ_ONCE(t->__state) == TASK_RUNNING)
			running++;
		if (t->pid > last)
			last = t->pid;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	/* load averages, runnable/threads, the most recent pid (here: the highest in use) */
	seq_printf(m, "0.00 0.00 0.00 %d/%d %d\n", running, threads, last);
	return 0;
}

int version_proc_show(struct seq_file *m, struct task_struct *unused)
{
	/* The same release and version words as uname(2) (kernel/sys.c). */
	seq_printf(m, "Linux version 6.1.0-ferry (ferry@ferry) (%s) #1 Ferry\n",
#ifdef __clang__
		   "clang version " __clang_version__
#elif defined(__CHECKER__)
		   "sparse"	/* sparse defines no __VERSION__: any string does for a check */
#else
		   "gcc version " __VERSION__
#endif
		   );
	return 0;
}

int stat_proc_show(struct seq_file *m, struct task_struct *unused)
{
	u64 now = ktime_get_ns(), user, system;
	unsigned long ctxt;
	int running;

	cpu_times(&user, &system, &ctxt, &running);
	/* user nice system idle iowait irq softirq steal guest guest_nice, in USER_HZ ticks */
	seq_printf(m, "cpu  %llu 0 %llu %llu 0 0 0 0 0 0\n", nsec_to_clock_t(user),
		   nsec_to_clock_t(system), nsec_to_clock_t(idle_ns(now, user, system)));
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++)
		seq_printf(m, "cpu%u %llu 0 %llu %llu 0 0 0 0 0 0\n", cpu,
			   nsec_to_clock_t(user / nr_cpu_ids), nsec_to_clock_t(system / nr_cpu_ids),
			   nsec_to_clock_t(idle_ns(now, user, system) / nr_cpu_ids));
	seq_puts(m, "intr 0\n");
	seq_printf(m, "ctxt %lu\n", ctxt);
	/* The realtime clock's value at boot, set from the RTC (Linux's getboottime64). */
	seq_printf(m, "btime %llu\n", (unsigned long long)(wall_offset_ns / NSEC_PER_SEC));
	seq_printf(m, "processes %lu\n", READ_ONCE(total_forks));
	seq_printf(m, "procs_running %d\nprocs_blocked 0\n", running);
	seq_puts(m, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
	return 0;
}
