// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/<pid>/stat, status and statm: a process as ps, top and their friends read it, in
 * Linux 6.1's formats (fields Ferry does not keep read 0, as Linux prints them for a task
 * without the feature). A /proc/<pid> file speaks for the whole process (times and faults of
 * all its threads); task/<tid>/ files for one thread.
 */
#include "internal.h"
#include <linux/mm_types.h>
#include <linux/fdtable.h>
#include <linux/resource.h>
#include <linux/cred.h>
#include <linux/string.h>

/* The state letter and word, as Linux's task_state_array. */
static const char *task_state_name(struct task_struct *t)
{
	if (t->exit_state == EXIT_ZOMBIE)
		return "Z (zombie)";
	if (t->exit_state == EXIT_DEAD)
		return "X (dead)";
	switch (READ_ONCE(t->__state)) {
	case TASK_RUNNING:
		return "R (running)";
	case TASK_INTERRUPTIBLE:
		return "S (sleeping)";
	case TASK_UNINTERRUPTIBLE:
		return "D (disk sleep)";
	default:
		return "S (sleeping)";
	}
}

/* What a file in /proc/<pid> (whole) or task/<tid> (one thread) reports. */
struct task_figures {
	pid_t ppid, pgrp, session;
	int nr_threads;
	u64 utime, stime, cutime, cstime;
	unsigned long min_flt, maj_flt, cmin_flt, cmaj_flt, nvcsw, nivcsw;
	unsigned long rsslim;
};

static void task_figures(struct task_struct *task, bool whole, struct task_figures *f)
{
	struct signal_struct *sig = task->signal;
	struct task_struct *t;
	unsigned long flags;

	memset(f, 0, sizeof(*f));
	spin_lock_irqsave(&tasklist_lock, flags);
	f->ppid = task->pid ? task->real_parent->tgid : 0;
	f->pgrp = sig->pgrp;
	f->session = sig->session;
	f->nr_threads = sig->nr_threads;
	f->cutime = sig->cutime;
	f->cstime = sig->cstime;
	f->cmin_flt = sig->cmin_flt;
	f->cmaj_flt = sig->cmaj_flt;
	f->rsslim = sig->rlim[RLIMIT_RSS].rlim_cur;
	if (whole) {
		/* the live threads, plus what exited threads left in the group's totals */
		list_for_each_entry(t, &sig->thread_head, thread_node) {
			f->utime += t->utime;
			f->stime += t->stime;
			f->min_flt += t->min_flt;
			f->maj_flt += t->maj_flt;
		}
		f->utime += sig->utime;
		f->stime += sig->stime;
		f->min_flt += sig->min_flt;
		f->maj_flt += sig->maj_flt;
	} else {
		f->utime = task->utime;
		f->stime = task->stime;
		f->min_flt = task->min_flt;
		f->maj_flt = task->maj_flt;
	}
	f->nvcsw = task->nvcsw;
	f->nivcsw = task->nivcsw;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* Is this a per-thread file (task/<tid>/...)? The show function sees it in the inode. */
static bool whole_process(struct seq_file *m)
{
	return proc_unpack(file_inode(m->file)).tid == 0;
}

static void get_comm(char *buf, struct task_struct *t)
{
	memcpy(buf, t->comm, TASK_COMM_LEN);
	buf[TASK_COMM_LEN - 1] = 0;
}

int proc_pid_stat(struct seq_file *m, struct task_struct *task)
{
	bool permitted = proc_may_access(task), whole = whole_process(m);
	struct mm_struct *mm = get_task_mm(task);
	struct mm_figures mf = { 0 };
	struct task_figures f;
	char comm[TASK_COMM_LEN];

	task_figures(task, whole, &f);
	if (mm)
		mm_figures(mm, &mf);
	get_comm(comm, task);
	seq_printf(m, "%d (%s) %c %d %d %d %d %d %u %lu %lu %lu %lu %llu %llu %llu %llu",
		   task->pid, comm, *task_state_name(task), f.ppid, f.pgrp, f.session,
		   0, -1,				/* tty_nr, tpgid: no controlling tty */
		   task->flags, f.min_flt, f.cmin_flt, f.maj_flt, f.cmaj_flt,
		   nsec_to_clock_t(f.utime), nsec_to_clock_t(f.stime),
		   nsec_to_clock_t(f.cutime), nsec_to_clock_t(f.cstime));
	/* priority 20 and nice 0 (SCHED_OTHER at the default), threads, itrealvalue 0 */
	seq_printf(m, " 20 0 %d 0 %llu %lu %lu %lu", f.nr_threads,
		   nsec_to_clock_t(task->start_time), mf.vsize_pages * PAGE_SIZE, mf.rss_pages,
		   f.rsslim);
	seq_printf(m, " %lu %lu %lu 0 0",
		   mm ? (permitted ? mm->start_code : 1) : 0,
		   mm ? (permitted ? mm->end_code : 1) : 0,
		   mm && permitted ? mm->start_stack : 0);
	/* signal, blocked, sigignore, sigcatch (the signals issue), wchan, nswap, cnswap */
	seq_printf(m, " 0 0 0 0 %d 0 0 %d %d 0 0 0 0 0",
		   permitted && (!whole || f.nr_threads < 2) && READ_ONCE(task->__state) != 0,
		   task->exit_signal, task_cpu(task));
	if (mm && permitted)
		seq_printf(m, " %lu %lu %lu %lu %lu %lu %lu", mm->start_data, mm->end_data,
			   mm->start_brk, mm->arg_start, mm->arg_end, mm->env_start, mm->env_end);
	else
		seq_puts(m, " 0 0 0 0 0 0 0");
	seq_printf(m, " %d\n", permitted ? task->exit_code : 0);
	if (mm)
		mmput(mm);
	return 0;
}

int proc_pid_statm(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);
	struct mm_figures mf = { 0 };

	if (mm) {
		mm_figures(mm, &mf);
		mmput(mm);
	}
	/* size resident shared text lib data dt, in pages */
	seq_printf(m, "%lu %lu %lu %lu 0 %lu 0\n", mf.vsize_pages, mf.rss_pages, 0UL,
		   mf.text_pages, mf.data_pages + mf.stack_pages);
	return 0;
}

