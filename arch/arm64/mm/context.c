// SPDX-License-Identifier: GPL-2.0
/*
 * User address spaces: one set of TTBR0 tables per mm (asm/mmu_context.h describes the
 * split between TTBR0 and TTBR1 and the TLB scheme: nG pages tagged with the mm's ASID).
 *
 * The tables are four levels of 512 entries (4 KiB granule, 48-bit VA), made of pages from
 * the page allocator and written through the linear map. A user leaf entry is Normal
 * write-back memory, inner shareable, accessed, not global, never executable at EL1 (PXN:
 * the kernel never runs user code), and EL0 may read it (AP[1]); AP[2] makes it read-only
 * unless VM_WRITE, UXN forbids EL0 execution unless VM_EXEC.
 */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/sched.h>
#include <linux/mmu_gather.h>
#include <asm/barrier.h>
#include <linux/mmu_context.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/sysreg.h>

/* Index of va in the table at 'level' (0: bits 47:39 ... 3: bits 20:12). */
#define pt_index(va, level)	(((va) >> (39 - 9 * (level))) & (PTRS_PER_TABLE - 1))

#define PTE_USER_BASE	(PTE_TYPE_PAGE | PTE_ATTRINDX(MT_NORMAL) | PTE_SHARED | PTE_AF | \
			 PTE_NG | PTE_PXN)

static u64 user_pte_attrs(unsigned long vm_flags)
{
	u64 attrs = PTE_USER_BASE;

	if (vm_flags & (VM_READ | VM_WRITE | VM_EXEC))
		attrs |= PTE_USER;
	if (!(vm_flags & VM_WRITE))
		attrs |= PTE_RDONLY;
	if (!(vm_flags & VM_EXEC))
		attrs |= PTE_UXN;
	return attrs;
}

/*
 * ASIDs. TLB entries of user pages (nG) are tagged with the ASID in TTBR0_EL1[63:48]
 * (TCR_EL1.A1 = 0), so each mm gets its own and a switch needs no flush. The allocator
 * counts generations: context.id holds generation | asid, and an mm whose generation is
 * not the current one has no ASID (and no TLB entries: they went with the rollover). A new
 * one comes from the bitmap at its next switch_mm(); when all are taken, the generation
 * moves on, the bitmap empties and the whole TLB is flushed once. ASID 0 is never handed
 * out: it goes with reserved_pg_dir, which maps nothing.
 *
 * Several CPUs (issue 17). Each CPU's TTBR0 holds the ASID of the mm it runs: active_mm[]
 * records which, written together with TTBR0 under asid_lock. A rollover keeps those ASIDs
 * ("reserved" in the new generation, the mm's context.id moved to it), so an mm has one
 * ASID on every CPU at any time and another mm can never be given it while it runs. The
 * rollover's TLBI VMALLE1IS is broadcast to the inner shareable domain, which every CPU
 * of the system is in: when its DSB ISH completes, no CPU's TLB holds an entry of the old
 * generation, so a CPU needs no flush of its own before it uses an ASID of the new one.
 *
 * The same broadcast is what every flush here relies on: TLBI VALE1IS / ASIDE1IS reach the
 * TLB of every CPU that runs the mm, with no IPI (x86 needs one per CPU). A flush reads the
 * mm's context.id once, without the lock, after a DSB that makes its page-table store
 * visible, and flushes by the ASID bits of what it read unless the mm never had one (0).
 * It does not skip an mm of an old generation: a rollover on another CPU may have moved
 * the generation on without having broadcast its own TLBI yet, and the caller frees the
 * page as soon as this flush returns. Flushing a number another mm now holds only costs
 * that mm a few refills.
 *
 * asid_lock protects the bitmap, the generation, active_mm[] and the context.id of every
 * mm in it; it is taken with interrupts off inside switch_mm() (nested inside rq->lock when
 * the scheduler switches) and never held while waiting for another CPU.
 */
