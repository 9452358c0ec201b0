/*
 * Tasks: struct task_struct is one thread of execution; a process is a thread group (the
 * tasks sharing one struct signal_struct, led by the task whose pid is the group's tgid).
 * 'current' (asm/current.h) is the task running on this CPU.
 *
 * Locking rules (collected in docs/processes.md; the whole order in docs/smp.md, "Locks and
 * their order"):
 *   tasklist_lock   the task list, pid lookup, parent/children/sibling links, thread-group
 *                   membership, exit_state and reaping. Taken with interrupts off (a timer
 *                   interrupt never takes it, but wakers under it take rq->lock).
 *   rq->lock        a CPU's run queue and the __state/on_rq of the tasks on it; held across
 *                   the switch and released by the task switched to (kernel/sched/core.c).
 *                   Two of them: the lower CPU's first.
 *   wq->lock        a wait queue's list (linux/wait.h). Order: tasklist_lock, wq->lock,
 *                   rq->lock — never the other way round.
 *   files->lock     a file table's slots (linux/fdtable.h).
 *   A task's own fields that only it changes (cred, comm, the thread pointers) need no lock
 *   for the task itself to read.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/signal_types.h>
#include <linux/thread_info.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/might_sleep.h>
#include <linux/wait.h>
#include <linux/cred.h>
#include <linux/resource.h>
#include <linux/cpumask.h>
#include <asm/processor.h>
#include <asm/thread_info.h>

struct mm_struct;
struct files_struct;
struct fs_struct;
struct pt_regs;
struct trace_call;

#define TASK_COMM_LEN 16

/* __state: may the task run? (Linux's values) */
#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001	/* asleep; a signal wakes it */
#define TASK_UNINTERRUPTIBLE	0x0002	/* asleep; only its event wakes it */
#define TASK_STOPPED		0x0004	/* in a job-control stop: SIGCONT or SIGKILL wakes it */
#define TASK_DEAD		0x0080	/* switched away from for the last time */

/* exit_state: what is left after do_exit(). */
#define EXIT_DEAD		0x0010	/* reaped (or never to be reaped): being freed */
#define EXIT_ZOMBIE		0x0020	/* waiting for its parent's wait() */

/* flags */
#define PF_EXITING		0x00000004
#define PF_FORKNOEXEC		0x00000040	/* forked, not yet exec'd (setpgid's EACCES) */
#define PF_KTHREAD		0x00200000	/* a kernel thread: no user mm of its own */

#define PID_MAX_DEFAULT		0x8000		/* pids run 1..32767, then wrap (Linux) */
#define RESERVED_PIDS		300		/* after a wrap, allocation restarts here */

/* clone flags (Linux's uapi/linux/sched.h); the low byte is the exit signal (CSIGNAL). */
#define CSIGNAL			0x000000ff
#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_PIDFD		0x00001000
#define CLONE_PTRACE		0x00002000
#define CLONE_VFORK		0x00004000
#define CLONE_PARENT		0x00008000
#define CLONE_THREAD		0x00010000
#define CLONE_NEWNS		0x00020000
#define CLONE_SYSVSEM		0x00040000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_DETACHED		0x00400000
#define CLONE_UNTRACED		0x00800000
#define CLONE_CHILD_SETTID	0x01000000
#define CLONE_NEWCGROUP		0x02000000
#define CLONE_NEWUTS		0x04000000
#define CLONE_NEWIPC		0x08000000
#define CLONE_NEWUSER		0x10000000
#define CLONE_NEWPID		0x20000000
#define CLONE_NEWNET		0x40000000
#define CLONE_IO		0x80000000
#define CLONE_CLEAR_SIGHAND	0x100000000ULL
#define CLONE_INTO_CGROUP	0x200000000ULL

/*
 * The signal handlers, shared by CLONE_SIGHAND (every thread of a process, and vfork-style
 * clones that ask). siglock guards them and the signal state named in
 * linux/signal_types.h's locking rules. Freed when count drops to 0.
 */
struct sighand_struct {
	int count;			/* tasks pointing here (under siglock) */
	spinlock_t siglock;
	struct wait_queue_head signalfd_wqh;	/* signalfd readers (if signalfd exists) */
	struct k_sigaction action[_NSIG];	/* action[sig - 1] */
};

