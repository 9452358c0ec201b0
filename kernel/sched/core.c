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
 * __state/on_rq/migrate_pending changes made by wake-ups and by schedule(). It is held
 * across the switch: taken by the task that calls schedule(), released by the task switched
 * to on the same CPU (after its own schedule() returns, or in schedule_tail() for a new
 * task), so no other CPU sees a task half switched.
 *
 * Lock order: tasklist_lock, then a wait queue's lock, then run-queue locks. Two run-queue
 * locks (a pull, a move by sched_setaffinity) are taken in CPU-number order, the lower
 * first (double_rq_lock); a CPU that holds its own and wants a lower one lets its own go
 * first. No run-queue lock is held while taking any other lock.
 *
 * Placement: a task runs only on a CPU of its cpus_mask that is active.
 *   - A new task (fork, clone) goes to the least loaded such CPU: fewest tasks on its run
 *     queue, the parent's CPU on a tie, then the lowest number (select_task_rq).
 *   - A waking task stays on its CPU (its cache is there) unless its mask no longer allows
 *     it; then it goes where a new task would.
 *   - An idle CPU pulls: its idle loop, on every pass (after each interrupt, the tick
 *     included), takes one task from the busiest run queue that is queued but not running
 *     and whose mask allows this CPU (idle_balance).
 *   - sched_setaffinity that forbids a task's CPU moves it: a queued, not running task at
 *     once to where a new task would go; a running one is asked to reschedule (the flag,
 *     and an IPI when it runs on another CPU) and schedule() takes it off its queue on its
 *     way out (migrate_pending); once the switch away is finished, finish_task_switch()
 *     queues it where a new task would go. A sleeping task is moved when it wakes. So a
 *     task that forbids its own CPU runs on an allowed one by the time the syscall returns
 *     to user mode. An idle task never moves.
 * task_cpu(t) changes only with t off every CPU: under both run queues' locks for a queued
 * task, under the new one's for a task on no queue; task_rq_lock() re-checks it after
 * taking a lock.
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

/*
 * Where t should run: the active CPU of its mask with the fewest queued tasks; prefer is
 * taken on a tie (the parent's CPU, the waker's), then the lowest number. The counts are
 * read without their locks: a hint, settled by the idle CPUs' pulls.
 */
static int select_task_rq(struct task_struct *t, int prefer)
{
	unsigned int cpu, best = NR_CPUS, best_load = ~0u;

	for_each_cpu(cpu, &cpu_active_mask) {
		unsigned int load;

		if (!cpumask_test_cpu(cpu, &t->cpus_mask))
			continue;
		load = READ_ONCE(cpu_rq(cpu)->nr_running);
		if (load < best_load || (load == best_load && (int)cpu == prefer)) {
			best = cpu;
			best_load = load;
		}
	}
	return best < NR_CPUS ? (int)best : 0;	/* set_cpus_allowed_ptr keeps one active */
}

/* Both run queues locked, the lower CPU's first (interrupts already off). */
static void double_rq_lock(struct rq *a, struct rq *b)
{
	if (a == b) {
		spin_lock(&a->lock);
	} else if (a < b) {
		spin_lock(&a->lock);
		spin_lock(&b->lock);
	} else {
		spin_lock(&b->lock);
		spin_lock(&a->lock);
	}
}

