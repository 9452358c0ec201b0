// SPDX-License-Identifier: GPL-2.0
/* The periodic tick: the arch's timer interrupt calls timer_tick() CONFIG_HZ times a second. */
#include <linux/jiffies.h>
#include <linux/compiler.h>

volatile unsigned long jiffies;

void timer_tick(struct pt_regs *regs)
{
	jiffies++;
}