/*
 * What a process shares between its threads (Linux's signal_struct; the handlers are in
 * sighand_struct). Protected by tasklist_lock unless a field says otherwise.
 */
struct signal_struct {
	int count;			/* tasks pointing here */
	int nr_threads;			/* threads in the group */
	int live;			/* threads not yet past do_exit's point of no return */
	struct list_head thread_head;	/* the threads (task->thread_node) */
	struct wait_queue_head wait_chldexit;	/* wait4/waitid sleep here */
	int group_exit_code;		/* exit_group's code, for the threads that follow */
	unsigned int flags;		/* SIGNAL_GROUP_EXIT */
	struct task_struct *group_exec_task;	/* the thread whose exec ends the others */
	pid_t pgrp, session;		/* process group and session ids */
	struct tty_struct *tty;		/* the controlling terminal, or NULL (drivers/tty) */
	struct rlimit rlim[RLIM_NLIMITS];	/* changed only by this process or prlimit64 */
	/* Times and counts of reaped children (wait4's and getrusage(RUSAGE_CHILDREN)'s). */
	u64 cutime, cstime;		/* nanoseconds */
	unsigned long cnvcsw, cnivcsw, cmin_flt, cmaj_flt, cmaxrss;
	/* Those of threads that already exited (getrusage(RUSAGE_SELF) adds them). */
	u64 utime, stime;
	unsigned long nvcsw, nivcsw, min_flt, maj_flt;

	/* Signals (under sighand->siglock). */
	struct sigpending shared_pending;	/* sent to the process: any thread may take them */
	struct task_struct *curr_target;	/* where the last group signal looked first */
	int group_stop_count;		/* threads yet to stop for a group stop */
	/* ITIMER_REAL / alarm: expiry in ns of CLOCK_MONOTONIC (0: off) and its interval. */
	u64 it_real_expires, it_real_incr;
	struct timer_list *real_timer;	/* kernel/itimer.c's timer for it, or NULL */
};

#define SIGNAL_STOP_STOPPED	0x00000001	/* the job-control stop is complete */
#define SIGNAL_STOP_CONTINUED	0x00000002	/* SIGCONT since the last report to the parent */
#define SIGNAL_GROUP_EXIT	0x00000004	/* exit_group() ran: every thread is to exit */
#define SIGNAL_CLD_STOPPED	0x00000010	/* the parent is to hear CLD_STOPPED */
#define SIGNAL_CLD_CONTINUED	0x00000020	/* the parent is to hear CLD_CONTINUED */
#define SIGNAL_UNKILLABLE	0x00000040	/* init: only signals it has handlers for */

/* task->jobctl (Linux's bits that matter without ptrace) */
#define JOBCTL_STOP_SIGMASK	0xffff		/* the signal that stopped the group */
#define JOBCTL_STOP_DEQUEUED	(1UL << 16)	/* a stop signal was taken: stop may proceed */
#define JOBCTL_STOP_PENDING	(1UL << 17)	/* this thread is to take part in a group stop */
#define JOBCTL_STOP_CONSUME	(1UL << 18)	/* it counts in group_stop_count */

struct task_struct {
	struct thread_info thread_info;	/* must stay first: entry code reaches it from current */
	void *stack;			/* kernel stack base; pt_regs sit at its top */
	volatile long __state;		/* TASK_RUNNING, TASK_INTERRUPTIBLE, ... (rq->lock) */
	int exit_state;			/* 0, EXIT_ZOMBIE or EXIT_DEAD (tasklist_lock) */
	unsigned int flags;		/* PF_* */
	int usage;			/* references: freed at 0 (put_task_struct) */
	int on_rq;			/* on its run queue (rq->lock) */
	int on_cpu;			/* running, or still switching away (rq->lock) */
	int migrate_pending;		/* left its CPU for one its mask allows (rq->lock) */
	struct list_head run_list;	/* in rq->tasks while on_rq */
	unsigned int time_slice;	/* ticks left before the tick asks to reschedule */
	/*
	 * The CPUs this task may run on (sched_setaffinity; fork copies it). Written under the
	 * rq->lock of the task's CPU, read by the scheduler under it: a task is only ever
	 * placed on a run queue of a CPU in this mask (select_task_rq).
	 */
	struct cpumask cpus_mask;

