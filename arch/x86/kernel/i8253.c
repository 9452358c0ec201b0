// SPDX-License-Identifier: GPL-2.0
/*
 * The PIT as a stopwatch. Channel 2 is the one whose gate software controls (port 0x61 bit 0)
 * and whose output software can read (port 0x61 bit 5), so it can time an interval without
 * interrupts: load a count in mode 0, open the gate, wait for OUT to go high.
 */
#include <asm/io.h>
#include <asm/i8253.h>
#include <asm/timex.h>

#define PIT_CH2		0x42
#define PIT_MODE	0x43
#define PORT_B		0x61	/* 8042 "port B": speaker and PIT channel 2 gate */
#define  PORTB_GATE2	0x01
#define  PORTB_SPEAKER	0x02
#define  PORTB_OUT2	0x20
#define PIT_CH2_MODE0_LOHI 0xb0	/* channel 2, access lo then hi byte, mode 0, binary */
#define PIT_CH2_LATCH	0x80	/* channel 2, counter latch command */

static u64 read_none(void)
{
	return 0;
}

/* Channel 2's current count, latched so the two bytes belong together (counter latch command). */
static unsigned int pit_count(void)
{
	unsigned int lo, hi;

	outb(PIT_CH2_LATCH, PIT_MODE);
	lo = inb(PIT_CH2);
	hi = inb(PIT_CH2);
	return lo | hi << 8;
}

/*
 * Mode 0 counts down from pit_ticks to 0, raises OUT, and goes on down from 0xffff. The loop
 * only sees OUT when it runs: a vCPU the host stopped for a few milliseconds (a loaded host
 * under QEMU TCG) sees it late, while the TSC and the APIC timer ran on, and a window taken
 * as pit_ticks long would measure them several times too fast (a loaded CI run calibrated the
 * APIC timer at 5.2 GHz). So the count itself is read beside each end of the measurement, and
 * the counters' advance is scaled to the PIT ticks that really passed between the reads.
 * A run that cannot be scaled is refused (false, with the unscaled figures): the count had already passed 0 at the
 * first read (the vCPU stopped longer than the window before it), or it went round more than
 * once (a stop of over 55 ms) so that fewer ticks seem to have passed than OUT proves.
 */
static bool pit_run(unsigned int pit_ticks, u64 (*read_counter)(void), u64 *tsc_delta,
		    u64 *counted)
{
	u8 portb = inb(PORT_B);
	u64 start, end, tsc_start, tsc_end, passed;
	unsigned int c0, c1;

	/* Gate off and speaker off while the count is loaded. */
	outb((portb & ~(PORTB_GATE2 | PORTB_SPEAKER)), PORT_B);
	outb(PIT_CH2_MODE0_LOHI, PIT_MODE);
	outb(pit_ticks & 0xff, PIT_CH2);
	outb(pit_ticks >> 8, PIT_CH2);

	/* Open the gate: counting starts; OUT rises when it reaches 0. */
	outb((portb & ~PORTB_SPEAKER) | PORTB_GATE2, PORT_B);
	tsc_start = get_cycles();
	start = read_counter();
	c0 = pit_count();
	while (!(inb(PORT_B) & PORTB_OUT2))
		;
	c1 = pit_count();
	end = read_counter();
	tsc_end = get_cycles();
	outb(portb, PORT_B);

	/* Down from c0 to c1 through 0 (OUT is high): more than c0 ticks, if it wrapped once. */
	passed = (c0 - c1) & 0xffff;
	if (c0 > pit_ticks || passed <= c0) {
		*tsc_delta = tsc_end - tsc_start;	/* unscaled, as taken */
		*counted = end - start;
		return false;
	}
	*tsc_delta = (tsc_end - tsc_start) * pit_ticks / passed;
	*counted = (end - start) * pit_ticks / passed;
	return true;
}

/* A few microseconds: enough to run every instruction of pit_run() once. */
#define WARMUP_PIT_TICKS	8

u64 pit_measure(unsigned int pit_ticks, u64 (*read_counter)(void), u64 *tsc_delta)
{
	u64 counted;

	if (!read_counter)
		read_counter = read_none;
	/*
	 * Under an emulator (QEMU TCG) the first run of each code block is translated while
	 * the clocks run on: a few tens of microseconds that would land inside the window and
	 * skew it by several percent. A short first run leaves only warm code for the real one.
	 */
	pit_run(WARMUP_PIT_TICKS, read_counter, tsc_delta, &counted);
	/* A refused run is taken again; after eight, the last one's figures as they are. */
	for (int i = 0; i < 8; i++)
		if (pit_run(pit_ticks, read_counter, tsc_delta, &counted))
			break;
	return counted;
}
