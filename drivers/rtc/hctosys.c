// SPDX-License-Identifier: GPL-2.0
/*
 * Set the system clock from the hardware clock at boot (Linux's rtc_hctosys): the RTC's
 * time, read once, becomes CLOCK_REALTIME's value now; the realtime clock then runs on the
 * cycle counter like CLOCK_MONOTONIC, a fixed offset ahead (timekeeping_set_wall). With no
 * RTC, or one that answers nonsense, the clock stays at the epoch at boot, as before.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/rtc.h>
#include <linux/timekeeping.h>

void rtc_hctosys(void)
{
	const struct rtc_class_ops *rtc = rtc_platform_device();
	struct rtc_time tm;
	int err;

	if (!rtc) {
		pr_info("rtc: none found, the realtime clock starts at the epoch\n");
		return;
	}
	err = rtc->read_time(&tm);
	if (!err)
		err = rtc_valid_tm(&tm);
	if (err) {
		pr_warn("rtc: %s: unreadable time (%d), the realtime clock starts at the epoch\n",
			rtc->name, err);
		return;
	}
	timekeeping_set_wall(rtc_tm_to_time64(&tm));
	pr_info("rtc: %s: setting system clock to %04d-%02d-%02dT%02d:%02d:%02d UTC\n",
		rtc->name, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
		tm.tm_sec);
}
