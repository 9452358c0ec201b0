// SPDX-License-Identifier: GPL-2.0
/*
 * Calendar arithmetic for RTC drivers: broken-down UTC time to seconds since the epoch and
 * back. Days are counted in 400-year eras starting on 1 March, so February's leap day is
 * the last day of a shifted year and needs no special case.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/rtc.h>

#define DAYS_PER_ERA	146097		/* 400 Gregorian years */

static bool is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int month_days(int year, int mon)	/* mon 0..11 */
{
	static const u8 days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return days[mon] + (mon == 1 && is_leap_year(year));
}

/* Days from 1970-01-01 to year-mon-mday (mon 1..12). */
static s64 days_from_civil(s64 year, int mon, int mday)
{
	s64 era, yoe, doy, doe;

	year -= mon <= 2;			/* January and February end the previous year */
	era = (year >= 0 ? year : year - 399) / 400;
	yoe = year - era * 400;			/* 0..399 */
	doy = (153 * (mon + (mon > 2 ? -3 : 9)) + 2) / 5 + mday - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * DAYS_PER_ERA + doe - 719468;	/* 719468: 0000-03-01 to 1970-01-01 */
}

s64 rtc_tm_to_time64(const struct rtc_time *tm)
{
	s64 days = days_from_civil(tm->tm_year + 1900LL, tm->tm_mon + 1, tm->tm_mday);

	return days * 86400 + tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec;
}

void rtc_time64_to_tm(s64 time, struct rtc_time *tm)
{
	s64 days = time / 86400, secs = time % 86400, era, doe, yoe, year, doy, mp;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	tm->tm_wday = (int)((days + 4) % 7);	/* 1970-01-01 was a Thursday */
	if (tm->tm_wday < 0)
		tm->tm_wday += 7;
	days += 719468;
	era = (days >= 0 ? days : days - DAYS_PER_ERA + 1) / DAYS_PER_ERA;
	doe = days - era * DAYS_PER_ERA;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	year = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	tm->tm_mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	tm->tm_mon = (int)(mp < 10 ? mp + 2 : mp - 10);
	year += tm->tm_mon <= 1;
	tm->tm_year = (int)(year - 1900);
	tm->tm_yday = (int)(days_from_civil(year, tm->tm_mon + 1, tm->tm_mday) -
			    days_from_civil(year, 1, 1));
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_isdst = 0;
}

int rtc_valid_tm(const struct rtc_time *tm)
{
	if (tm->tm_year < 70 || tm->tm_mon < 0 || tm->tm_mon > 11 || tm->tm_mday < 1 ||
	    tm->tm_mday > month_days(tm->tm_year + 1900, tm->tm_mon) ||
	    tm->tm_hour < 0 || tm->tm_hour > 23 || tm->tm_min < 0 || tm->tm_min > 59 ||
	    tm->tm_sec < 0 || tm->tm_sec > 59)
		return -EINVAL;
	return 0;
}
