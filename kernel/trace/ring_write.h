/*
 * The ring writer's fast path, inline (included by trace.h; ring.c has the rules at its top
 * and the cold paths: a pad at the ring's end, an FTR_DROPPED record, a full ring).
 *
 * Why inline: a traced syscall writes one record, and under QEMU's TCG, where the throughput
 * figure is measured, every return in the kernel is an indirect jump QEMU looks up in a
 * table, and so is a call to code on another page. With the common path inline, the exit
 * hook is one function from the counter read to the release store of head: a traced getpid
 * went from +346 to +270 instructions on x86_64 and from +315 to +257 on arm64 (icount,
 * scripts/bench.py --trace-only), with fewer lookups besides.
 */
#ifndef _KERNEL_TRACE_RING_WRITE_H
#define _KERNEL_TRACE_RING_WRITE_H

#include <linux/sched.h>	/* smp_processor_id() */

/* This CPU's ring, or NULL when the file has none for it. */
static __always_inline struct trace_ring *trace_ring_of(unsigned int cpu)
{
	return cpu < NR_CPUS ? trace_cpu_ring[cpu] : NULL;
}

static __always_inline void trace_put_hdr(u8 *at, u8 type, u16 size, u16 cpu, u16 flags)
{
	/* struct ftr_hdr, little-endian, as one store: a reader never sees half of it */
	*(u64 *)at = type | (u64)FTR_VERSION << 8 | (u64)size << 16 | (u64)cpu << 32 |
		     (u64)flags << 48;
}

/*
 * Room for max_size bytes in CPU cpu's ring, the caller's own (and an FTR_DROPPED record
 * first, if records were lost since the last one): s says where to write. False: the record
 * is counted as dropped, not written.
 */
static __always_inline bool trace_ring_begin_on(struct trace_slot *s, size_t max_size,
						unsigned int cpu)
{
	struct trace_ring *r = trace_ring_of(cpu);
	u64 need = ALIGN(max_size, FTR_ALIGN), pos;

	if (unlikely(!r)) {
		trace_orphan_dropped();
		return false;
	}
	/* acquire: a writer that slept and committed from another CPU published head first */
	if (unlikely(__atomic_load_n(&r->busy, __ATOMIC_ACQUIRE))) {
		trace_ring_drop(r);
		return false;
	}
	/* The common case in two compares: room below limit (before both the last tail read and
	 * the ring's end, no FTR_DROPPED owed), and a record of at most half the ring. Anything
	 * else goes to ring.c. */
	pos = r->head;
	if (unlikely(pos + need > r->limit || need > (r->mask + 1) / 2) &&
	    !trace_ring_make_room(r, need, &pos))
		return false;
	/* what make_room wrote (pad, FTR_DROPPED) is published with the record, by commit */
	s->ring = r;
	s->rec = r->data + (pos & r->mask);
	s->pos = pos;
	s->seq = r->seq;
	r->busy = true;
	return true;
}

/* The same on the CPU the caller runs on (trace_ring_begin_on: a caller that has it at hand). */
static __always_inline bool trace_ring_begin(struct trace_slot *s, size_t max_size)
{
	return trace_ring_begin_on(s, max_size, smp_processor_id());
}

/* The record's header, then head for the host (release: after the record's bytes). */
static __always_inline void trace_ring_commit(struct trace_slot *s, u8 type, u16 flags,
					      size_t size)
{
	struct trace_ring *r = s->ring;
	u64 head = s->pos + ALIGN(size, FTR_ALIGN);

	trace_put_hdr(s->rec, type, ALIGN(size, FTR_ALIGN), r->cpu, flags);
	r->seq = s->seq + 1;
	r->records++;
	WRITE_ONCE(r->ctl->records, r->records);
	r->head = head;
	__atomic_store_n(&r->ctl->head, head, __ATOMIC_RELEASE);
	__atomic_store_n(&r->busy, false, __ATOMIC_RELEASE);
}

#endif
