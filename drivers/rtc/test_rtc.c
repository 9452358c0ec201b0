// SPDX-License-Identifier: GPL-2.0
/*
 * ktest suite "rtc": the calendar arithmetic against dates whose epoch seconds are known
 * (date -u -d ... +%s on Linux), and the realtime clock set from the RTC at boot. QEMU's RTC
 * follows the host's clock (or -rtc base=, 2024-01-01 under make bench), so a clock still
 * near the epoch means rtc_hctosys found or read nothing.
 */
#include <linux/kernel.h>
#include <linux/ktest.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/rtc.h>
#include <linux/timekeeping.h>

static const struct {
	struct rtc_time tm;	/* sec, min, hour, mday, mon (0-11), year - 1900, wday, yday */
	s64 secs;
} known[] = {
	{ { 0, 0, 0, 1, 0, 70, 4, 0 }, 0 },
	{ { 59, 59, 23, 31, 11, 69, 3, 364 }, -1 },
	{ { 0, 0, 0, 29, 1, 100, 2, 59 }, 951782400 },		/* 2000-02-29, a leap day */
	{ { 0, 0, 0, 1, 2, 100, 3, 60 }, 951868800 },		/* 2000-03-01 */
	{ { 8, 14, 3, 19, 0, 138, 2, 18 }, 2147483648LL },	/* 2038-01-19 03:14:08 */
	{ { 0, 0, 12, 1, 0, 124, 1, 0 }, 1704110400 },		/* 2024-01-01 12:00 */
	{ { 59, 59, 23, 31, 11, 124, 2, 365 }, 1735689599 },	/* 2024-12-31, day 366 */
	{ { 0, 0, 0, 1, 2, 200, 1, 59 }, 4107542400LL },	/* 2100-03-01: 2100 is not leap */
};

KTEST(rtc, tm_to_time64_known_dates)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(known); i++)
		KTEST_EXPECT_EQ(t, rtc_tm_to_time64(&known[i].tm), known[i].secs);
}

KTEST(rtc, time64_to_tm_known_dates)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(known); i++) {
		struct rtc_time tm;

		rtc_time64_to_tm(known[i].secs, &tm);
		KTEST_EXPECT(t, !memcmp(&tm, &known[i].tm, sizeof(tm)));
	}
}

KTEST(rtc, valid_tm_refuses_impossible_dates)
{
	struct rtc_time feb29_2100 = { 0, 0, 0, 29, 1, 200 }, feb29_2024 = { 0, 0, 0, 29, 1, 124 };
	struct rtc_time hour24 = { 0, 0, 24, 1, 0, 124 }, mon12 = { 0, 0, 0, 1, 12, 124 };

	KTEST_EXPECT_EQ(t, rtc_valid_tm(&feb29_2024), 0);
	KTEST_EXPECT_EQ(t, rtc_valid_tm(&feb29_2100), -EINVAL);
	KTEST_EXPECT_EQ(t, rtc_valid_tm(&hour24), -EINVAL);
	KTEST_EXPECT_EQ(t, rtc_valid_tm(&mon12), -EINVAL);
}

KTEST(rtc, bcd_digits)
{
	KTEST_EXPECT_EQ(t, bcd2bin(0x59), 59);
	KTEST_EXPECT_EQ(t, bcd2bin(0x00), 0);
	KTEST_EXPECT_EQ(t, bcd2bin(0x12), 12);
}

/*
 * Set from the RTC: after 2020-01-01 (1577836800), and near what the RTC reads now. Near, not
 * equal: the realtime clock runs on the cycle counter, whose calibration on a loaded host
 * (TCG) can be off by a factor of several (the time suite's tick test sees it), so the two
 * may part by a few seconds for each second since boot. A clock never set is decades off.
 */
KTEST(rtc, realtime_clock_set_from_rtc)
{
	const struct rtc_class_ops *rtc = rtc_platform_device();
	struct rtc_time tm;
	s64 now = ktime_get_real_ns() / NSEC_PER_SEC, hw, slack;

	if (!rtc)
		KTEST_SKIP(t, "no RTC on this machine");
	KTEST_EXPECT_EQ(t, rtc->read_time(&tm), 0);
	hw = rtc_tm_to_time64(&tm);
	slack = 60 + 8 * (s64)ktime_get_seconds();
	KTEST_EXPECT(t, now > 1577836800);
	KTEST_EXPECT(t, hw - now >= -slack && hw - now <= slack);
}

/* The tick's realtime seconds (relatime's day rule) follow the realtime clock, not uptime. */
KTEST(rtc, coarse_seconds_follow_realtime)
{
	s64 now = ktime_get_real_ns() / NSEC_PER_SEC, coarse = real_seconds_coarse;
	s64 slack = 2 + 8 * (s64)ktime_get_seconds();

	KTEST_EXPECT(t, coarse - now >= -slack && coarse - now <= slack);
}
