// SPDX-License-Identifier: GPL-2.0
/*
 * The trace channel's ring buffer. Records are appended whole; the ring is written out to
 * the arch channel (x86: QEMU's debugcon port, arm64: a semihosting file) whenever it is
 * half full and before power-off, so in practice nothing is lost. If a record ever finds
 * no room (the channel could not keep up), it is dropped and counted, and the next record
 * that fits is preceded by {"type":"dropped","count":N}.
 */
#include <linux/kernel.h>
#include <linux/irqflags.h>
#include <linux/string.h>
#include "trace.h"

#define RING_SIZE (64 * 1024)

static char ring[RING_SIZE];
static size_t ring_len;
static u64 dropped_pending, dropped_total;
static bool stalled;	/* test hook: pretend the channel is busy (kernel/trace/test_trace.c) */

void trace_channel_stall(bool on)
{
	stalled = on;
}

void trace_flush(void)
{
	unsigned long flags;

	local_irq_save(flags);
	if (ring_len && !stalled) {
		arch_trace_channel_write(ring, ring_len);
		ring_len = 0;
	}
	local_irq_restore(flags);
}

static bool append(const char *s, size_t len)
{
	if (len > RING_SIZE - ring_len)
		return false;
	memcpy(ring + ring_len, s, len);
	ring_len += len;
	return true;
}

void trace_write_record(const char *line, size_t len)
{
	unsigned long flags;

	local_irq_save(flags);
	if (dropped_pending) {
		char note[64];
		int n = snprintf(note, sizeof(note), "{\"type\":\"dropped\",\"count\":%llu}\n",
				 (unsigned long long)dropped_pending);

		if (append(note, n))
			dropped_pending = 0;
	}
	if (dropped_pending || !append(line, len)) {
		dropped_pending++;
		dropped_total++;
	}
	local_irq_restore(flags);
	if (ring_len >= RING_SIZE / 2)
		trace_flush();
}

u64 trace_dropped_total(void)
{
	return dropped_total;
}

/* For kernel/trace/test_trace.c: look at and empty the ring without the channel. */
size_t trace_ring_used(void)
{
	return ring_len;
}

void trace_ring_discard(void)
{
	ring_len = 0;
}

/* A record that could not even be made (no memory for it): counted as the full ring's are. */
void trace_count_dropped(void)
{
	dropped_pending++;
	dropped_total++;
}
