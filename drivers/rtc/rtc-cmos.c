// SPDX-License-Identifier: GPL-2.0
/*
 * The PC's CMOS RTC (Motorola MC146818 and its descendants, QEMU's "mc146818rtc"): a
 * register is selected by writing its index to port 0x70 and read at port 0x71. Seconds to
 * year are registers 0, 2, 4, 7, 8, 9; register A's bit 7 (UIP) is set while the chip
 * updates them, once a second; register B says whether they hold BCD or binary and the
 * hour 12- or 24-hour. The year register has two digits: 70..99 are 19xx, the rest 20xx,
 * as Linux's mc146818_get_time does when ACPI names no century register.
 *
 * Read only at boot, before any other CPU or user task runs, so nothing else touches the
 * index port meanwhile (Linux's rtc_lock guards it against NMIs and the other drivers that
 * share it; nothing here does).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/rtc.h>
#include <asm/io.h>

#define RTC_PORT_INDEX	0x70
#define RTC_PORT_DATA	0x71
/* Bit 7 of the index port masks NMIs on real hardware; we leave it clear. */

#define RTC_SECONDS	0x00
#define RTC_MINUTES	0x02
#define RTC_HOURS	0x04
#define RTC_DAY_OF_MONTH 0x07
#define RTC_MONTH	0x08
#define RTC_YEAR	0x09
#define RTC_REG_A	0x0a
#define  RTC_UIP	0x80		/* update in progress: the time registers are changing */
#define RTC_REG_B	0x0b
#define  RTC_24H	0x02
#define  RTC_DM_BINARY	0x04
#define RTC_PM_BIT	0x80		/* in the hours register, 12-hour mode */

static u8 cmos_read(u8 reg)
{
	outb(reg, RTC_PORT_INDEX);
	return inb(RTC_PORT_DATA);
}

/* One snapshot of the time registers, taken while no update is in progress. */
struct cmos_regs {
	u8 sec, min, hour, mday, mon, year;
};

static bool cmos_snapshot(struct cmos_regs *r)
{
	/* An update takes under 2 ms; a chip stuck in one must not hang the boot. */
	unsigned int tries = 1000000;

	while (cmos_read(RTC_REG_A) & RTC_UIP)
		if (!--tries)
			return false;
	r->sec = cmos_read(RTC_SECONDS);
	r->min = cmos_read(RTC_MINUTES);
	r->hour = cmos_read(RTC_HOURS);
	r->mday = cmos_read(RTC_DAY_OF_MONTH);
	r->mon = cmos_read(RTC_MONTH);
	r->year = cmos_read(RTC_YEAR);
	return true;
}

static int cmos_read_time(struct rtc_time *tm)
{
	struct cmos_regs a, b;
	unsigned int tries = 10;
	bool pm;
	u8 ctrl;

	/* The same values twice in a row: no update ran between the reads. */
	do {
		if (!cmos_snapshot(&a) || !cmos_snapshot(&b) || !--tries)
			return -EIO;
	} while (memcmp(&a, &b, sizeof(a)));
	ctrl = cmos_read(RTC_REG_B);
	pm = !(ctrl & RTC_24H) && (a.hour & RTC_PM_BIT);
	a.hour &= ~RTC_PM_BIT;
	if (!(ctrl & RTC_DM_BINARY)) {
		a.sec = bcd2bin(a.sec);
		a.min = bcd2bin(a.min);
		a.hour = bcd2bin(a.hour);
		a.mday = bcd2bin(a.mday);
		a.mon = bcd2bin(a.mon);
		a.year = bcd2bin(a.year);
	}
	if (!(ctrl & RTC_24H))		/* 12 AM is hour 0, 12 PM hour 12 */
		a.hour = a.hour % 12 + (pm ? 12 : 0);
	*tm = (struct rtc_time){
		.tm_sec = a.sec, .tm_min = a.min, .tm_hour = a.hour, .tm_mday = a.mday,
		.tm_mon = a.mon - 1, .tm_year = a.year < 70 ? a.year + 100 : a.year,
	};
	return 0;
}

static const struct rtc_class_ops cmos_rtc_ops = {
	.name = "rtc_cmos",
	.read_time = cmos_read_time,
};

/* Every PC has one at these ports; QEMU's q35 and pc machines always do. */
const struct rtc_class_ops *rtc_platform_device(void)
{
	return &cmos_rtc_ops;
}
