// SPDX-License-Identifier: GPL-2.0
/*
 * Spinlock debugging (CONFIG_DEBUG_SPINLOCK, CONFIG_DEBUG_ATOMIC_SLEEP): spin_lock,
 * spin_trylock and spin_unlock out of line, so each knows its call site, around the ticket
 * lock of linux/spinlock.h.
 *
 * Each lock records its holder's CPU and call site; each CPU counts the spinlocks it holds.
 * The rules checked, each with one "BUG:" report naming the lock and the call sites, and a
 * backtrace (dump_stack):
 *
 *   recursion      spin_lock of a lock this CPU holds: the ticket would never be served.
 *                  The lock is not taken again (the report is the point; a hang helps
 *                  nobody), so the caller's unlock releases the first hold.
 *   bad unlock     spin_unlock of a lock this CPU does not hold (free, or another CPU's):
 *                  the ticket is not advanced, so the holder keeps it.
 *   atomic sleep   might_sleep() or schedule() with a spinlock held, might_sleep() with
 *                  interrupts off. The run-queue lock that schedule() takes and the switch
 *                  hands to the next task is taken and released on the same CPU, so the
 *                  count stays right across the switch; schedule() checks before taking it.
 *
 * The held count is per CPU, not per task: code that holds a spinlock never sleeps, so the
 * task cannot move to another CPU while holding it, and an interrupt handler's locks come
 * and go within the handler.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/might_sleep.h>
#include <linux/irqflags.h>

/* Per CPU, padded to a cache line so two CPUs never write the same one. */
struct lock_debug_cpu {
	unsigned int held;	/* spinlocks this CPU holds */
} __aligned(64);

static struct lock_debug_cpu lock_debug[NR_CPUS];
static unsigned long nr_reports;

/* This CPU; before sched_init() there is no current task yet and only the boot CPU runs. */
static unsigned int debug_cpu(void)
{
	struct task_struct *t = current;

	return t ? (unsigned int)task_cpu(t) : 0;
}

/* The one accessor of this CPU's counters (a lock holder does not change CPU). */
static struct lock_debug_cpu *this_cpu_lock_debug(void)
{
	return &lock_debug[debug_cpu()];
}

unsigned int spin_locks_held(void)
{
	return this_cpu_lock_debug()->held;
}

unsigned long lock_debug_reports(void)
{
	return __atomic_load_n(&nr_reports, __ATOMIC_RELAXED);
}

static const char *lock_name(const spinlock_t *l)
{
	return l->name ? l->name : "(not initialised by name)";
}

static void spin_bug(const spinlock_t *l, const char *what, void *ip)
{
	struct task_struct *t = current;

	__atomic_fetch_add(&nr_reports, 1, __ATOMIC_RELAXED);
	pr_err("BUG: spinlock %s on CPU%u: lock %s (%p) at %pS\n", what, debug_cpu(),
	       lock_name(l), l, ip);
	pr_err("  held by CPU%d, taken at %pS; task %s pid %d\n", (int)l->owner_cpu - 1,
	       l->owner_ip, t ? t->comm : "(boot)", t ? t->pid : 0);
	dump_stack();
}

void __spin_lock_init(spinlock_t *l, const char *name)
{
	arch_spin_lock_init(l);
	l->owner_cpu = 0;
	l->owner_ip = NULL;
	l->name = name;
}

static void note_taken(spinlock_t *l, void *ip)
{
	l->owner_cpu = debug_cpu() + 1;
	l->owner_ip = ip;
	this_cpu_lock_debug()->held++;
}

void spin_lock(spinlock_t *l)
{
	void *ip = __builtin_return_address(0);

	if (READ_ONCE(l->owner_cpu) == debug_cpu() + 1 && spin_is_locked(l)) {
		spin_bug(l, "recursion", ip);
		return;
	}
	arch_spin_lock(l);
	note_taken(l, ip);
}

bool spin_trylock(spinlock_t *l)
{
	if (!arch_spin_trylock(l))
		return false;
	note_taken(l, __builtin_return_address(0));
	return true;
}

void spin_unlock(spinlock_t *l)
{
	struct lock_debug_cpu *me = this_cpu_lock_debug();

	if (!spin_is_locked(l) || l->owner_cpu != debug_cpu() + 1) {
		spin_bug(l, spin_is_locked(l) ? "unlocked by a CPU not holding it" :
			 "unlocked while not held", __builtin_return_address(0));
		return;
	}
	l->owner_cpu = 0;
	l->owner_ip = NULL;
	me->held--;
	arch_spin_unlock(l);
}

static void atomic_sleep_bug(const char *where, void *ip, bool irqs_off)
{
	struct task_struct *t = current;

	__atomic_fetch_add(&nr_reports, 1, __ATOMIC_RELAXED);
	pr_err("BUG: sleeping function called from invalid context at %s (%pS)\n", where, ip);
	pr_err("  CPU%u holds %u spinlock%s, interrupts %s; task %s pid %d\n", debug_cpu(),
	       spin_locks_held(), spin_locks_held() == 1 ? "" : "s", irqs_off ? "off" : "on",
	       t ? t->comm : "(boot)", t ? t->pid : 0);
	dump_stack();
}

/* schedule(), before it takes the run-queue lock: this CPU may hold no spinlock. */
void schedule_debug_locks(void)
{
	if (unlikely(spin_locks_held()))
		atomic_sleep_bug("schedule()", __builtin_return_address(0), irqs_disabled());
}

#ifdef CONFIG_DEBUG_ATOMIC_SLEEP
void __might_sleep(const char *file, int line)
{
	/* Before interrupts first come on, the boot's own setup runs with them off. */
	bool irqs_off = irqs_disabled() && system_state >= SYSTEM_SCHEDULING;
	char where[96];

	if (likely(!spin_locks_held() && !irqs_off))
		return;
	snprintf(where, sizeof(where), "%s:%d", file, line);
	atomic_sleep_bug(where, __builtin_return_address(0), irqs_off);
}
#endif
