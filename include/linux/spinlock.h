/*
 * Spinlocks: a ticket lock, fair in arrival order, built on the compiler's atomic builtins
 * (x86: lock xadd; arm64: ldaxr/stlxr or LSE ldadda), so one C definition serves both arches.
 *
 *   spin_lock(l)               take: draw a ticket, spin (cpu_relax) until it is served.
 *                              Acquire order: nothing of the critical section moves above.
 *   spin_unlock(l)             serve the next ticket. Release order: nothing moves below.
 *   spin_lock_irqsave(l, f)    the same with local interrupts off (f keeps their state), for
 *                              data an interrupt handler also takes (run queues, wait queues).
 *
 * A lock is never held across schedule() except the run-queue lock, which the switch hands
 * from the old task to the new one on the same CPU (kernel/sched/core.c). The locking rules
 * of each structure are written beside it and collected in docs/smp.md, "Locks and their
 * order".
 *
 * CONFIG_DEBUG_SPINLOCK (kernel/locking/spinlock_debug.c) makes spin_lock, spin_trylock and
 * spin_unlock calls that also record the owner CPU and the call site in the lock and count
 * the locks each CPU holds: taking a lock this CPU already holds, and releasing one it does
 * not hold, print one "BUG: spinlock ..." report naming the lock and both call sites, with
 * a backtrace. CONFIG_DEBUG_ATOMIC_SLEEP adds might_sleep() (linux/might_sleep.h) on the
 * sleeping paths. Without them the lock is the bare ticket pair and the calls are inline.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <generated/autoconf.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/irqflags.h>
#include <asm/processor.h>

typedef struct {
	u16 next;	/* the ticket the next arrival draws */
	u16 owner;	/* the ticket being served */
#ifdef CONFIG_DEBUG_SPINLOCK
	/* Written by the holder only, after taking / before releasing the lock. */
	unsigned int owner_cpu;	/* the holder's CPU + 1; 0: free (a zeroed lock is free) */
	const char *name;	/* the expression spin_lock_init / DEFINE_SPINLOCK was given */
	void *owner_ip;		/* where the holder took it */
#endif
} spinlock_t;

#ifdef CONFIG_DEBUG_SPINLOCK
#define __SPIN_LOCK_UNLOCKED(lockname)	{ .next = 0, .owner = 0, .name = #lockname }
#else
#define __SPIN_LOCK_UNLOCKED(lockname)	{ .next = 0, .owner = 0 }
#endif
#define DEFINE_SPINLOCK(lockname)	spinlock_t lockname = __SPIN_LOCK_UNLOCKED(lockname)

/* The ticket lock itself: what spin_lock is without the debugging. */
static __always_inline void arch_spin_lock_init(spinlock_t *l)
{
	l->next = l->owner = 0;
}

static __always_inline void arch_spin_lock(spinlock_t *l)
{
	u16 me = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != me)
		cpu_relax();
}

static __always_inline bool arch_spin_trylock(spinlock_t *l)
{
	u16 owner = __atomic_load_n(&l->owner, __ATOMIC_RELAXED);
	u16 want = owner;

	/* Free only when no ticket is out: next == owner; then take the next one. */
	return __atomic_compare_exchange_n(&l->next, &want, (u16)(owner + 1), false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static __always_inline void arch_spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->owner, (u16)(l->owner + 1), __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(spinlock_t *l)
{
	return __atomic_load_n(&l->owner, __ATOMIC_RELAXED) !=
	       __atomic_load_n(&l->next, __ATOMIC_RELAXED);
}

#ifdef CONFIG_DEBUG_SPINLOCK
/* kernel/locking/spinlock_debug.c: out of line, so the return address is the call site. */
void __spin_lock_init(spinlock_t *l, const char *name);
void spin_lock(spinlock_t *l);
bool spin_trylock(spinlock_t *l);
void spin_unlock(spinlock_t *l);
#define spin_lock_init(l)	__spin_lock_init((l), #l)
#else
static __always_inline void spin_lock_init(spinlock_t *l)
{
	arch_spin_lock_init(l);
}

static __always_inline void spin_lock(spinlock_t *l)
{
	arch_spin_lock(l);
}

static __always_inline bool spin_trylock(spinlock_t *l)
{
	return arch_spin_trylock(l);
}

static __always_inline void spin_unlock(spinlock_t *l)
{
	arch_spin_unlock(l);
}
#endif

#define spin_lock_irqsave(l, flags)	do { local_irq_save(flags); spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) do { spin_unlock(l); local_irq_restore(flags); } while (0)

static __always_inline void spin_lock_irq(spinlock_t *l)
{
	local_irq_disable();
	spin_lock(l);
}

static __always_inline void spin_unlock_irq(spinlock_t *l)
{
	spin_unlock(l);
	local_irq_enable();
}

#endif
