/*
 * might_sleep(): a function that may sleep says so at its top. With
 * CONFIG_DEBUG_ATOMIC_SLEEP it reports ("BUG: sleeping function called from invalid
 * context", with the call site and a backtrace) when this CPU holds a spinlock or has
 * interrupts off: a sleep there would deadlock on one CPU's lock or lose the interrupt that
 * was to wake it. schedule() checks the same held-lock count (kernel/sched/core.c), with the
 * run-queue lock it hands across the switch as the one lock allowed.
 */
#ifndef _LINUX_MIGHT_SLEEP_H
#define _LINUX_MIGHT_SLEEP_H

#include <generated/autoconf.h>

#ifdef CONFIG_DEBUG_ATOMIC_SLEEP
void __might_sleep(const char *file, int line);
#define might_sleep()	__might_sleep(__FILE__, __LINE__)
#else
#define might_sleep()	do { } while (0)
#endif

#ifdef CONFIG_DEBUG_SPINLOCK
unsigned int spin_locks_held(void);	/* spinlocks this CPU holds now */
void schedule_debug_locks(void);	/* schedule()'s check: none may be held */
unsigned long lock_debug_reports(void);	/* reports printed since boot (ktest) */
#else
static inline void schedule_debug_locks(void) { }
#endif

#endif
