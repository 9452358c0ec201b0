// SPDX-License-Identifier: GPL-2.0
/*
 * The trace rings: one per CPU in the shared file (include/uapi/linux/ferry_trace.h has the
 * layout and the rules), each written by its CPU alone, without a lock, and drained by the
 * host while the guest runs.
 *
 * A record is written in three steps: trace_ring_begin() finds room for the most the record
 * can take (an FTR_PAD first when it would cross the ring's end, an FTR_DROPPED first when
 * records were lost since the last one), the caller fills the record in place, and
 * trace_ring_commit() stores its header (one 64-bit store) and publishes the new head with a
 * release store, so the host never sees a record before its bytes. A record that does not
 * fit is not written at all: it is counted, never cut, and nothing is overwritten.
 *
 * Room is known from the last tail read; only when that says "full" is the host's tail read
 * again (an acquire load: the host has finished with the bytes before it moves tail).
 *
 * begin's inline fast path is two compares: the record ends at or below r->limit, the lower
 * of the last tail read plus the ring's size and the ring's end after the position make_room
 * last gave. Anything it does not cover (the first record, a wrap with its FTR_PAD, a ring
 * that looks full until tail is read again, an FTR_DROPPED owed, a record of more than half
 * the ring) fails it and comes to trace_ring_make_room(), which sets the limit again. A loss
 * sets it to 0, so the next record comes here to say so first.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/errno.h>
#include <linux/vmalloc.h>
#include <asm/timex.h>
#include "trace.h"

/* Each CPU's ring; NULL for a CPU the file has no ring for (read by trace_ring_of()). */
static struct trace_ring ring_state[NR_CPUS];
struct trace_ring *trace_cpu_ring[NR_CPUS];
static struct ftr_file_header *header;

/* A CPU without a ring: the one counter all such CPUs share. */
void trace_orphan_dropped(void)
{
	if (header)
		__atomic_fetch_add(&header->orphan_dropped, 1, __ATOMIC_RELAXED);
}

void trace_ring_drop(struct trace_ring *r)
{
	r->dropped++;
	r->pending++;
	r->limit = 0;		/* the next record says so first (make_room) */
	WRITE_ONCE(r->ctl->dropped, r->dropped);
}

void trace_count_dropped(void)
{
	struct trace_ring *r = trace_ring_of(smp_processor_id());

	if (r)
		trace_ring_drop(r);
	else
		trace_orphan_dropped();
}

/*
 * Is there room for 'need' bytes from head after all? Called when the last tail read says
 * no: reads the host's tail again. A tail past head, or more than a ring behind it (a host
 * that moved tail backwards, two drains of one file), is a broken host: the ring counts as
 * full (room 0, so the next call reads tail again), never as room, which would let the
 * writer lap unconsumed records for good.
 */
static bool trace_ring_reread_tail(struct trace_ring *r, u64 need)
{
	u64 size = r->mask + 1;

	r->tail = __atomic_load_n(&r->ctl->tail, __ATOMIC_ACQUIRE);
	if (r->tail > r->head || r->head - r->tail > size)
		r->tail = r->head - size;
	return need <= size - (r->head - r->tail);
}

/* A pad to the ring's end and the FTR_DROPPED record, before the record at the result. */
static u64 trace_ring_prefix(struct trace_ring *r, u64 pad)
{
	u64 pos = r->head;

	if (pad) {
		trace_put_hdr(r->data + (pos & r->mask), FTR_PAD, pad, r->cpu, 0);
		pos += pad;
	}
	if (r->pending) {
		struct ftr_dropped *d = (void *)(r->data + (pos & r->mask));

		d->seq = r->seq++;
		d->ts = get_cycles();
		d->count = r->pending;
		trace_put_hdr((u8 *)d, FTR_DROPPED, sizeof(*d), r->cpu, 0);
		r->records++;
		pos += sizeof(*d);
		r->pending = 0;	/* said now; losses while this record is filled are not */
	}
	return pos;
}

/*
 * begin's slow path (ring_write.h): room for need bytes from head, after an FTR_PAD when they
 * would cross the ring's end and an FTR_DROPPED record when records were lost since the last
 * one. *pos: where the record goes. False: the record is dropped and counted.
 */
