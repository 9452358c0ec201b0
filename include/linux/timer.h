/*
 * Kernel timers at tick resolution: fn(timer) runs from the timer interrupt (interrupts
 * off) at the first tick where jiffies >= expires. Used for sleeping (schedule_timeout,
 * nanosleep) and, later, alarm/itimers. A timer belongs to its owner's memory; del_timer()
 * before freeing it. Locking: one lock (irqsave) around the pending list.
 */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include <linux/list.h>

struct timer_list {
	struct list_head entry;		/* in the pending list, by expiry */
	unsigned long expires;		/* jiffies */
	void (*function)(struct timer_list *t);
	bool pending;
};

void timer_setup(struct timer_list *t, void (*fn)(struct timer_list *));
void add_timer(struct timer_list *t);		/* t->expires set by the caller */
int del_timer(struct timer_list *t);		/* 1 when it was pending */
int del_timer_sync(struct timer_list *t);	/* the same, and its callback is not running */
void run_timers(void);				/* the tick */

#endif