static void double_rq_unlock(struct rq *a, struct rq *b)
{
	spin_unlock(&a->lock);
	if (a != b)
		spin_unlock(&b->lock);
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

/* A queued, not running t from src to dst; both locks held. */
static void move_queued_task(struct rq *src, struct rq *dst, struct task_struct *t)
{
	dequeue_task(src, t);
	t->thread_info.cpu = dst - runqueues;
	enqueue_task(dst, t);
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

	/* The waker's condition store before the read of __state: pairs with the barrier in
	 * set_current_state() (a lock's acquire does not order an earlier store). */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (t->__state & state) {
		t->__state = TASK_RUNNING;
		if (!t->on_rq) {
			cpu = task_cpu(t);
			if (!t->on_cpu && !cpumask_test_cpu(cpu, &t->cpus_mask)) {
				/* Its mask changed while it slept: move it (it is on no queue). */
				t->thread_info.cpu = select_task_rq(t, smp_processor_id());
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

/* Move p, queued and not running on a CPU its mask forbids, to where a new task would go. */
static void move_forbidden_task(struct task_struct *p)
{
	unsigned long flags;
	struct rq *src, *dst;

	local_irq_save(flags);
	for (;;) {
		src = cpu_rq(task_cpu(p));
		dst = cpu_rq(select_task_rq(p, -1));
		double_rq_lock(src, dst);
		if (src == cpu_rq(task_cpu(p)))
			break;
		double_rq_unlock(src, dst);	/* it moved meanwhile: look again */
	}
	/* Still queued, not running, still forbidden there (else someone else saw to it)? */
	if (p->on_rq && !p->on_cpu && !p->migrate_pending &&
	    !cpumask_test_cpu(task_cpu(p), &p->cpus_mask) &&
	    cpumask_test_cpu(dst - runqueues, &p->cpus_mask)) {
		move_queued_task(src, dst, p);
		kick_idle(dst);
	}
	double_rq_unlock(src, dst);
	local_irq_restore(flags);
}

/*
 * sched_setaffinity's store: new & the active CPUs must name one, else -EINVAL and nothing
 * changes. The mask is kept as given (CPUs not up yet included), as Linux keeps cpus_mask.
 * A task on a CPU the new mask forbids is moved (the rule at the top of this file).
 */
int set_cpus_allowed_ptr(struct task_struct *p, const struct cpumask *new)
{
	struct cpumask usable;
	unsigned long flags;
	bool queued = false;
	struct rq *rq;
	int cpu;

	if (!cpumask_and(&usable, new, &cpu_active_mask))
		return -EINVAL;
	rq = task_rq_lock(p, &flags);
	p->cpus_mask = *new;
	cpu = task_cpu(p);
	if (!cpumask_test_cpu(cpu, new) && p != rq->idle) {
		if (p->on_cpu) {
			/* Running: it leaves through schedule(), which moves it. */
			set_tsk_thread_flag(p, TIF_NEED_RESCHED);
			if (cpu != smp_processor_id())
				smp_send_reschedule(cpu);
		} else {
			queued = p->on_rq;	/* asleep: try_to_wake_up moves it */
		}
	}
	task_rq_unlock(rq, &flags);
	if (queued)
		move_forbidden_task(p);
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
	t->migrate_pending = 0;
	t->time_slice = SCHED_SLICE_TICKS;
	/* cpus_mask: the parent's copy; its CPU wins a tie (its caches hold the copied pages) */
	t->thread_info.cpu = select_task_rq(t, smp_processor_id());
	t->nvcsw = t->nivcsw = 0;
}

/* The first run of a new task: onto its run queue, behind the ones waiting already. */
void wake_up_new_task(struct task_struct *t)
{
	unsigned long flags;
	struct rq *rq;

	/*
	 * sched_setaffinity may have changed t's mask since sched_fork() chose its CPU (t is
	 * already on the pid tables), and saw it neither running nor queued. Its CPU is
	 * checked under that CPU's lock, the one set_cpus_allowed_ptr() takes, and chosen
	 * again, under the same lock, while it is forbidden.
	 */
	for (;;) {
		rq = task_rq_lock(t, &flags);
		if (cpumask_test_cpu(task_cpu(t), &t->cpus_mask))
			break;
		t->thread_info.cpu = select_task_rq(t, -1);
		task_rq_unlock(rq, &flags);
	}
	enqueue_task(rq, t);
	kick_idle(rq);
	task_rq_unlock(rq, &flags);
}

/*
 * prev left its CPU in schedule() because its mask forbids that CPU, and is off every CPU
 * now: queue it where a new task would go. Interrupts off, no run-queue lock held.
 */
static void migrate_task_away(struct task_struct *t)
{
	struct rq *rq;

	for (;;) {
		rq = cpu_rq(select_task_rq(t, -1));
		spin_lock(&rq->lock);
		if (cpumask_test_cpu(rq - runqueues, &t->cpus_mask))
			break;
		spin_unlock(&rq->lock);	/* its mask changed again meanwhile */
	}
	t->migrate_pending = 0;
	t->thread_info.cpu = rq - runqueues;
	enqueue_task(rq, t);
	kick_idle(rq);
	spin_unlock(&rq->lock);
}

/*
 * The switch is done, in next's context: release the run queue and, if prev has died,
 * drop the reference its running held (its kernel stack is not in use any more).
 */
static void finish_task_switch(struct rq *rq, struct task_struct *prev)
{
	long prev_state = prev->__state;
	bool migrate = prev->migrate_pending;

	prev->on_cpu = 0;
	spin_unlock(&rq->lock);
	if (migrate)
		migrate_task_away(prev);
	local_irq_enable();
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
	if (prev->on_rq && prev != rq->idle &&
	    !cpumask_test_cpu(task_cpu(prev), &prev->cpus_mask)) {
		/* sched_setaffinity forbade this CPU: finish_task_switch() moves it. */
		dequeue_task(rq, prev);
		prev->migrate_pending = 1;
	} else if (prev->on_rq) {
		list_move_tail(&prev->run_list, &rq->tasks);
	}
	next = list_empty(&rq->tasks) ? rq->idle :
	       list_first_entry(&rq->tasks, struct task_struct, run_list);
	if (next == prev) {
		prev->time_slice = SCHED_SLICE_TICKS;	/* alone on the CPU: a new slice */
		spin_unlock_irq(&rq->lock);
		return;
	}
	/* A task that leaves the CPU still runnable was preempted (or yielded): involuntary. */
	if (prev->on_rq || prev->migrate_pending)
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

/*
 * An idle CPU takes one task from the busiest other run queue: queued, not running, not on
 * its way to another CPU, and allowed here. true when it took one. Interrupts off.
 */
static bool idle_balance(void)
{
	struct rq *me = this_rq(), *busiest = NULL;
	struct task_struct *t, *found = NULL;
	unsigned int cpu, most = 0;

	if (READ_ONCE(me->nr_running))
		return true;		/* work came in meanwhile */
	for_each_cpu(cpu, &cpu_active_mask) {
		unsigned int load = READ_ONCE(cpu_rq(cpu)->nr_running);

		/* One queued task is the one running there, unless that CPU is idle. */
		if (cpu_rq(cpu) != me && load > most &&
		    (load > 1 || READ_ONCE(cpu_rq(cpu)->curr) == cpu_rq(cpu)->idle)) {
			busiest = cpu_rq(cpu);
			most = load;
		}
	}
	if (!busiest)
		return false;
	double_rq_lock(me, busiest);
	list_for_each_entry(t, &busiest->tasks, run_list) {
		if (!t->on_cpu && cpumask_test_cpu(me - runqueues, &t->cpus_mask)) {
			found = t;
			break;
		}
	}
	if (found)
		move_queued_task(busiest, me, found);
	double_rq_unlock(me, busiest);
	return found != NULL;
}

/*
 * The idle loop of a CPU: sleep until an interrupt, look for work when asked, and after
 * every interrupt (the tick's too) see whether another CPU has a task waiting to pull.
 */
void __noreturn cpu_idle(void)
{
	for (;;) {
		local_irq_disable();
		if (need_resched() || idle_balance()) {
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