#define ID_AA64MMFR0_ASIDBITS(r)	(((r) >> 4) & 0xf)	/* 0: 8 bits, 2: 16 bits */
#define TCR_AS				_BITUL(36)		/* 16-bit ASIDs */
#define MAX_ASIDS			(1UL << 16)
#define BITS_PER_LONG			(8 * sizeof(long))

static unsigned int asid_bits = 8;
static u64 asid_generation;		/* bits from asid_bits up; never 0 once set up */
static unsigned long asid_map[MAX_ASIDS / BITS_PER_LONG];
static unsigned long asid_next = 1;	/* where the search for a free one starts */
static unsigned long asid_limit;	/* 0, or fewer ASIDs for ktest=asid's rollovers */
static struct mm_struct *active_mm[NR_CPUS];	/* whose tables each CPU's TTBR0 holds */
static DEFINE_SPINLOCK(asid_lock);

static inline u64 mm_asid(const struct mm_struct *mm)
{
	return mm->context.id & ((1UL << asid_bits) - 1);
}

static inline bool asid_current(const struct mm_struct *mm)
{
	u64 id = READ_ONCE(mm->context.id);	/* a rollover elsewhere may move it on */

	return id && !((id ^ READ_ONCE(asid_generation)) >> asid_bits);
}

/* paging_init(), before the first user page: 16-bit ASIDs where the CPU has them. */
void asid_init(void)
{
	if (ID_AA64MMFR0_ASIDBITS(read_sysreg(id_aa64mmfr0_el1)) == 2) {
		write_sysreg(read_sysreg(tcr_el1) | TCR_AS, tcr_el1);
		isb();
		asid_bits = 16;
	}
	asid_generation = 1UL << asid_bits;
	pr_info("ASIDs: %u bits\n", asid_bits);
}

static inline bool asid_taken(unsigned long asid)
{
	return asid_map[asid / BITS_PER_LONG] & (1UL << (asid % BITS_PER_LONG));
}

static inline void asid_take(unsigned long asid)
{
	asid_map[asid / BITS_PER_LONG] |= 1UL << (asid % BITS_PER_LONG);
}

/* The first free ASID in [from, n), or n (also when from is past n: a lowered limit). */
static unsigned long asid_find(unsigned long from, unsigned long n)
{
	while (from < n && asid_taken(from))
		from++;
	return from < n ? from : n;
}

/*
 * Rollover, under asid_lock: every ASID of the old generation goes, with every TLB entry on
 * every CPU, except those CPUs run with now: their mms keep their number, in the new
 * generation (see the top of the file).
 */
static void asid_rollover(void)
{
	asid_generation += 1UL << asid_bits;
	memset(asid_map, 0, sizeof(asid_map));
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct mm_struct *mm = active_mm[cpu];

		if (!mm)
			continue;
		asid_take(mm_asid(mm));
		WRITE_ONCE(mm->context.id, asid_generation | mm_asid(mm));
	}
	dsb(ishst);
	__asm__ __volatile__("tlbi vmalle1is" : : : "memory");
	dsb(ish);
	isb();
	asid_next = 1;
}

/* Under asid_lock. */
static void new_context(struct mm_struct *mm)
{
	unsigned long n = asid_limit ? asid_limit : 1UL << asid_bits;
	unsigned long asid = asid_find(asid_next, n);

	if (asid == n) {
		asid_rollover();
		if (asid_current(mm))
			return;		/* another CPU runs it: it kept its ASID */
		asid = asid_find(1, n);
		if (asid == n)		/* only with asid_limit below the number of CPUs */
			panic("ASIDs: all %lu are held by running CPUs", n - 1);
	}
	asid_take(asid);
	asid_next = asid + 1;
	WRITE_ONCE(mm->context.id, asid_generation | asid);
}

