// SPDX-License-Identifier: GPL-2.0
/*
 * More than one CPU: the CPU masks, bringing the other CPUs up (smp_init), and the calls
 * one CPU asks another to run (smp_call_function_*), carried by IPIs. The arch half is in
 * arch/<arch>/kernel/smp.c; the interface and the order of the bring-up are in linux/smp.h.
 *
 * Locking: each CPU's call queue has its own lock, taken with interrupts off (its owner
 * takes it from the IPI handler). A queued call is a struct call_single_data whose
 * CSD_FLAG_LOCK the sender sets and the receiver clears with release order after func
 * returned, so a sender that sees the flag clear sees everything func wrote.
 */
#include <linux/kernel.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/sched.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/irqflags.h>
#include <linux/jiffies.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <asm/processor.h>

unsigned int nr_cpu_ids = 1;

/* The boot CPU is possible, present, online and active from the start; the arch adds more. */
struct cpumask cpu_possible_mask = { .bits = { 1 } };
struct cpumask cpu_present_mask = { .bits = { 1 } };
struct cpumask cpu_online_mask = { .bits = { 1 } };
struct cpumask cpu_active_mask = { .bits = { 1 } };

#define CSD_FLAG_LOCK	1

struct call_single_data {
	struct list_head node;
	smp_call_func_t func;
	void *info;
	unsigned int flags;	/* CSD_FLAG_LOCK while queued or running */
};

struct call_queue {
	spinlock_t lock;
	struct list_head list;
};

static struct call_queue call_queues[NR_CPUS];
/* The calls a CPU sends without waiting, one slot per target: reused once it is done. */
static struct call_single_data async_csd[NR_CPUS][NR_CPUS];
static u64 ipis_received[NR_CPUS][NR_IPI];

static void smp_queues_init(void)
{
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		spin_lock_init(&call_queues[cpu].lock);
		INIT_LIST_HEAD(&call_queues[cpu].list);
	}
}

static void csd_wait(struct call_single_data *csd)
{
	while (__atomic_load_n(&csd->flags, __ATOMIC_ACQUIRE) & CSD_FLAG_LOCK)
		cpu_relax();
}

/* Queue csd on cpu and send the IPI (only when the queue was empty: one IPI drains all). */
static void csd_queue(unsigned int cpu, struct call_single_data *csd)
{
	struct call_queue *q = &call_queues[cpu];
	unsigned long flags;
	bool first;

	spin_lock_irqsave(&q->lock, flags);
	first = list_empty(&q->list);
	list_add_tail(&csd->node, &q->list);
	spin_unlock_irqrestore(&q->lock, flags);
	if (first)
		arch_send_ipi(cpu, IPI_CALL_FUNC);
}

static void run_local(smp_call_func_t func, void *info)
{
	unsigned long flags;

	local_irq_save(flags);
	func(info);
	local_irq_restore(flags);
}

int smp_call_function_single(unsigned int cpu, smp_call_func_t func, void *info, bool wait)
{
	struct call_single_data on_stack = { .flags = 0 }, *csd;	/* csd_wait reads it */
	unsigned int me = smp_processor_id();

	if (cpu == me) {
		run_local(func, info);
		return 0;
	}
	if (cpu >= NR_CPUS || !cpu_online(cpu))
		return -ENXIO;
	WARN_ON(wait && irqs_disabled());
	csd = wait ? &on_stack : &async_csd[me][cpu];
	csd_wait(csd);		/* the slot's previous call must be done before it is reused */
	csd->func = func;
	csd->info = info;
	csd->flags = CSD_FLAG_LOCK;
	csd_queue(cpu, csd);
	if (wait)
		csd_wait(csd);
	return 0;
}

void smp_call_function_many(const struct cpumask *mask, smp_call_func_t func, void *info,
			    bool wait)
{
	struct call_single_data *csd = async_csd[smp_processor_id()];
	unsigned int me = smp_processor_id(), cpu;

	WARN_ON(wait && irqs_disabled());
	for_each_cpu(cpu, mask) {
		if (cpu == me || !cpu_online(cpu))
			continue;
		csd_wait(&csd[cpu]);
		csd[cpu].func = func;
		csd[cpu].info = info;
		csd[cpu].flags = CSD_FLAG_LOCK;
		csd_queue(cpu, &csd[cpu]);
	}
	if (wait)
		for_each_cpu(cpu, mask)
			if (cpu != me)
				csd_wait(&csd[cpu]);
}