	pid_t pid;			/* thread id */
	pid_t tgid;			/* process id: the group leader's pid */
	struct task_struct *real_parent;	/* the parent (reparented to init when it dies) */
	struct task_struct *group_leader;
	struct list_head children;	/* the tasks whose real_parent this is */
	struct list_head sibling;	/* in real_parent->children */
	struct list_head thread_node;	/* in signal->thread_head */
	struct list_head tasks;		/* in the list of every task */
	struct task_struct *pid_next;	/* pid hash chain */
	int exit_code;			/* wait status: (code << 8) | signal */
	int exit_signal;		/* signal to the parent at exit; -1 for a thread */

	struct mm_struct *mm;		/* address space; NULL for a kernel thread */
	struct files_struct *files;	/* file descriptors (linux/fdtable.h) */
	struct fs_struct *fs;		/* root, working directory, umask (linux/fs_struct.h) */
	struct signal_struct *signal;
	struct cred cred;
	uid_t loginuid;			/* /proc/PID/loginuid: who logged in; -1 until set (AUDIT_UID_UNSET) */

	/* Signals (linux/signal_types.h; the masks and pending set under sighand->siglock). */
	struct sighand_struct *sighand;
	sigset_t blocked;		/* the mask now */
	sigset_t real_blocked;		/* rt_sigtimedwait's mask while it waits */
	sigset_t saved_sigmask;		/* sigsuspend/ppoll's mask to restore (restore_sigmask) */
	bool restore_sigmask;		/* saved_sigmask is to be restored on the way out */
	struct sigpending pending;	/* sent to this thread */
	unsigned long jobctl;		/* JOBCTL_*: this thread's part of a group stop */
	unsigned long sas_ss_sp;	/* sigaltstack (current only) */
	size_t sas_ss_size;
	unsigned int sas_ss_flags;
	struct restart_block restart_block;	/* restart_syscall's (current only) */

	int __user *set_child_tid;	/* CLONE_CHILD_SETTID */
	int __user *clear_child_tid;	/* CLONE_CHILD_CLEARTID, set_tid_address */
	void __user *robust_list;	/* set_robust_list */
	size_t robust_list_len;
	struct completion *vfork_done;	/* CLONE_VFORK: the parent waits on it */

	u64 utime, stime;		/* nanoseconds in user / kernel mode (ticks) */
	u64 start_time;			/* ns since boot */
	unsigned long nvcsw, nivcsw;	/* voluntary / involuntary switches */
	unsigned long min_flt, maj_flt;	/* page faults */

	struct trace_call *trace_call;	/* the traced syscall in progress (kernel/trace) */
	char comm[TASK_COMM_LEN];	/* executable name, for messages and trace filters */
	char proc_link[32];		/* procfs: /proc/self's target for this task's own walk */
	struct thread_struct thread;	/* arch: saved kernel context, TLS, FP/SIMD state */
};

/* A one-shot event a task waits for (vfork). */
struct completion {
	int done;
	struct wait_queue_head wait;
};

#include <asm/current.h>

static inline struct thread_info *current_thread_info(void)
{
	return &current->thread_info;
}

static inline struct thread_info *task_thread_info(struct task_struct *t)
{
	return &t->thread_info;
}

static inline bool test_thread_flag(int flag)
{
	return current_thread_info()->flags & (1UL << flag);
}

static inline void set_tsk_thread_flag(struct task_struct *t, int flag)
{
	__atomic_fetch_or(&t->thread_info.flags, 1UL << flag, __ATOMIC_RELAXED);
}

static inline void clear_tsk_thread_flag(struct task_struct *t, int flag)
{
	__atomic_fetch_and(&t->thread_info.flags, ~(1UL << flag), __ATOMIC_RELAXED);
}

static inline bool signal_pending(struct task_struct *t)
{
	return READ_ONCE(t->thread_info.flags) & _TIF_SIGPENDING;
}

static inline bool need_resched(void)
{
	return READ_ONCE(current_thread_info()->flags) & _TIF_NEED_RESCHED;
}

static inline int task_cpu(const struct task_struct *t)
{
	return t->thread_info.cpu;
}

/*
 * Sleep without a wait-queue lock: set the state, then test the condition, then schedule().
 * The full barrier keeps the test from being done before the state store is visible (arm64
 * may otherwise satisfy the load first); the waker has its own after it takes rq->lock
 * (try_to_wake_up), so one of the two always sees the other's store. Linux's rule.
 */