/* ktest=asid: hand out only ASIDs 1..n-1 (0: all), so a few mms force rollovers. */
void asid_set_limit_for_test(unsigned long n)
{
	unsigned long flags;

	spin_lock_irqsave(&asid_lock, flags);
	asid_limit = n < (1UL << asid_bits) ? n : 0;
	spin_unlock_irqrestore(&asid_lock, flags);
}

u64 asid_generation_for_test(void)
{
	return asid_generation >> asid_bits;
}

/* The ASID a flush of mm names: its number of any generation (see the top), 0 if none. */
static inline u64 flush_asid(const struct mm_struct *mm)
{
	return READ_ONCE(mm->context.id) & ((1UL << asid_bits) - 1);
}

/*
 * Drop the TLB entry of one user page of mm on every CPU (none when mm never had an ASID).
 * The DSB comes before the ASID is read: see the top of the file.
 */
static void flush_tlb_user_page(struct mm_struct *mm, unsigned long va)
{
	u64 asid;

	dsb(ishst);			/* the changed entry is visible to the walker first */
	asid = flush_asid(mm);
	if (!asid)
		return;
	__asm__ __volatile__("tlbi vale1is, %0"
			     : : "r"((asid << 48) | (va >> PAGE_SHIFT)) : "memory");
	dsb(ish);
	isb();
}

/* All user entries of mm, cached table walks included, on every CPU. */
void flush_tlb_mm(struct mm_struct *mm)
{
	u64 asid;

	dsb(ishst);
	asid = flush_asid(mm);
	if (!asid)
		return;
	__asm__ __volatile__("tlbi aside1is, %0" : : "r"(asid << 48) : "memory");
	dsb(ish);
	isb();
}

/*
 * The level-3 entry for va, creating missing tables when alloc; NULL if none / no memory. A
 * creation that runs out of memory part way unlinks and frees the tables it made, deepest
 * first, so no empty table stays behind a failed call.
 */
static u64 *user_pte(struct mm_struct *mm, unsigned long va, bool alloc)
{
	u64 *table = __va(mm->context.pgd), *made[3];
	int nr_made = 0;

	for (int level = 0; level < 3; level++) {
		u64 *ep = &table[pt_index(va, level)];
		u64 desc = READ_ONCE(*ep);

		if (!(desc & PTE_VALID)) {
			void *next;

			if (!alloc)
				return NULL;
			next = get_zeroed_page();
			if (!next)
				goto undo;
			desc = __pa(next) | PTE_TYPE_TABLE;
			dmb(ishst);		/* the zeroed table before the entry naming it */
			WRITE_ONCE(*ep, desc);
			made[nr_made++] = ep;
		}
		table = __va(desc & PTE_ADDR_MASK);
	}
	return &table[pt_index(va, 3)];

undo:
	if (!nr_made)
		return NULL;
	for (int i = nr_made - 1; i >= 0; i--) {
		void *t = __va(READ_ONCE(*made[i]) & PTE_ADDR_MASK);

		WRITE_ONCE(*made[i], 0);
		made[i] = t;
	}
	flush_tlb_mm(mm);	/* no cached walk may name the tables once they are free */
	while (nr_made--)
		free_page(made[nr_made]);
	return NULL;
}

int init_new_context(struct mm_struct *mm)
{
	void *pgd = get_zeroed_page();

	if (!pgd)
		return -ENOMEM;
	mm->context.pgd = __pa(pgd);
	mm->context.id = 0;		/* an ASID comes at the first switch_mm() */
	mm->context.vdso = 0;
	mm->context.sigpage = 0;
	return 0;
}

/* Free the table pages under 'table' at 'level' (leaf pages are mmput()'s business). */
static void free_tables(phys_addr_t table, int level)
{
	u64 *t = __va(table);

	if (level < 3)
		for (int i = 0; i < PTRS_PER_TABLE; i++)
			if (t[i] & PTE_VALID)
				free_tables(t[i] & PTE_ADDR_MASK, level + 1);
	free_page(t);
}