bool trace_ring_make_room(struct trace_ring *r, u64 need, u64 *pos)
{
	u64 size = r->mask + 1, to_end = size - (r->head & r->mask), pad = 0, used;

	if (r->pending)
		need += sizeof(struct ftr_dropped);
	if (need > to_end)
		pad = to_end;
	/* room from the last tail read; the host's tail is read again only when that says no */
	used = r->head - r->tail;
	if (need > size / 2 ||
	    ((used > size || pad + need > size - used) && !trace_ring_reread_tail(r, pad + need))) {
		trace_ring_drop(r);
		return false;
	}
	*pos = r->head;
	if (pad || r->pending)
		*pos = trace_ring_prefix(r, pad);
	/* the fast path's bound: the ring's end after *pos, and no further than the host allows */
	r->limit = min(r->tail + size, (*pos | r->mask) + 1);
	return true;
}

/* The writer's start 'head' is the caller's (0 at boot), never read back from the file. */
void trace_ring_attach(struct trace_ring *r, u8 *data, struct ftr_ring_ctl *ctl, u64 size,
		       unsigned int cpu, u64 head)
{
	memset(r, 0, sizeof(*r));
	r->data = data;
	r->ctl = ctl;
	r->mask = size - 1;
	r->cpu = cpu;
	r->head = r->tail = head & ~(u64)(FTR_ALIGN - 1);
}

/*
 * One store to each page of a ring before its first record, while nothing is in it: under
 * QEMU's TCG the guest's first write to a page of the channel costs about 5 us (in QEMU, not
 * a host page fault: the host's page-fault count is the same for 10 records and 100,000).
 * Paid here, at boot (about 20 ms for a 16 MiB ring), it is not paid by the first pass of
 * records: 100,000 traced getpid calls on arm64 went from 1,167 to 1,018 ns each (best of 7
 * boots; docs/tracing.md, "arm64 throughput").
 */
static void touch_ring_pages(u8 *data, u64 size)
{
	for (u64 off = 0; off < size; off += PAGE_SIZE)
		WRITE_ONCE(*(u64 *)(data + off), 0);
}

/* For the self-test: put another ring in a CPU's place, and back. */
struct trace_ring *trace_ring_swap(unsigned int cpu, struct trace_ring *r)
{
	struct trace_ring *old = trace_cpu_ring[cpu];

	trace_cpu_ring[cpu] = r;
	return old;
}

static bool is_power_of_2_u64(u64 n)
{
	return n && !(n & (n - 1));
}

/*
 * The host's header is its word: believe it only within what the device decodes, and say
 * in one line what is wrong. Returns the reason, or NULL when it is good.
 */
const char *trace_check_header(const struct ftr_file_header *h, u64 bar_size)
{
	u64 stride;

	if (memcmp(h->magic, FTR_MAGIC, 8))
		return "no FERRYTR2 magic (not a trace file, or an older format)";
	if (h->version != FTR_VERSION || h->header_size != FTR_HEADER_SIZE)
		return "format version or header size is not this kernel's";
	if (h->size > bar_size || h->size < FTR_HEADER_SIZE)
		return "file size is more than the device decodes";
	if (h->nr_rings < 1 || h->nr_rings > 4096)
		return "ring count out of range";
	if (!is_power_of_2_u64(h->ring_size) || h->ring_size < 4096)
		return "ring size is not a power of two of at least 4096";
	stride = FTR_RING_CTL_SIZE + (u64)h->ring_size;
	if (h->nr_rings * stride > h->size - FTR_HEADER_SIZE)
		return "rings do not fit in the file";
	if (h->ready)
		return "file was used already (ready is set)";
	return NULL;
}

/* "Ferry <version> <arch>", from the banner ("Ferry version 0.15 (x86_64) (gcc ...)"). */
static void kernel_name(char *out, size_t size)
{
	const char *v = linux_banner + sizeof("Ferry version ") - 1;
	size_t n = 0;
	char buf[64];

	while (v[n] && v[n] != ' ' && v[n] != '\n')
		n++;
	memset(buf, 0, sizeof(buf));
	snprintf(buf, sizeof(buf), "Ferry %.*s %s", (int)min(n, (size_t)32), v, KBUILD_ARCH_STR);
	memcpy(out, buf, min(size, sizeof(buf)));
	out[size - 1] = '\0';
}

