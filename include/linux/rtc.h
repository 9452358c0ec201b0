/*
 * The real-time clock: the battery-backed calendar a PC or board keeps while powered off.
 * Ferry reads it once at boot to set CLOCK_REALTIME (Linux's rtc class + hctosys, reduced to
 * what that needs). One driver per arch is built (drivers/rtc/Kbuild) and answers
 * rtc_platform_device(); rtc_hctosys() asks it for the time.
 */
#ifndef _LINUX_RTC_H
#define _LINUX_RTC_H

#include <linux/types.h>

/* Linux's struct rtc_time (struct tm's fields): tm_year counts from 1900, tm_mon from 0. */
struct rtc_time {
	int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
};

struct rtc_class_ops {
	const char *name;
	int (*read_time)(struct rtc_time *tm);	/* 0 or -errno */
};

/* The arch's RTC driver: its ops, or NULL when the machine has none. */
const struct rtc_class_ops *rtc_platform_device(void);

/* Calendar arithmetic (drivers/rtc/lib.c), proleptic Gregorian, UTC. */
s64 rtc_tm_to_time64(const struct rtc_time *tm);
void rtc_time64_to_tm(s64 time, struct rtc_time *tm);
int rtc_valid_tm(const struct rtc_time *tm);		/* 0 or -EINVAL */

static inline unsigned int bcd2bin(u8 val)
{
	return (val & 0x0f) + (val >> 4) * 10;
}

/* Boot: read the RTC and set the realtime clock from it (drivers/rtc/hctosys.c). */
void rtc_hctosys(void);

#endif
