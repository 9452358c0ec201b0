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
 * from the old task to the new one (kernel/sched/core.c). The locking rules of each
 * structure are written beside it and collected in docs/processes.md.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/irqflags.h>
#include <asm/processor.h>

typedef struct {
	u16 next;	/* the ticket the next arrival draws */
	u16 owner;	/* the ticket being served */
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED	{ 0, 0 }
#define DEFINE_SPINLOCK(name)	spinlock_t name = __SPIN_LOCK_UNLOCKED

static inline void spin_lock_init(spinlock_t *l)
{
	l->next = l->owner = 0;
}

static inline void spin_lock(spinlock_t *l)
{
	u16 me = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);

	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != me)
		cpu_relax();
}

static inline bool spin_trylock(spinlock_t *l)
{
	u16 owner = __atomic_load_n(&l->owner, __ATOMIC_RELAXED);
	u16 want = owner;

	/* Free only when no ticket is out: next == owner; then take the next one. */
	return __atomic_compare_exchange_n(&l->next, &want, (u16)(owner + 1), false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->owner, (u16)(l->owner + 1), __ATOMIC_RELEASE);
}

static inline bool spin_is_locked(spinlock_t *l)
{
	return __atomic_load_n(&l->owner, __ATOMIC_RELAXED) !=
	       __atomic_load_n(&l->next, __ATOMIC_RELAXED);
}

#define spin_lock_irqsave(l, flags)	do { local_irq_save(flags); spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) do { spin_unlock(l); local_irq_restore(flags); } while (0)

static inline void spin_lock_irq(spinlock_t *l)
{
	local_irq_disable();
	spin_lock(l);
}

static inline void spin_unlock_irq(spinlock_t *l)
{
	spin_unlock(l);
	local_irq_enable();
}

#endif
