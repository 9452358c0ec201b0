// SPDX-License-Identifier: GPL-2.0
/*
 * ARM's PrimeCell PL031 RTC (QEMU virt's, named "arm,pl031" in the DTB): a 32-bit counter of
 * seconds since the epoch at offset 0 (RTCDR), so reading the time is one load. Found and
 * mapped at boot (after mm_init: ioremap); read once, before any other CPU runs.
 */
#include <linux/kernel.h>
#include <linux/fdt.h>
#include <linux/rtc.h>
#include <linux/vmalloc.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/setup.h>

#define RTCDR	0x00	/* data register: the current time in seconds */

static void __iomem *pl031_base;

static int pl031_read_time(struct rtc_time *tm)
{
	rtc_time64_to_tm(readl(pl031_base + RTCDR), tm);
	return 0;
}

static const struct rtc_class_ops pl031_ops = {
	.name = "pl031",
	.read_time = pl031_read_time,
};

const struct rtc_class_ops *rtc_platform_device(void)
{
	const void *fdt = initial_boot_params;
	u64 phys, size;
	int node = -1;

	if (pl031_base)		/* mapped already (the rtc ktest asks again) */
		return &pl031_ops;
	while ((node = fdt_node_offset_by_compatible(fdt, node, "arm,pl031")) >= 0)
		if (fdt_node_is_enabled(fdt, node))
			break;
	if (node < 0 || fdt_get_reg(fdt, node, 0, &phys, &size))
		return NULL;
	pl031_base = ioremap(phys, PAGE_SIZE);
	return pl031_base ? &pl031_ops : NULL;
}