/* A call from destroy_context(): leave mm's tables if this CPU's TTBR0 still holds them. */
static void drop_dead_mm(void *mm)
{
	if (active_mm[smp_processor_id()] == mm)
		switch_mm(mm, NULL);
}

/*
 * Never free tables an MMU may still walk. The last user of mm is gone, but a CPU where one
 * of its threads exited keeps mm in TTBR0 until it switches to another user task (kernel
 * threads and the idle task run on whatever TTBR0 holds): ask each such CPU to drop it, and
 * wait. None can take mm up again: no task has it any more.
 */
void destroy_context(struct mm_struct *mm)
{
	struct cpumask holders = { 0 };
	unsigned long flags;
	unsigned int cpu;

	spin_lock_irqsave(&asid_lock, flags);
	for (cpu = 0; cpu < NR_CPUS; cpu++)
		if (active_mm[cpu] == mm)
			cpumask_set_cpu(cpu, &holders);
	spin_unlock_irqrestore(&asid_lock, flags);
	for_each_cpu(cpu, &holders)
		smp_call_function_single(cpu, drop_dead_mm, mm, true);
	free_tables(mm->context.pgd, 0);
	mm->context.pgd = 0;
}

/*
 * The ASID and the table base change in one TTBR0 write, so no walk mixes prev's ASID with
 * next's tables. The entries prev left stay in the TLB under prev's ASID for its next turn.
 * Its ASID stays taken until the next rollover, also once prev is gone (destroy_context()),
 * so a stale entry of a dead mm is never matched.
 */
void switch_mm(struct mm_struct *prev, struct mm_struct *next)
{
	unsigned long flags;
	u64 ttbr;

	spin_lock_irqsave(&asid_lock, flags);
	if (next) {
		if (!asid_current(next))
			new_context(next);
		ttbr = next->context.pgd | (mm_asid(next) << 48);
	} else {
		ttbr = __pa_symbol(reserved_pg_dir);	/* ASID 0: maps nothing */
	}
	/* TTBR0 and active_mm change together: a rollover sees what this CPU runs. */
	active_mm[smp_processor_id()] = next;
	write_sysreg(ttbr, ttbr0_el1);
	isb();
	spin_unlock_irqrestore(&asid_lock, flags);
}

void arch_dup_mmap(struct mm_struct *oldmm, struct mm_struct *mm)
{
	mm->context.vdso = oldmm->context.vdso;
	mm->context.sigpage = oldmm->context.sigpage;
}

int map_user_page(struct mm_struct *mm, unsigned long va, phys_addr_t pa, unsigned long vm_flags)
{
	u64 *ep;

	if (va >= TASK_SIZE_MAX || (va & ~PAGE_MASK))
		return -EINVAL;
	ep = user_pte(mm, va, true);
	if (!ep)
		return -ENOMEM;
	/* Changing a live entry: break-before-make (Arm ARM D8.14), invalid + flush between. */
	if (READ_ONCE(*ep) & PTE_VALID) {
		WRITE_ONCE(*ep, 0);
		flush_tlb_user_page(mm, va);
	}
	WRITE_ONCE(*ep, (pa & PTE_ADDR_MASK) | user_pte_attrs(vm_flags));
	dsb(ishst);	/* visible to the walker before user space can touch the page */
	isb();
	return 0;
}

phys_addr_t unmap_user_page(struct mm_struct *mm, unsigned long va)
{
	u64 *ep = va < TASK_SIZE_MAX ? user_pte(mm, va, false) : NULL;
	phys_addr_t pa;

	if (!ep || !(READ_ONCE(*ep) & PTE_VALID))
		return 0;
	pa = *ep & PTE_ADDR_MASK;
	WRITE_ONCE(*ep, 0);
	flush_tlb_user_page(mm, va);
	return pa;
}

phys_addr_t user_page_phys(struct mm_struct *mm, unsigned long va)
{
	u64 *ep = va < TASK_SIZE_MAX ? user_pte(mm, va & PAGE_MASK, false) : NULL;

	if (!ep || !(READ_ONCE(*ep) & PTE_VALID))
		return 0;
	return *ep & PTE_ADDR_MASK;
}