#define set_current_state(s) do {						\
	current->__state = (s);							\
	__atomic_thread_fence(__ATOMIC_SEQ_CST);				\
} while (0)

/* This CPU's number: the running task's (set when it is switched in). */
#define smp_processor_id()	(current_thread_info()->cpu)

static inline bool thread_group_leader(const struct task_struct *t)
{
	return t->group_leader == t;
}

static inline unsigned long task_rlimit(const struct task_struct *t, unsigned int limit)
{
	return READ_ONCE(t->signal->rlim[limit].rlim_cur);
}

/* The user registers of a task, saved at the top of its kernel stack by the entry code. */
#define task_pt_regs(t) ((struct pt_regs *)((char *)(t)->stack + THREAD_SIZE) - 1)
#define current_pt_regs() task_pt_regs(current)

extern struct task_struct init_task;		/* CPU 0's idle task, pid 0 ("swapper/0") */
extern struct task_struct *child_reaper;	/* pid 1: inherits orphans */
extern spinlock_t tasklist_lock;
extern int pid_max;
extern int nr_threads, max_threads;		/* tasks now, and the most there may be */
extern unsigned long total_forks;		/* tasks created since boot (/proc/stat) */

#define for_each_process_thread(t) list_for_each_entry(t, &init_task.tasks, tasks)

/* kernel/sched/core.c */
void sched_init(void);
void schedule(void);
void __noreturn cpu_idle(void);
int wake_up_process(struct task_struct *t);
void wake_up_new_task(struct task_struct *t);
void scheduler_tick(struct pt_regs *regs);	/* from the timer interrupt */
int wake_up_state(struct task_struct *t, long state);
void sched_fork(struct task_struct *t);
/* Affinity (kernel/sched/core.c): store p's mask (-EINVAL: no active CPU in it); read it. */
int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *new);
void task_cpus_allowed(struct task_struct *p, struct cpumask *out);
void init_idle(struct task_struct *idle, int cpu);	/* a secondary CPU's idle task */
void scheduler_ipi(void);			/* IPI_RESCHEDULE */
void schedule_tail(struct task_struct *prev);	/* a new task's first steps (ret_from_fork) */
/* A new task's first C code, from the arch's ret_from_fork_asm (kernel/fork.c). */
void ret_from_fork(struct task_struct *prev, struct pt_regs *regs, int (*fn)(void *), void *arg);
long schedule_timeout(long ticks);		/* sleep up to ticks; ticks left */

/* kernel/sched/completion.c */
void init_completion(struct completion *c);
void complete(struct completion *c);
void wait_for_completion(struct completion *c);

/* kernel/fork.c */
struct kernel_clone_args {
	u64 flags;
	int __user *pidfd;
	int __user *child_tid;
	int __user *parent_tid;
	int exit_signal;
	unsigned long stack;
	unsigned long stack_size;
	unsigned long tls;
	int (*fn)(void *);		/* a kernel thread's function, else NULL */
	void *fn_arg;
};
pid_t kernel_clone(struct kernel_clone_args *args);
pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name, unsigned long flags);
void put_task_struct(struct task_struct *t);
struct task_struct *fork_idle(int cpu);		/* CPU cpu's idle task, pid 0 */
void fork_init(void);

/* kernel/pid.c */
struct task_struct *find_task_by_pid(pid_t pid);	/* under tasklist_lock */
int alloc_pid(void);					/* under tasklist_lock */
void free_pid(pid_t pid);				/* under tasklist_lock */
void attach_pid(struct task_struct *t);			/* under tasklist_lock */
void detach_pid(struct task_struct *t);			/* under tasklist_lock */

/* kernel/exit.c */
void __noreturn do_exit(long code);
void __noreturn do_group_exit(int code);
void zap_other_threads(struct signal_struct *sig, int code, struct task_struct *except);
void signal_wake_others(struct signal_struct *sig, struct task_struct *except);
void mm_release(struct task_struct *t, struct mm_struct *mm);	/* exec and exit */
void exec_take_leadership(void);	/* exec from a thread: it becomes the process */

/* arch: set the new task's kernel stack up so its first switch lands in ret_from_fork */
int copy_thread(struct task_struct *p, const struct kernel_clone_args *args);

#endif
