// SPDX-License-Identifier: GPL-2.0
/* Tick-resolution kernel timers (linux/timer.h): one list, sorted by expiry. */
#include <linux/kernel.h>
#include <linux/timer.h>
#include <linux/spinlock.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/smp.h>

static DEFINE_SPINLOCK(timer_lock);
static LIST_HEAD(timer_list_head);
/* Whose callback each CPU runs now. */
static struct timer_list *running_timer[NR_CPUS];

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *))
{
	INIT_LIST_HEAD(&t->entry);
	t->function = fn;
	t->pending = false;
}

void add_timer(struct timer_list *t)
{
	struct timer_list *pos;
	unsigned long flags;

	spin_lock_irqsave(&timer_lock, flags);
	list_for_each_entry(pos, &timer_list_head, entry)
		if ((long)(pos->expires - t->expires) > 0)
			break;
	list_add_tail(&t->entry, &pos->entry);	/* before pos: sorted, equal ones in order */
	t->pending = true;
	spin_unlock_irqrestore(&timer_lock, flags);
}

int del_timer(struct timer_list *t)
{
	unsigned long flags;
	int was = 0;

	spin_lock_irqsave(&timer_lock, flags);
	if (t->pending) {
		list_del_init(&t->entry);
		t->pending = false;
		was = 1;
	}
	spin_unlock_irqrestore(&timer_lock, flags);
	return was;
}

/*
 * del_timer, and wait until the callback is not running on another CPU (a timer that lives
 * on its owner's stack must not be touched after the owner returns).
 */
int del_timer_sync(struct timer_list *t)
{
	int was = del_timer(t);

	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		while (__atomic_load_n(&running_timer[cpu], __ATOMIC_ACQUIRE) == t)
			cpu_relax();
	return was;
}

/* From the tick, interrupts off: run what has expired, each with the lock dropped. */
void run_timers(void)
{
	for (;;) {
		struct timer_list *t;

		spin_lock(&timer_lock);
		if (list_empty(&timer_list_head)) {
			spin_unlock(&timer_lock);
			return;
		}
		t = list_first_entry(&timer_list_head, struct timer_list, entry);
		if ((long)(jiffies - t->expires) < 0) {
			spin_unlock(&timer_lock);
			return;
		}
		list_del_init(&t->entry);
		t->pending = false;
		WRITE_ONCE(running_timer[smp_processor_id()], t);
		spin_unlock(&timer_lock);
		t->function(t);
		/* Release: the callback's last use of t comes before the owner may free it. */
		__atomic_store_n(&running_timer[smp_processor_id()], NULL, __ATOMIC_RELEASE);
	}
}