/*
 * Range operations walk the tables, not the addresses: an invalid entry at any level skips
 * everything below it, so the cost follows what is mapped rather than the size of the range
 * (munmap of all of TTBR0's 2^48 bytes looks at 512 level-0 entries, not 2^36 pages). What
 * they take out waits in an mmu_gather (linux/mmu_gather.h) until the TLB, walk caches
 * included, no longer names it.
 */
enum range_op { RANGE_UNMAP, RANGE_PROTECT, RANGE_COPY, RANGE_CLEAN_DCACHE, RANGE_VISIT,
		RANGE_MOVE };

struct range_walk {
	enum range_op op;
	struct mmu_gather tlb;		/* the mm walked, and what waits for its flush */
	bool free_frames;		/* RANGE_UNMAP: drop the frames' references */
	unsigned long vm_flags;		/* RANGE_PROTECT: the new access; RANGE_COPY: the area's */
	struct mm_struct *dst;		/* RANGE_COPY: the mm receiving the mappings */
	int err;			/* RANGE_COPY: -ENOMEM when dst could not take one */
	visit_fn visit;			/* RANGE_VISIT: called for each present page */
	void *arg;
	unsigned long dline;		/* RANGE_CLEAN_DCACHE: the line size */
	unsigned long delta;		/* RANGE_MOVE: destination minus source address */
	bool dup;			/* RANGE_MOVE: keep the source entries (+1 each) */
	unsigned long failed_at;	/* RANGE_MOVE: the first page not moved (err set) */
};

/* Break-before-make (Arm ARM D8.14): invalid and flushed before the new entry. */
static void rewrite_leaf(struct range_walk *w, u64 *ep, unsigned long va, u64 val)
{
	WRITE_ONCE(*ep, 0);
	flush_tlb_user_page(w->tlb.mm, va);
	WRITE_ONCE(*ep, val);
}

static void leaf_op(struct range_walk *w, u64 *ep, unsigned long va)
{
	u64 desc = READ_ONCE(*ep);
	phys_addr_t pa = desc & PTE_ADDR_MASK;

	switch (w->op) {
	case RANGE_UNMAP:
		WRITE_ONCE(*ep, 0);
		if (w->free_frames)
			tlb_remove_page(&w->tlb, pa);
		tlb_flush_needed(&w->tlb);
		break;
	case RANGE_PROTECT:
		rewrite_leaf(w, ep, va, pa | user_pte_attrs(user_page_access(pa, w->vm_flags)));
		break;
	case RANGE_COPY:		/* whole leaf tables: copy_pte_range() */
	case RANGE_MOVE:		/* whole leaf tables: move_pte_range() */
		break;
	case RANGE_VISIT:
		w->visit(va, pa, w->arg);
		break;
	case RANGE_CLEAN_DCACHE:
		for (unsigned long off = 0; off < PAGE_SIZE; off += w->dline)
			__asm__ __volatile__("dc cvau, %0" : : "r"((char *)__va(pa) + off) : "memory");
		break;
	}
}

/*
 * fork's copy of one level-3 table (entry i maps base + i pages), as Linux's
 * copy_pte_range(): the child's table for the same 2 MiB is looked up (or made) once, then
 * the entries are written side by side, instead of a walk from the root for every page.
 * The child has never run, so its entries need no flush, only the dsb at the end of the
 * walk. A copy-on-write page turns read-only in the parent too: a change of permission
 * only, which needs no break-before-make (Arm ARM D8.14.1); one TLB flush of the parent's
 * ASID at the end of the walk covers all of them.
 */
