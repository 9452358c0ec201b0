// SPDX-License-Identifier: GPL-2.0
/*
 * The scheduler: one run queue per CPU, round robin, with time slices ended by the tick.
 *
 * Linux without CONFIG_PREEMPT: a task gives the CPU up only in schedule(), which it calls
 * itself when it sleeps (wait queues, wait4, futex, nanosleep) or yields, and which the exit
 * work loop calls on the way back to user mode when TIF_NEED_RESCHED is set — by the tick
 * when the slice is used up, or by a wake-up of a task on a CPU that runs its idle task.
 * Kernel code is therefore never preempted; user code is, at any instruction, through the
 * timer interrupt's return to user mode (exit_to_user_mode_loop).
 *
 * Run queue (struct rq, one per CPU): rq->tasks holds the runnable tasks in turn order,
 * the running one included; the idle task is not on it and runs when it is empty.
 * Locking: rq->lock, with interrupts off, guards the list, rq->curr, and every task's
 * __state/on_rq changes made by wake-ups and by schedule(). It is held across the switch:
 * taken by the task that calls schedule(), released by the task switched to (after its own
 * schedule() returns, or in schedule_tail() for a new task), so no other CPU sees a task
 * half switched.
 *
 * Placement: a task runs only on a CPU of its cpus_mask that is active. select_task_rq()
 * picks one when a task is created and when it wakes on a CPU its mask no longer allows
 * (sched_setaffinity changed it while it slept); task_cpu(t) changes only with t off every
 * run queue and off every CPU, under the old run queue's lock, and task_rq_lock() re-checks
 * it after taking a lock. A running task whose mask drops its CPU keeps running there until
 * it sleeps (Linux migrates it at once with its stopper thread: not done, one CPU runs).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/vmalloc.h>
#include <linux/irqflags.h>
#include <linux/jiffies.h>
#include <linux/entry-common.h>
#include <linux/mm_types.h>
#include <linux/mmu_context.h>
#include <asm/switch_to.h>
#include <linux/syscalls.h>

#define SCHED_SLICE_TICKS	((HZ + 99) / 100 * 4)	/* 40 ms at HZ=100 */

struct rq {
	spinlock_t lock;
	struct list_head tasks;		/* runnable tasks, next to run first */
	unsigned int nr_running;
	struct task_struct *curr;
	struct task_struct *idle;
	u64 nr_switches;
};

static struct rq runqueues[NR_CPUS];

static inline struct rq *cpu_rq(int cpu)
{
	return &runqueues[cpu];
}

static inline struct rq *this_rq(void)
{
	return cpu_rq(smp_processor_id());
}

/* Where t may run: the lowest active CPU of its mask (sched_setaffinity keeps one there). */
static int select_task_rq(struct task_struct *t)
{
	unsigned int cpu = cpumask_first_and(&t->cpus_mask, &cpu_active_mask);

	return cpu < NR_CPUS ? (int)cpu : 0;
}

/* Lock the run queue t is on (or will be put on), which may change until it is held. */
static struct rq *task_rq_lock(struct task_struct *t, unsigned long *flags)
{
	for (;;) {
		struct rq *rq = cpu_rq(task_cpu(t));

		spin_lock_irqsave(&rq->lock, *flags);
		if (rq == cpu_rq(task_cpu(t)))
			return rq;
		spin_unlock_irqrestore(&rq->lock, *flags);
	}
}

static void task_rq_unlock(struct rq *rq, unsigned long *flags)
{
	spin_unlock_irqrestore(&rq->lock, *flags);
}

static void enqueue_task(struct rq *rq, struct task_struct *t)
{
	list_add_tail(&t->run_list, &rq->tasks);
	t->on_rq = 1;
	rq->nr_running++;
}

static void dequeue_task(struct rq *rq, struct task_struct *t)
{
	list_del_init(&t->run_list);
	t->on_rq = 0;
	rq->nr_running--;
}

/*
 * The idle task is running: it must look at the run queue again. On another CPU the flag
 * alone would wait for that CPU's next interrupt: the reschedule IPI wakes it now.
 */
static void kick_idle(struct rq *rq)
{
	if (rq->curr == rq->idle) {
		set_tsk_thread_flag(rq->idle, TIF_NEED_RESCHED);
		smp_send_reschedule(rq - runqueues);
	}
}