/*
 * Map the channel: first the header page alone, to read the host's claims against what the
 * device decodes, then only what this kernel uses of the file (the header and a ring per
 * CPU it has, TRACE_MAP_MAX at most), so a huge BAR costs nothing and a mapping that cannot
 * be made is one warning, never a panic. The header page's own mapping stays (Ferry has no
 * iounmap: 8 KiB of address space).
 */
int trace_rings_init(phys_addr_t phys, u64 bar_size)
{
	struct ftr_file_header *h, copy;
	const char *bad;
	unsigned int n;
	u64 stride, used;

	h = ioremap_wc(phys, FTR_HEADER_SIZE);
	if (!h) {
		pr_warn("trace: cannot map the trace file's header: tracing off\n");
		return -ENOMEM;
	}
	memcpy(&copy, h, sizeof(copy));		/* one look at what the host wrote */
	bad = trace_check_header(&copy, bar_size);
	if (bad) {
		pr_warn("trace: bad trace file header: %s: tracing off\n", bad);
		return -EINVAL;
	}
	n = min_t(u32, copy.nr_rings, NR_CPUS);
	stride = FTR_RING_CTL_SIZE + (u64)copy.ring_size;
	used = FTR_HEADER_SIZE + n * stride;	/* no wrap: trace_check_header bounds both */
	if (used > TRACE_MAP_MAX) {
		pr_warn("trace: %u ring%s of %u KiB is %llu MiB, more than the %u MiB this kernel "
			"maps: tracing off\n", n, n == 1 ? "" : "s", copy.ring_size >> 10,
			(unsigned long long)(used >> 20), TRACE_MAP_MAX >> 20);
		return -E2BIG;
	}
	h = ioremap_wc(phys, used);
	if (!h) {
		pr_warn("trace: cannot map %llu MiB of the trace file: tracing off\n",
			(unsigned long long)(used >> 20));
		return -ENOMEM;
	}
	for (unsigned int cpu = 0; cpu < n; cpu++) {
		u8 *base = (u8 *)h + FTR_HEADER_SIZE + cpu * stride;
		struct ftr_ring_ctl *ctl = (void *)base;

		if (READ_ONCE(ctl->tail)) {
			pr_warn("trace: ring %u's tail is not 0 in a fresh file: tracing off\n", cpu);
			return -EINVAL;
		}
		ctl->head = ctl->records = ctl->dropped = 0;
		/* the writer starts at 0 from its own word: nothing is read back from the file */
		trace_ring_attach(&ring_state[cpu], base + FTR_RING_CTL_SIZE, ctl, copy.ring_size,
				  cpu, 0);
		touch_ring_pages(base + FTR_RING_CTL_SIZE, copy.ring_size);
	}
	for (unsigned int cpu = 0; cpu < n; cpu++)
		trace_cpu_ring[cpu] = &ring_state[cpu];
	h->arch = IS_ENABLED(CONFIG_X86) ? FTR_ARCH_X86_64 : FTR_ARCH_ARM64;
	h->icount = trace_config.icount;
	h->cycles_per_sec = cycles_per_sec();
	h->insns_per_cycle = ICOUNT_INSNS_PER_CYCLE;
	h->nr_cpus = nr_cpu_ids;
	h->boot_ts = get_cycles();
	h->orphan_dropped = 0;
	kernel_name(h->kernel, sizeof(h->kernel));
	header = h;
	__atomic_store_n(&h->ready, 1, __ATOMIC_RELEASE);	/* last: the fields above are in */
	pr_info("trace: channel is shared memory (%u ring%s of %u KiB for %u CPU%s)\n",
		copy.nr_rings, copy.nr_rings == 1 ? "" : "s", copy.ring_size >> 10, nr_cpu_ids,
		nr_cpu_ids == 1 ? "" : "s");
	return 0;
}

/* The rings are the file: nothing is held back, so there is nothing to flush. */
void trace_flush(void)
{
}