static void copy_pte_range(struct range_walk *w, u64 *src, unsigned long base,
			   unsigned long start, unsigned long end)
{
	unsigned long first = start > base ? (start - base) >> PAGE_SHIFT : 0;
	unsigned long last = min((end - 1 - base) >> PAGE_SHIFT, (unsigned long)PTRS_PER_TABLE - 1);
	u64 *dst;

	while (first <= last && !(READ_ONCE(src[first]) & PTE_VALID))
		first++;
	if (w->err || first > last)
		return;			/* no page here: the child gets no table either */
	dst = user_pte(w->dst, base + (first << PAGE_SHIFT), true);
	if (!dst) {
		w->err = -ENOMEM;
		return;
	}
	dst -= first;
	for (unsigned long i = first; i <= last; i++) {
		u64 desc = READ_ONCE(src[i]);
		phys_addr_t pa = desc & PTE_ADDR_MASK;
		unsigned long access;

		if (!(desc & PTE_VALID))
			continue;
		access = fork_copy_access(pa, w->vm_flags);
		WRITE_ONCE(dst[i], pa | user_pte_attrs(access));
		if (access != w->vm_flags && !(desc & PTE_RDONLY)) {
			WRITE_ONCE(src[i], pa | user_pte_attrs(access));
			tlb_flush_needed(&w->tlb);
		}
	}
}

/*
 * mremap's move of one level-3 table's entries (entry i maps base + i pages) to w->delta
 * bytes away, as Linux's move_ptes(): the descriptor itself moves, so the frame, its count
 * and its access stay as they were; nothing is copied. The destination table is looked up
 * (or made) once per 2 MiB of destination. The destination entry was invalid, so writing it
 * needs no break-before-make; the source entry is made invalid and the mm's ASID flushed
 * once at the end of the walk (until then the page is reachable at both addresses: the same
 * frame, so no store is lost). With w->dup the source keeps its entry and the frame gains a
 * reference (mremap with old_size 0 of a shared area).
 */
static void move_pte_range(struct range_walk *w, u64 *src, unsigned long base,
			   unsigned long start, unsigned long end)
{
	unsigned long first = start > base ? (start - base) >> PAGE_SHIFT : 0;
	unsigned long last = min((end - 1 - base) >> PAGE_SHIFT, (unsigned long)PTRS_PER_TABLE - 1);
	unsigned long dst_block = 0;
	u64 *dst = NULL;

	for (unsigned long i = first; i <= last && !w->err; i++) {
		unsigned long va = base + (i << PAGE_SHIFT), to = va + w->delta;
		u64 desc = READ_ONCE(src[i]);

		if (!(desc & PTE_VALID))
			continue;
		if (!dst || (to & ~(PMD_SIZE - 1)) != dst_block) {
			u64 *ep = user_pte(w->tlb.mm, to, true);

			if (!ep) {
				w->err = -ENOMEM;
				w->failed_at = va;
				return;
			}
			dst = ep - pt_index(to, 3);
			dst_block = to & ~(PMD_SIZE - 1);
		}
		WRITE_ONCE(dst[pt_index(to, 3)], desc);
		if (w->dup) {
			get_page(phys_to_page(desc & PTE_ADDR_MASK));
		} else {
			WRITE_ONCE(src[i], 0);
			tlb_flush_needed(&w->tlb);
		}
	}
}

/*
 * The entries of 'table' at 'level' (entry i maps base + i * its span) that meet
 * [start, end). When unmapping, a lower table found empty afterwards is freed, whether or
 * not this walk emptied it; returns whether this one now is empty.
 */