/* IPI_RESCHEDULE: a task was put on this CPU's queue; idle looks again on its way out. */
void scheduler_ipi(void)
{
	struct rq *rq = this_rq();

	if (rq->curr == rq->idle)
		set_tsk_thread_flag(rq->idle, TIF_NEED_RESCHED);
}

/*
 * Make t runnable if its state is one of 'state': 1 when this call woke it. A task that has
 * not yet left the CPU (its schedule() has not taken rq->lock) is only set RUNNING, which
 * keeps it on the run queue: the race with a sleeper is settled under rq->lock.
 */
static int try_to_wake_up(struct task_struct *t, long state)
{
	unsigned long flags;
	struct rq *rq = task_rq_lock(t, &flags);
	int woke = 0, cpu;

	if (t->__state & state) {
		t->__state = TASK_RUNNING;
		if (!t->on_rq) {
			cpu = task_cpu(t);
			if (!t->on_cpu && !cpumask_test_cpu(cpu, &t->cpus_mask)) {
				/* Its mask changed while it slept: move it (it is on no queue). */
				t->thread_info.cpu = select_task_rq(t);
				task_rq_unlock(rq, &flags);
				rq = task_rq_lock(t, &flags);
			}
			enqueue_task(rq, t);
			kick_idle(rq);
		}
		woke = 1;
	}
	task_rq_unlock(rq, &flags);
	return woke;
}

int wake_up_process(struct task_struct *t)
{
	return try_to_wake_up(t, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE);
}

int wake_up_state(struct task_struct *t, long state)
{
	return try_to_wake_up(t, state);
}

/*
 * sched_setaffinity's store: new & the active CPUs must name one, else -EINVAL and nothing
 * changes. The mask is kept as given (CPUs not up yet included), as Linux keeps cpus_mask.
 */
int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *new)
{
	struct cpumask usable;
	unsigned long flags;
	struct rq *rq;

	if (!cpumask_and(&usable, new, &cpu_active_mask))
		return -EINVAL;
	rq = task_rq_lock(p, &flags);
	p->cpus_mask = *new;
	task_rq_unlock(rq, &flags);
	return 0;
}

/* sched_getaffinity's answer: the CPUs p may run on that are active. */
void task_cpus_allowed(struct task_struct *p, struct cpumask *out)
{
	unsigned long flags;
	struct rq *rq = task_rq_lock(p, &flags);

	cpumask_and(out, &p->cpus_mask, &cpu_active_mask);
	task_rq_unlock(rq, &flags);
}

/* A new task's scheduler fields, before anyone can see it. */
void sched_fork(struct task_struct *t)
{
	t->__state = TASK_RUNNING;
	t->on_rq = 0;
	t->on_cpu = 0;
	INIT_LIST_HEAD(&t->run_list);
	t->time_slice = SCHED_SLICE_TICKS;
	t->thread_info.cpu = select_task_rq(t);	/* cpus_mask: the parent's copy */
	t->nvcsw = t->nivcsw = 0;
}

/* The first run of a new task: onto its run queue, behind the ones waiting already. */
void wake_up_new_task(struct task_struct *t)
{
	struct rq *rq = cpu_rq(task_cpu(t));
	unsigned long flags;

	spin_lock_irqsave(&rq->lock, flags);
	enqueue_task(rq, t);
	kick_idle(rq);
	spin_unlock_irqrestore(&rq->lock, flags);
}

/*
 * The switch is done, in next's context: release the run queue and, if prev has died,
 * drop the reference its running held (its kernel stack is not in use any more).
 */
static void finish_task_switch(struct rq *rq, struct task_struct *prev)
{
	long prev_state = prev->__state;

	prev->on_cpu = 0;
	spin_unlock_irq(&rq->lock);
	if (prev_state == TASK_DEAD)
		put_task_struct(prev);
}

/* A new task's first step, from ret_from_fork: the end of the switch that started it. */
void schedule_tail(struct task_struct *prev)
{
	finish_task_switch(this_rq(), prev);
}

static void context_switch(struct rq *rq, struct task_struct *prev, struct task_struct *next)
{
	/* Kernel threads run on the kernel-only tables (switch_mm(..., NULL)). */
	if (prev->mm != next->mm)
		switch_mm(prev->mm, next->mm);
	prev = switch_to(prev, next);
	/* Here in the context of the task that called schedule(), which runs again. */
	finish_task_switch(this_rq(), prev);
}