static void status_mem(struct seq_file *m, struct mm_struct *mm)
{
	struct mm_figures f = { 0 };
	unsigned long kb = PAGE_SIZE / 1024;

	mm_figures(mm, &f);
	seq_printf(m, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\n", f.vsize_pages * kb,
		   f.vsize_pages * kb);
	seq_printf(m, "VmLck:\t%8lu kB\nVmPin:\t%8lu kB\n", 0UL, 0UL);
	seq_printf(m, "VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\n", f.rss_pages * kb, f.rss_pages * kb);
	seq_printf(m, "RssAnon:\t%8lu kB\nRssFile:\t%8lu kB\nRssShmem:\t%8lu kB\n",
		   f.rss_pages * kb, 0UL, 0UL);
	seq_printf(m, "VmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\n",
		   f.data_pages * kb, f.stack_pages * kb, f.text_pages * kb);
	seq_printf(m, "VmLib:\t%8lu kB\nVmPTE:\t%8lu kB\nVmSwap:\t%8lu kB\n", 0UL, 0UL, 0UL);
	seq_printf(m, "HugetlbPages:\t%8lu kB\n", 0UL);
	seq_puts(m, "CoreDumping:\t0\nTHP_enabled:\t1\n");
}

/* A capability set: every capability of Linux 6.1 (CAP_LAST_CAP 40) for root, else none. */
static const char *caps_of(uid_t euid)
{
	return euid == 0 ? "000001ffffffffff" : "0000000000000000";
}

int proc_pid_status(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);
	const struct cred *c = &task->cred;
	struct task_figures f;
	char comm[TASK_COMM_LEN];
	int fdsize = 0;

	task_figures(task, whole_process(m), &f);
	get_comm(comm, task);
	seq_printf(m, "Name:\t%s\n", comm);
	seq_printf(m, "Umask:\t%04o\n", task_umask(task));
	seq_printf(m, "State:\t%s\n", task_state_name(task));
	seq_printf(m, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n",
		   task->tgid, task->pid, f.ppid);
	seq_printf(m, "Uid:\t%u\t%u\t%u\t%u\n", c->uid, c->euid, c->suid, c->fsuid);
	seq_printf(m, "Gid:\t%u\t%u\t%u\t%u\n", c->gid, c->egid, c->sgid, c->fsgid);
	if (task->files)
		fdsize = READ_ONCE(task->files->max_fds);
	seq_printf(m, "FDSize:\t%d\nGroups:\t", fdsize);
	if (c->group_info)
		for (int g = 0; g < c->group_info->ngroups; g++)
			seq_printf(m, g ? " %u" : "%u", c->group_info->gid[g]);
	/* Linux ends the list with a space, even an empty one ("Groups:\t \n") */
	seq_printf(m, " \nNStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n",
		   task->tgid, task->pid, f.pgrp, f.session);
	if (mm) {
		status_mem(m, mm);
		mmput(mm);
	}
	seq_printf(m, "Threads:\t%d\nSigQ:\t0/%lu\n", f.nr_threads,
		   task_rlimit(task, RLIMIT_SIGPENDING));
	/* the signals issue fills these five masks */
	seq_puts(m, "SigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\n"
		    "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n"
		    "SigCgt:\t0000000000000000\n");
	seq_printf(m, "CapInh:\t0000000000000000\nCapPrm:\t%s\nCapEff:\t%s\n",
		   caps_of(c->euid), caps_of(c->euid));
	seq_puts(m, "CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\n");
	seq_puts(m, "NoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
	seq_puts(m, "Speculation_Store_Bypass:\tthread vulnerable\n"
		    "SpeculationIndirectBranch:\tconditional enabled\n");
	/* one CPU, one memory node */
	seq_puts(m, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\n"
		    "Mems_allowed:\t1\nMems_allowed_list:\t0\n");
	seq_printf(m, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n",
		   f.nvcsw, f.nivcsw);
	return 0;
}