static bool walk_table(struct range_walk *w, u64 *table, int level, unsigned long base,
		       unsigned long start, unsigned long end)
{
	unsigned int shift = 39 - 9 * level;
	unsigned long first = start > base ? (start - base) >> shift : 0;
	unsigned long last = min((end - 1 - base) >> shift, (unsigned long)PTRS_PER_TABLE - 1);

	for (unsigned long i = first; i <= last; i++) {
		u64 *ep = &table[i];
		u64 desc = READ_ONCE(*ep);

		if (!(desc & PTE_VALID))
			continue;
		if (level == 3) {
			leaf_op(w, ep, base + (i << shift));
		} else if (w->op == RANGE_COPY && level == 2) {
			copy_pte_range(w, __va(desc & PTE_ADDR_MASK), base + (i << shift), start, end);
		} else if (w->op == RANGE_MOVE && level == 2) {
			if (!w->err)
				move_pte_range(w, __va(desc & PTE_ADDR_MASK), base + (i << shift),
					       start, end);
		} else if (walk_table(w, __va(desc & PTE_ADDR_MASK), level + 1, base + (i << shift),
				      start, end)) {
			WRITE_ONCE(*ep, 0);
			tlb_remove_table(&w->tlb, __va(desc & PTE_ADDR_MASK));
		}
	}
	if (w->op == RANGE_PROTECT || w->op == RANGE_COPY || w->op == RANGE_MOVE)
		dsb(ishst);	/* the new entries visible to the walker before user space runs */
	/* At the last mmput the tables all go in destroy_context: no need to look. */
	return w->op == RANGE_UNMAP && !w->tlb.mm->tearing_down &&
	       pt_table_empty(table, PTE_VALID);
}

static void walk_user_range(struct mm_struct *mm, struct range_walk *w, unsigned long start,
			    unsigned long end)
{
	tlb_gather_mmu(&w->tlb, mm);
	end = min(end, TASK_SIZE_MAX);
	if (start < end)
		walk_table(w, __va(mm->context.pgd), 0, 0, start, end);	/* the root stays */
	tlb_finish_mmu(&w->tlb);
}

void unmap_user_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		      bool free_frames)
{
	struct range_walk w = { .op = RANGE_UNMAP, .free_frames = free_frames };

	walk_user_range(mm, &w, start, end);
}

void protect_user_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			unsigned long vm_flags)
{
	struct range_walk w = { .op = RANGE_PROTECT, .vm_flags = vm_flags };

	walk_user_range(mm, &w, start, end);
	isb();
}

void visit_user_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		      visit_fn visit, void *arg)
{
	struct range_walk w = { .op = RANGE_VISIT, .visit = visit, .arg = arg };

	walk_user_range(mm, &w, start, end);
}

int copy_user_range(struct mm_struct *dst, struct mm_struct *src, unsigned long start,
		    unsigned long end, unsigned long vm_flags)
{
	struct range_walk w = { .op = RANGE_COPY, .vm_flags = vm_flags, .dst = dst };

	walk_user_range(src, &w, start, end);
	isb();
	return w.err;
}

unsigned long move_user_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			      unsigned long new_start, bool dup)
{
	struct range_walk w = { .op = RANGE_MOVE, .delta = new_start - start, .dup = dup };

	walk_user_range(mm, &w, start, end);
	isb();
	return w.err ? w.failed_at - start : end - start;
}

/*
 * Code written into user pages through the linear map went through the data cache, where
 * instruction fetch does not look: clean the range's mapped pages to the point of
 * unification (by their linear-map addresses; the cache is physically indexed, so the alias
 * reaches the same lines), then invalidate the instruction cache. CTR_EL0.IDC / DIC say
 * when a step is not needed.
 */
void sync_user_icache_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	u64 ctr = read_sysreg(ctr_el0);

	if (!(ctr & _BITUL(28))) {				/* IDC clear: clean needed */
		struct range_walk w = { .op = RANGE_CLEAN_DCACHE,
					.dline = 4UL << ((ctr >> 16) & 0xf) };	/* DminLine */

		walk_user_range(mm, &w, start, end);
	}
	dsb(ish);
	if (!(ctr & _BITUL(29)))				/* DIC clear: invalidate needed */
		__asm__ __volatile__("ic ialluis" : : : "memory");
	dsb(ish);
	isb();
}

/* After the ELF loader: every executable area. */
void sync_user_icache(struct mm_struct *mm)
{
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next)
		if (v->vm_flags & VM_EXEC)
			sync_user_icache_range(mm, v->vm_start, v->vm_end);
}
