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
 * Room for max_size bytes (and an FTR_DROPPED record first, if records were lost since the
 * last one): s says where to write. False: the record is counted as dropped, not written.
 */
static __always_inline bool trace_ring_begin(struct trace_slot *s, size_t max_size)
{
	struct trace_ring *r = trace_ring_of(smp_processor_id());
	u64 size, off, to_end, need, pad = 0, pos, used;

	if (unlikely(!r)) {
		trace_orphan_dropped();
		return false;
	}
	/* acquire: a writer that slept and committed from another CPU published head first */
	if (unlikely(__atomic_load_n(&r->busy, __ATOMIC_ACQUIRE))) {
		trace_ring_drop(r);
		return false;
	}
	size = r->mask + 1;
	need = ALIGN(max_size, FTR_ALIGN) +
	       (unlikely(r->pending) ? sizeof(struct ftr_dropped) : 0);
	off = r->head & r->mask;
	to_end = size - off;
	if (unlikely(need > to_end))
		pad = to_end;
	/* room from the last tail read; the host's tail is read again only when that says no */
	used = r->head - r->tail;
	if (unlikely(need > size / 2 ||
		     ((used > size || pad + need > size - used) &&
		      !trace_ring_reread_tail(r, pad + need)))) {
		trace_ring_drop(r);
		return false;
	}
	pos = r->head;
	if (unlikely(pad || r->pending))
		pos = trace_ring_prefix(r, pad);
	/* what begin wrote (pad, FTR_DROPPED) is published with the record, by commit */
	s->ring = r;
	s->rec = r->data + (pos & r->mask);
	s->pos = pos;
	s->seq = r->seq;
	r->busy = true;
	return true;
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