void smp_call_function(smp_call_func_t func, void *info, bool wait)
{
	smp_call_function_many(&cpu_online_mask, func, info, wait);
}

void on_each_cpu(smp_call_func_t func, void *info, bool wait)
{
	smp_call_function(func, info, wait);
	run_local(func, info);
}

/* IPI_CALL_FUNC: run what was queued here, in order. */
static void generic_smp_call_function_interrupt(void)
{
	struct call_queue *q = &call_queues[smp_processor_id()];
	struct list_head todo;

	INIT_LIST_HEAD(&todo);
	spin_lock(&q->lock);
	list_splice_tail_init(&q->list, &todo);
	spin_unlock(&q->lock);
	while (!list_empty(&todo)) {
		struct call_single_data *csd =
			list_first_entry(&todo, struct call_single_data, node);

		list_del(&csd->node);
		csd->func(csd->info);
		__atomic_store_n(&csd->flags, 0, __ATOMIC_RELEASE);	/* csd may be gone now */
	}
}

void handle_ipi(enum ipi_msg_type type)
{
	ipis_received[smp_processor_id()][type]++;
	switch (type) {
	case IPI_RESCHEDULE:
		scheduler_ipi();
		break;
	case IPI_CALL_FUNC:
		generic_smp_call_function_interrupt();
		break;
	default:
		pr_warn("CPU%d: unknown IPI %d\n", smp_processor_id(), type);
	}
}

u64 ipi_count(unsigned int cpu, enum ipi_msg_type type)
{
	return cpu < NR_CPUS && type < NR_IPI ? READ_ONCE(ipis_received[cpu][type]) : 0;
}

void smp_send_reschedule(unsigned int cpu)
{
	if (cpu != smp_processor_id())
		arch_send_ipi(cpu, IPI_RESCHEDULE);
	else
		set_tsk_thread_flag(current, TIF_NEED_RESCHED);
}

/*
 * A new CPU's last step, on its idle task with interrupts off, its per-CPU state and its
 * interrupt controller set up by the arch: it takes tasks from now on.
 */
void __noreturn cpu_startup_entry(void)
{
	unsigned int cpu = smp_processor_id();

	cpumask_set_cpu(cpu, &cpu_online_mask);
	cpumask_set_cpu(cpu, &cpu_active_mask);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);	/* online before the boot CPU stops waiting */
	cpu_idle();
}

/* How long the boot CPU waits for a started CPU to say it is online. */
#define CPU_UP_TIMEOUT_TICKS	(HZ)

static bool wait_cpu_online(unsigned int cpu)
{
	unsigned long end = jiffies + CPU_UP_TIMEOUT_TICKS;

	while (!cpu_online(cpu)) {
		if ((long)(jiffies - end) > 0)
			return false;
		cpu_relax();
	}
	return true;
}

static unsigned int max_cpus = NR_CPUS;

/* maxcpus=N on the command line: start at most N CPUs (1: the boot CPU alone). */
static int maxcpus_setup(char *val)
{
	unsigned long n = simple_strtoull(val, NULL, 0);

	max_cpus = n ? (n < NR_CPUS ? n : NR_CPUS) : 1;
	return 0;
}
__setup("maxcpus=", maxcpus_setup);

/* Start every present CPU the command line allows; a CPU that fails is left out. */
void smp_init(void)
{
	unsigned int cpu, up = 1;

	smp_queues_init();
	smp_prepare_cpus();
	for_each_cpu(cpu, &cpu_present_mask) {
		struct task_struct *idle;
		int err;

		if (cpu == 0)
			continue;
		if (up >= max_cpus)
			break;
		idle = fork_idle(cpu);
		if (!idle) {
			pr_err("CPU%u: no memory for its idle task\n", cpu);
			break;
		}
		err = __cpu_up(cpu, idle);
		if (err || !wait_cpu_online(cpu)) {
			pr_err("CPU%u: failed to come online (%d)\n", cpu, err ? err : -ETIMEDOUT);
			continue;	/* its idle task stays: the CPU may still run on its stack */
		}
		up++;
	}
	smp_cpus_done();
	pr_info("smp: Brought up %u node%s, %u CPU%s\n", 1u, "", num_online_cpus(),
		num_online_cpus() == 1 ? "" : "s");
}
