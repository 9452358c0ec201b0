/* The periodic tick: jiffies counts ticks at CONFIG_HZ since boot. */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>
#include <generated/autoconf.h>

#define HZ CONFIG_HZ
#define TICK_NSEC (1000000000UL / HZ)	/* nanoseconds per tick */

extern volatile unsigned long jiffies;
struct pt_regs;
void timer_tick(struct pt_regs *regs);

#endif
