/* The 8253/8254 PIT: only used as a known 1.193182 MHz clock to measure the TSC and LAPIC timer. */
#ifndef _ASM_X86_I8253_H
#define _ASM_X86_I8253_H

#include <linux/types.h>

#define PIT_TICK_RATE	1193182UL

/*
 * Run PIT channel 2 for 'pit_ticks' and return how far read_counter() advanced meanwhile.
 * read_counter must count up.
 */
u64 pit_measure(unsigned int pit_ticks, u64 (*read_counter)(void));

#endif
