/*
 * The kernel's clocks: nanoseconds since boot from the arch's cycle counter (CLOCK_MONOTONIC,
 * CLOCK_BOOTTIME), and CLOCK_REALTIME, the same count a fixed offset ahead: the RTC's time at
 * boot (drivers/rtc/hctosys.c; with no RTC the offset stays 0, the epoch at boot). Kept in
 * the vDSO data page and read from it (kernel/vsyscall.c), so user space's vDSO and the
 * syscalls give the same answers.
 */
#ifndef _LINUX_TIMEKEEPING_H
#define _LINUX_TIMEKEEPING_H

#include <linux/types.h>

#define NSEC_PER_SEC	1000000000ULL

u64 ktime_get_ns(void);
/* Whole seconds of the same clock, for decisions that need no more (one division). */
u64 ktime_get_seconds(void);

/*
 * CLOCK_REALTIME in ns since the epoch. The offset is written once at boot, before any other
 * CPU or user task runs, and only read afterwards (no clock_settime yet), so it needs no lock.
 */
extern u64 wall_offset_ns;
u64 ktime_get_real_ns(void);
/* CLOCK_{REALTIME,MONOTONIC}_COARSE: the time of the last tick, no counter read. */
u64 ktime_get_coarse_ns(bool real);
/* An absolute CLOCK_REALTIME time as the ktime_get_ns() value it falls at (0 if past). */
static inline u64 ktime_real_to_mono(u64 real_ns)
{
	return real_ns > wall_offset_ns ? real_ns - wall_offset_ns : 0;
}
/* Boot: CLOCK_REALTIME reads 'secs' since the epoch now (rtc_hctosys). */
void timekeeping_set_wall(s64 secs);

/*
 * CLOCK_REALTIME's whole seconds without reading the counter: the tick adds one every HZ
 * ticks (kernel/time.c), timekeeping_set_wall starts it at the realtime clock's seconds.
 * Behind or ahead of the precise clock by a second plus the ticks lost or the counter's
 * drift; for decisions with that much slack (relatime's "a day old", fs/atime.c). One
 * writer (the tick), word-sized stores.
 */
extern volatile unsigned long real_seconds_coarse;

/* Ticks to sleep for a duration in ns: rounded up, plus one for the tick already begun. */
unsigned long nsecs_to_jiffies_sleep(u64 ns);

#endif