/*
 * Give the CPU to the next runnable task. Called with interrupts on or off; returns with
 * them on. A task that set itself TASK_INTERRUPTIBLE or TASK_UNINTERRUPTIBLE leaves the run
 * queue here (unless a wake-up came first, or a signal is pending for an interruptible
 * sleep); a running task goes to the back of the queue.
 */
void schedule(void)
{
	struct task_struct *prev = current, *next;
	struct rq *rq;

	schedule_debug_locks();		/* no spinlock may be held into the switch */
	local_irq_disable();
	rq = this_rq();
	spin_lock(&rq->lock);
	clear_tsk_thread_flag(prev, TIF_NEED_RESCHED);
	if (prev->__state != TASK_RUNNING) {
		if (prev->__state == TASK_INTERRUPTIBLE && signal_pending(prev))
			prev->__state = TASK_RUNNING;
		else if (prev->on_rq)
			dequeue_task(rq, prev);
	}
	if (prev->on_rq)
		list_move_tail(&prev->run_list, &rq->tasks);
	next = list_empty(&rq->tasks) ? rq->idle :
	       list_first_entry(&rq->tasks, struct task_struct, run_list);
	if (next == prev) {
		prev->time_slice = SCHED_SLICE_TICKS;	/* alone on the CPU: a new slice */
		spin_unlock_irq(&rq->lock);
		return;
	}
	/* A task that leaves the CPU still runnable was preempted (or yielded): involuntary. */
	if (prev->on_rq)
		prev->nivcsw++;
	else
		prev->nvcsw++;
	next->time_slice = SCHED_SLICE_TICKS;
	next->on_cpu = 1;
	rq->curr = next;
	rq->nr_switches++;
	context_switch(rq, prev, next);
}

/*
 * Every tick, on each CPU, from the timer interrupt: charge the tick to the running task
 * (user or kernel time, by where the interrupt came from) and end its slice when it is
 * used up. The switch itself happens on the way out of the interrupt, if it returns to
 * user mode, or at the task's next schedule().
 */
void scheduler_tick(struct pt_regs *regs)
{
	struct task_struct *t = current;
	struct rq *rq = this_rq();

	if (user_mode(regs))
		t->utime += TICK_NSEC;
	else
		t->stime += TICK_NSEC;
	if (t == rq->idle)
		return;
	/* A used-up slice asks at every tick until another task is there to take over. */
	if (t->time_slice)
		t->time_slice--;
	if (!t->time_slice && rq->nr_running > 1)
		set_tsk_thread_flag(t, TIF_NEED_RESCHED);
}

/* sched_yield: to the back of the queue; any other runnable task runs first. */
SYSCALL_DEFINE0(sched_yield)
{
	schedule();
	return 0;
}

/* The idle loop of a CPU: sleep until an interrupt, look for work when asked. */
void __noreturn cpu_idle(void)
{
	for (;;) {
		local_irq_disable();
		if (need_resched()) {
			schedule();
			continue;
		}
		arch_cpu_idle();	/* enables interrupts and waits for one */
	}
}

/* CPU 0: its idle task is the boot context (init_task), already running. */
void sched_init(void)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct rq *rq = cpu_rq(cpu);

		spin_lock_init(&rq->lock);
		INIT_LIST_HEAD(&rq->tasks);
	}
	init_task.stack = alloc_kernel_stack();
	if (!init_task.stack)
		panic("sched_init: no memory for the idle task's kernel stack");
	INIT_LIST_HEAD(&init_task.run_list);
	init_task.thread_info.cpu = 0;
	init_task.on_cpu = 1;
	cpu_rq(0)->idle = cpu_rq(0)->curr = &init_task;
	set_current_task(&init_task);
}

/* Another CPU's idle task, before that CPU starts on it: it is already "running" there. */
void init_idle(struct task_struct *idle, int cpu)
{
	struct rq *rq = cpu_rq(cpu);
	unsigned long flags;

	spin_lock_irqsave(&rq->lock, flags);
	idle->__state = TASK_RUNNING;
	idle->on_cpu = 1;
	idle->on_rq = 0;
	idle->thread_info.cpu = cpu;
	rq->idle = rq->curr = idle;
	spin_unlock_irqrestore(&rq->lock, flags);
}
