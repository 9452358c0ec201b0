// SPDX-License-Identifier: GPL-2.0
/* In-kernel tests of the trace channel's ring buffer ("ktest=trace"). */
#include <linux/ktest.h>
#include <linux/string.h>
#include "trace.h"

void trace_channel_stall(bool on);
size_t trace_ring_used(void);
void trace_ring_discard(void);

KTEST(trace, stalled_channel_drops_and_counts)
{
	char rec[100];
	u64 before = trace_dropped_total();
	int n = 0;

	memset(rec, 'x', sizeof(rec));
	rec[sizeof(rec) - 1] = '\n';
	trace_ring_discard();
	trace_channel_stall(true);
	/* 64 KiB of ring takes 655 records of 100 bytes; 700 must overflow it. */
	for (n = 0; n < 700; n++)
		trace_write_record(rec, sizeof(rec));
	KTEST_EXPECT_EQ(t, trace_dropped_total() - before, 700 - 655);
	/* Once there is room again, the next record is preceded by a "dropped" note. */
	trace_ring_discard();
	trace_write_record(rec, sizeof(rec));
	KTEST_EXPECT(t, trace_ring_used() > sizeof(rec));	/* note + record */
	trace_ring_discard();
	trace_channel_stall(false);
}

KTEST(trace, records_are_kept_whole)
{
	static char big[70 * 1024];	/* bigger than the ring (and than a kernel stack) */

	trace_ring_discard();
	trace_channel_stall(true);
	memset(big, 'y', sizeof(big));
	u64 before = trace_dropped_total();

	trace_write_record(big, sizeof(big));	/* larger than the ring: dropped, never split */
	KTEST_EXPECT_EQ(t, trace_dropped_total() - before, 1);
	KTEST_EXPECT_EQ(t, trace_ring_used(), 0);
	trace_write_record("{}\n", 3);	/* takes the pending "dropped" note with it */
	trace_ring_discard();
	trace_channel_stall(false);
}
