// SPDX-License-Identifier: GPL-2.0
/*
 * User address spaces: one set of TTBR0 tables per mm (asm/mmu_context.h describes the
 * split between TTBR0 and TTBR1 and the TLB scheme: nG pages, ASID 0, flush on switch).
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

/* Drop the TLB entry of one user page (ASID 0, so the operand is just VA[55:12]). */
static void flush_tlb_user_page(unsigned long va)
{
	dsb(ishst);			/* the cleared entry is visible to the walker first */
	__asm__ __volatile__("tlbi vale1is, %0" : : "r"(va >> PAGE_SHIFT) : "memory");
	dsb(ish);
	isb();
}

/* All non-global (user) entries of ASID 0, including cached table walks. */
static void flush_tlb_user_all(void)
{
	dsb(ishst);
	__asm__ __volatile__("tlbi aside1is, xzr" : : : "memory");
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
		flush_tlb_user_all();	/* no cached walk may name the table once it is free */
		free_page(t);
	}
	return NULL;
}

int init_new_context(struct mm_struct *mm)
{
	void *pgd = get_zeroed_page();

	if (!pgd)
		return -ENOMEM;
	mm->context.pgd = __pa(pgd);
	mm->context.vdso = 0;
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

void destroy_context(struct mm_struct *mm)
{
	/* Never free tables the MMU may still walk. */
	if ((read_sysreg(ttbr0_el1) & PTE_ADDR_MASK) == mm->context.pgd)
		switch_mm(mm, NULL);
	free_tables(mm->context.pgd, 0);
	mm->context.pgd = 0;
}

void switch_mm(struct mm_struct *prev, struct mm_struct *next)
{
	phys_addr_t root = next ? next->context.pgd : __pa_symbol(reserved_pg_dir);

	write_sysreg(root, ttbr0_el1);	/* TTBR0_EL1.ASID (bits 63:48) = 0 */
	isb();
	flush_tlb_user_all();		/* prev's entries carried the same ASID */
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
		flush_tlb_user_page(va);
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
	flush_tlb_user_page(va);
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
 * (munmap of all of TTBR0's 2^48 bytes looks at 512 level-0 entries, not 2^36 pages).
 *
 * Freed pages (user frames and emptied tables) wait in a small batch until the TLB no
 * longer names them, walk caches included: the flush comes first, then the frees, as a
 * second CPU would need.
 */
#define FREE_BATCH	32

enum range_op { RANGE_UNMAP, RANGE_PROTECT, RANGE_CLEAN_DCACHE };

struct range_walk {
	enum range_op op;
	bool free_frames;		/* RANGE_UNMAP: the frames are ours to free */
	unsigned long vm_flags;		/* RANGE_PROTECT: the new access */
	unsigned long dline;		/* RANGE_CLEAN_DCACHE: the line size */
	bool flush;			/* an entry was cleared since the last flush */
	unsigned int nr_free;
	void *to_free[FREE_BATCH];
};

static void walk_flush(struct range_walk *w)
{
	if (w->flush)
		flush_tlb_user_all();	/* aside1is: leaf entries and cached walks alike */
	w->flush = false;
	for (unsigned int i = 0; i < w->nr_free; i++)
		free_page(w->to_free[i]);
	w->nr_free = 0;
}

static void walk_free_later(struct range_walk *w, void *page)
{
	if (w->nr_free == FREE_BATCH)
		walk_flush(w);
	w->to_free[w->nr_free++] = page;
}

static bool table_empty(const u64 *table)
{
	for (int i = 0; i < PTRS_PER_TABLE; i++)
		if (READ_ONCE(table[i]) & PTE_VALID)
			return false;
	return true;
}

static void leaf_op(struct range_walk *w, u64 *ep, unsigned long va)
{
	phys_addr_t pa = READ_ONCE(*ep) & PTE_ADDR_MASK;

	switch (w->op) {
	case RANGE_UNMAP:
		WRITE_ONCE(*ep, 0);
		if (w->free_frames)
			walk_free_later(w, __va(pa));
		w->flush = true;
		break;
	case RANGE_PROTECT:
		/* Break-before-make (Arm ARM D8.14): invalid and flushed before the new entry. */
		WRITE_ONCE(*ep, 0);
		flush_tlb_user_page(va);
		WRITE_ONCE(*ep, pa | user_pte_attrs(w->vm_flags));
		break;
	case RANGE_CLEAN_DCACHE:
		for (unsigned long off = 0; off < PAGE_SIZE; off += w->dline)
			__asm__ __volatile__("dc cvau, %0" : : "r"((char *)__va(pa) + off) : "memory");
		break;
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
		} else if (walk_table(w, __va(desc & PTE_ADDR_MASK), level + 1, base + (i << shift),
				      start, end)) {
			WRITE_ONCE(*ep, 0);
			walk_free_later(w, __va(desc & PTE_ADDR_MASK));
			w->flush = true;
		}
	}
	if (w->op == RANGE_PROTECT)
		dsb(ishst);	/* the new entries visible to the walker before user space runs */
	return w->op == RANGE_UNMAP && table_empty(table);
}

static void walk_user_range(struct mm_struct *mm, struct range_walk *w, unsigned long start,
			    unsigned long end)
{
	end = min(end, TASK_SIZE_MAX);
	if (start < end)
		walk_table(w, __va(mm->context.pgd), 0, 0, start, end);	/* the root stays */
	walk_flush(w);
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
