// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel tests of the trace ring writer ("ktest=trace"): each runs the writer over a
 * ring in ordinary memory put in this CPU's place, with the test playing the host (it moves
 * tail, or does not: a stalled host).
 */
#include <linux/ktest.h>
#include <linux/string.h>
#include <linux/sched.h>
#include "trace.h"

#define TEST_RING 4096

static u8 test_data[TEST_RING] __aligned(8);
static struct ftr_ring_ctl test_ctl;
static struct trace_ring test_ring;

static struct trace_ring *use_test_ring(void)
{
	memset(test_data, 0xaa, sizeof(test_data));
	memset(&test_ctl, 0, sizeof(test_ctl));
	trace_ring_attach(&test_ring, test_data, &test_ctl, TEST_RING, smp_processor_id(), 0);
	return trace_ring_swap(smp_processor_id(), &test_ring);
}

/* One record of 'size' bytes (a fake syscall record whose body is its seq's low byte). */
static bool put(size_t size)
{
	struct trace_slot s;

	if (!trace_ring_begin(&s, size))
		return false;
	memset(s.rec + 8, (u8)s.seq, size - 8);
	trace_ring_commit(&s, FTR_SYSCALL, 0, size);
	return true;
}

static struct ftr_hdr hdr_at(u64 pos)
{
	struct ftr_hdr h;

	memcpy(&h, test_data + (pos & (TEST_RING - 1)), sizeof(h));
	return h;
}

KTEST(trace, record_crossing_the_end_goes_after_a_pad)
{
	struct trace_ring *old = use_test_ring();
	struct ftr_hdr h;

	/* 3 x 1200 = 3600; the 4th would cross 4096: a 496-byte pad, then it at offset 0 */
	for (int i = 0; i < 3; i++)
		KTEST_EXPECT(t, put(1200));
	test_ctl.tail = 3600;			/* the host took the three */
	KTEST_EXPECT(t, put(1200));
	h = hdr_at(3600);
	KTEST_EXPECT_EQ(t, h.type, FTR_PAD);
	KTEST_EXPECT_EQ(t, h.size, 496);
	h = hdr_at(4096);
	KTEST_EXPECT_EQ(t, h.type, FTR_SYSCALL);
	KTEST_EXPECT_EQ(t, h.size, 1200);
	KTEST_EXPECT_EQ(t, h.version, FTR_VERSION);
	KTEST_EXPECT_EQ(t, test_ctl.head, 4096 + 1200);
	KTEST_EXPECT_EQ(t, test_ctl.records, 4);	/* the pad is not a record */
	trace_ring_swap(smp_processor_id(), old);
}

KTEST(trace, full_ring_counts_drops_then_says_where)
{
	struct trace_ring *old = use_test_ring();
	struct ftr_dropped d;
	struct ftr_hdr h;
	int kept = 0;

	/* a host that never drains: 4096 / 512 = 8 records fit, the other 12 are counted */
	for (int i = 0; i < 20; i++)
		kept += put(512);
	KTEST_EXPECT_EQ(t, kept, 8);
	KTEST_EXPECT_EQ(t, test_ctl.dropped, 12);
	KTEST_EXPECT_EQ(t, test_ctl.head, 4096);
	test_ctl.tail = 4096;			/* the host catches up */
	KTEST_EXPECT(t, put(64));
	h = hdr_at(4096);
	KTEST_EXPECT_EQ(t, h.type, FTR_DROPPED);
	memcpy(&d, test_data, sizeof(d));
	KTEST_EXPECT_EQ(t, d.count, 12);
	KTEST_EXPECT_EQ(t, d.seq, 8);
	h = hdr_at(4096 + sizeof(d));
	KTEST_EXPECT_EQ(t, h.type, FTR_SYSCALL);
	KTEST_EXPECT_EQ(t, test_ctl.head, 4096 + sizeof(d) + 64);
	/* the next record owes nothing: no second FTR_DROPPED */
	KTEST_EXPECT(t, put(64));
	KTEST_EXPECT_EQ(t, hdr_at(4096 + sizeof(d) + 64).type, FTR_SYSCALL);
	trace_ring_swap(smp_processor_id(), old);
}

/*
 * The fast path's limit (ring.c) is the lower of the ring's end and the host's tail plus a
 * ring: from a head in mid-ring, after the wrap it is the tail that stops the writer, short
 * of the records the host has not taken yet.
 */
KTEST(trace, after_a_wrap_the_hosts_tail_still_bounds_the_writer)
{
	struct trace_ring *old = use_test_ring();
	struct ftr_hdr h;
	int kept = 0;

	trace_ring_attach(&test_ring, test_data, &test_ctl, TEST_RING, smp_processor_id(), 1024);
	test_ctl.tail = 1024;			/* the host is where the writer starts... */
	/* ...and never drains: 6 x 512 to the ring's end, 2 more before offset 1024 */
	for (int i = 0; i < 12; i++)
		kept += put(512);
	KTEST_EXPECT_EQ(t, kept, 8);
	KTEST_EXPECT_EQ(t, test_ctl.head, TEST_RING + 1024);
	KTEST_EXPECT_EQ(t, test_ctl.dropped, 4);
	h = hdr_at(1024);			/* the first record, not written over */
	KTEST_EXPECT_EQ(t, h.type, FTR_SYSCALL);
	KTEST_EXPECT_EQ(t, test_data[1024 + 8], 0);
	KTEST_EXPECT_EQ(t, test_data[1024 + 512 + 8], 1);
	trace_ring_swap(smp_processor_id(), old);
}

