/*
 * The kernel's clock: nanoseconds since boot from the arch's cycle counter. With no RTC
 * driver, CLOCK_REALTIME reads the same value (it starts at the epoch at boot).
 */
#ifndef _LINUX_TIMEKEEPING_H
#define _LINUX_TIMEKEEPING_H

#include <linux/types.h>

#define NSEC_PER_SEC	1000000000ULL

u64 ktime_get_ns(void);
/* Whole seconds of the same clock, for decisions that need no more (one division). */
u64 ktime_get_seconds(void);

/* Ticks to sleep for a duration in ns: rounded up, plus one for the tick already begun. */
unsigned long nsecs_to_jiffies_sleep(u64 ns);

#endif