KTEST(trace, record_that_does_not_fit_is_never_half_written)
{
	struct trace_ring *old = use_test_ring();
	struct trace_slot s;
	bool untouched = true;

	KTEST_EXPECT(t, put(2000));
	KTEST_EXPECT(t, put(2000));
	/* 96 bytes left and the host stalled: a 1200-byte record is refused whole */
	KTEST_EXPECT(t, !put(1200));
	KTEST_EXPECT_EQ(t, test_ctl.head, 4000);
	for (int i = 4000; i < TEST_RING; i++)
		untouched &= test_data[i] == 0xaa;
	KTEST_EXPECT(t, untouched);
	/* a record larger than half the ring can never be written: dropped, not cut */
	test_ctl.tail = 4000;
	KTEST_EXPECT(t, !trace_ring_begin(&s, 2100));
	KTEST_EXPECT_EQ(t, test_ctl.dropped, 2);
	trace_ring_swap(smp_processor_id(), old);
}

KTEST(trace, writer_asleep_in_a_copy_makes_others_drop)
{
	struct trace_ring *old = use_test_ring();
	struct trace_slot s;
	bool began = trace_ring_begin(&s, 128);

	KTEST_EXPECT(t, began);
	if (!began) {			/* nothing to commit: the slot is not filled in */
		trace_ring_swap(smp_processor_id(), old);
		return;
	}
	/* another task of this CPU, while the first sleeps in a user copy */
	KTEST_EXPECT(t, !put(64));
	KTEST_EXPECT_EQ(t, test_ctl.dropped, 1);
	trace_ring_commit(&s, FTR_SYSCALL, 0, 128);
	KTEST_EXPECT(t, put(64));		/* after an FTR_DROPPED of 1 */
	KTEST_EXPECT_EQ(t, hdr_at(128).type, FTR_DROPPED);
	trace_ring_swap(smp_processor_id(), old);
}

KTEST(trace, tail_more_than_a_ring_behind_is_full_not_room)
{
	struct trace_ring *old = use_test_ring();
	bool untouched = true;

	/* 8 records of 512 fill the ring; the host takes them all */
	for (int i = 0; i < 8; i++)
		KTEST_EXPECT(t, put(512));
	test_ctl.tail = 4096;
	KTEST_EXPECT(t, put(512));		/* the writer reads tail 4096: room again */
	for (int i = 0; i < 7; i++)
		KTEST_EXPECT(t, put(512));
	KTEST_EXPECT_EQ(t, test_ctl.head, 8192);
	/* a broken host moves tail backwards, more than a ring behind head (8192 - 4096 - 8) */
	test_ctl.tail = 8192 - TEST_RING - 8;
	memset(test_data, 0xaa, sizeof(test_data));
	for (int i = 0; i < 4; i++)
		KTEST_EXPECT(t, !put(64));	/* full, never "room": nothing overwritten */
	KTEST_EXPECT_EQ(t, test_ctl.head, 8192);
	KTEST_EXPECT_EQ(t, test_ctl.dropped, 4);
	for (int i = 0; i < TEST_RING; i++)
		untouched &= test_data[i] == 0xaa;
	KTEST_EXPECT(t, untouched);
	test_ctl.tail = 8192;			/* a sane tail later is believed again */
	KTEST_EXPECT(t, put(64));
	KTEST_EXPECT_EQ(t, hdr_at(8192).type, FTR_DROPPED);
	trace_ring_swap(smp_processor_id(), old);
}

KTEST(trace, ring_starts_at_the_head_it_is_given)
{
	struct trace_ring *old = use_test_ring();

	/* the file's head is the host's to scribble on: the writer never reads it back */
	test_ctl.head = 2 * TEST_RING - 3;
	trace_ring_attach(&test_ring, test_data, &test_ctl, TEST_RING, smp_processor_id(), 0);
	KTEST_EXPECT(t, put(64));
	KTEST_EXPECT_EQ(t, test_ctl.head, 64);
	KTEST_EXPECT_EQ(t, hdr_at(0).type, FTR_SYSCALL);
	trace_ring_swap(smp_processor_id(), old);
}

/* The host's half of a good header: 1 ring of 4096 in a 16 KiB file. */
static void good_header(struct ftr_file_header *h)
{
	memset(h, 0, sizeof(*h));
	memcpy(h->magic, FTR_MAGIC, 8);
	h->version = FTR_VERSION;
	h->header_size = FTR_HEADER_SIZE;
	h->size = 16384;
	h->nr_rings = 1;
	h->ring_size = 4096;
}

KTEST(trace, bad_file_header_is_refused_with_its_reason)
{
	static struct ftr_file_header h;
	const char *why;

	good_header(&h);
	KTEST_EXPECT(t, !trace_check_header(&h, 16384));
	h.ready = 1;				/* a file a boot used already */
	why = trace_check_header(&h, 16384);
	KTEST_EXPECT(t, why && strstr(why, "ready is set"));
	good_header(&h);
	h.size = 32768;				/* more than the BAR decodes */
	why = trace_check_header(&h, 16384);
	KTEST_EXPECT(t, why && strstr(why, "more than the device decodes"));
	good_header(&h);
	h.magic[7] = '1';			/* format 1's magic */
	why = trace_check_header(&h, 16384);
	KTEST_EXPECT(t, why && strstr(why, "magic"));
	good_header(&h);
	h.ring_size = 6144;			/* not a power of two */
	why = trace_check_header(&h, 16384);
	KTEST_EXPECT(t, why && strstr(why, "power of two"));
	good_header(&h);
	h.nr_rings = 3;				/* 3 x 8 KiB after the header: 28 KiB > 16 KiB */
	why = trace_check_header(&h, 16384);
	KTEST_EXPECT(t, why && strstr(why, "do not fit"));
	good_header(&h);
	h.nr_rings = 0;
	why = trace_check_header(&h, 16384);
	KTEST_EXPECT(t, why && strstr(why, "ring count"));
}
