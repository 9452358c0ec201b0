// SPDX-License-Identifier: GPL-2.0
/*
 * User address spaces: one PML4 per mm, its lower half private, its upper half a copy of
 * the kernel's (see asm/mmu_context.h), and the 4 KiB user pages below it. User entries
 * carry _PAGE_USER at every level; the kernel half never does, so ring 3 cannot touch it.
 * Page-table pages come from the buddy allocator and go back in destroy_context().
 *
 * TLB shootdown (SMP). A CPU caches translations of the mm its CR3 holds, and of no other
 * (no PCIDs: a CR3 load drops every non-global entry). So mm->context.cpu_mask, kept by
 * switch_mm(), names every CPU that may hold a stale entry after a page-table change, and
 * each flush here does its own CPU directly and the others in mm_cpumask through a
 * function-call IPI, waiting until all are done (the caller frees pages right after).
 * What the remote CPU does is what the local one does: INVLPG for one page (map/unmap of a
 * single page: a COW break, a fault-in over a present entry), a CR3 reload for the whole
 * mm (the mmu_gather of munmap/mprotect/mremap/fork's COW marking and of exit: many pages,
 * and page tables freed, whose cached walks INVLPG of one address would not all drop).
 * Ordering: the page-table stores come before the read of cpu_mask (a full fence), and a
 * CPU sets its bit (a locked RMW) before it loads CR3, so a CPU that the flush misses
 * loaded CR3 after the stores and walks the new tables.
 * With one CPU online, or no other CPU in the mask, no IPI is sent.
 */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mmu_gather.h>
#include <linux/sched.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <linux/mmu_context.h>
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <asm/percpu.h>
#include "mm_internal.h"

#define USER_PGD_PTRS	(PTRS_PER_TABLE / 2)	/* PML4 slots 0..255: the lower half */
/* Upper levels allow everything; the leaf alone decides (the CPU ANDs the levels). */
#define USER_TABLE_FLAGS (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)

/*
 * A PROT_NONE page keeps its frame but must fault on every access, the kernel's user copies
 * included: its leaf is not present to the CPU (which then ignores every other bit) and
 * carries this software bit instead, as Linux's _PAGE_PROTNONE. Such an entry still maps
 * the frame for Ferry: lookups find it, munmap frees it, mprotect back to PROT_READ makes
 * it present again with its data.
 */
#define _PAGE_PROTNONE	_PAGE_GLOBAL
#define USER_LEAF_MAPPED (_PAGE_PRESENT | _PAGE_PROTNONE)

int init_new_context(struct mm_struct *mm)
{
	u64 *pgd = get_zeroed_page();

	if (!pgd)
		return -ENOMEM;
	memcpy(pgd + USER_PGD_PTRS, kernel_pgd + USER_PGD_PTRS, USER_PGD_PTRS * sizeof(*pgd));
	mm->context.pgd = pgd;
	mm->context.vdso = 0;
	mm->context.vdso32 = false;
	cpumask_clear(&mm->context.cpu_mask);
	return 0;
}

/* Free a table and, above the PT level, every table it points to. */
static void free_table(u64 *table, unsigned int level)
{
	if (level > 1)
		for (int i = 0; i < PTRS_PER_TABLE; i++)
			if (table[i] & _PAGE_PRESENT)
				free_table(__va(table[i] & PTE_ADDR_MASK), level - 1);
	free_page(table);
}

static bool is_active(struct mm_struct *mm)
{
	return (read_cr3() & PTE_ADDR_MASK) == __pa(mm->context.pgd);
}

void destroy_context(struct mm_struct *mm)
{
	u64 *pgd = mm->context.pgd;

	/* Never free tables the MMU may still walk. */
	if (is_active(mm))
		switch_mm(mm, NULL);
	for (int i = 0; i < USER_PGD_PTRS; i++)
		if (pgd[i] & _PAGE_PRESENT)
			free_table(__va(pgd[i] & PTE_ADDR_MASK), 3);
	free_page(pgd);
	mm->context.pgd = NULL;
}

void switch_mm(struct mm_struct *prev, struct mm_struct *next)
{
	u64 *pgd = next ? next->context.pgd : kernel_pgd;
	unsigned int cpu = smp_processor_id();

	if (prev == next)
		return;
	/* Flushes of next reach this CPU from before the CR3 load on (see the top). */
	if (next)
		cpumask_set_cpu(cpu, &next->context.cpu_mask);
	/* Kernel pages are global (CR4.PGE): they stay in the TLB across this write. */
	write_cr3(__pa(pgd));
	/* prev's entries are gone from this CPU's TLB: its flushes may skip this CPU now. */
	if (prev)
		cpumask_clear_cpu(cpu, &prev->context.cpu_mask);
}

#define TLB_FLUSH_ALL	(~0UL)

struct tlb_flush_req {
	struct mm_struct *mm;
	unsigned long va;	/* the page, or TLB_FLUSH_ALL */
};

static void flush_local(struct mm_struct *mm, unsigned long va)
{
	if (!is_active(mm))
		return;		/* not loaded here: not cached here */
	if (va == TLB_FLUSH_ALL)
		write_cr3(read_cr3());
	else
		flush_tlb_one_kernel(va);	/* invlpg */
}

/* On a CPU that had mm loaded when the flush began: an IPI, interrupts off. */
static void flush_remote(void *arg)
{
	const struct tlb_flush_req *req = arg;

	this_cpu_hot()->tlb_remote_flushes++;
	flush_local(req->mm, req->va);
}

/* The other CPUs that may cache mm: an IPI to each, and wait for all of them. */
static void flush_others(struct mm_struct *mm, unsigned long va)
{
	struct tlb_flush_req req = { mm, va };
	unsigned int me = smp_processor_id();
	struct cpumask others;

	if (num_online_cpus() == 1)
		return;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);	/* the PTE stores before the mask read */
	for (unsigned int i = 0; i < CPUMASK_LONGS; i++)
		others.bits[i] = __atomic_load_n(&mm->context.cpu_mask.bits[i], __ATOMIC_RELAXED);
	cpumask_clear_cpu(me, &others);
	if (!cpumask_weight(&others))
		return;
	smp_call_function_many(&others, flush_remote, &req, true);
}

/*
 * The PTE of user address va, creating the tables on the way when create is set. A creation
 * that runs out of memory part way unlinks and frees the tables it made, deepest first, so
 * no empty table stays behind a failed call.
 */
static u64 *user_pte(struct mm_struct *mm, unsigned long va, bool create)
{
	u64 *table = mm->context.pgd, *made[3];
	int nr_made = 0;

	if (va >= TASK_SIZE_MAX)	/* the top page and above are never user pages */
		return NULL;
	for (unsigned int shift = PGDIR_SHIFT; shift > PAGE_SHIFT; shift -= 9) {
		u64 *e = &table[(va >> shift) & (PTRS_PER_TABLE - 1)];

		if (!(*e & _PAGE_PRESENT)) {
			void *next = create ? get_zeroed_page() : NULL;

			if (!next)
				goto undo;
			*e = __pa(next) | USER_TABLE_FLAGS;
			made[nr_made++] = e;
		}
		table = __va(*e & PTE_ADDR_MASK);
	}
	return &table[pte_index(va)];

undo:
	if (!nr_made)
		return NULL;
	for (int i = nr_made - 1; i >= 0; i--) {
		void *t = __va(*made[i] & PTE_ADDR_MASK);

		*made[i] = 0;
		made[i] = t;
	}
	flush_tlb_mm(mm);	/* no cached walk may name the tables once they are free */
	while (nr_made--)
		free_page(made[nr_made]);
	return NULL;
}

/* One page of mm, on every CPU that may cache it (see the top). */
static void flush_user_page(struct mm_struct *mm, unsigned long va)
{
	flush_local(mm, va);
	flush_others(mm, va);
}

/* The leaf entry mapping pa for user space with vm_flags' access. */
static u64 user_leaf(phys_addr_t pa, unsigned long vm_flags)
{
	u64 val = pa | _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;

	if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return pa | _PAGE_PROTNONE;
	if (vm_flags & VM_WRITE)
		val |= _PAGE_RW | _PAGE_DIRTY;
	if (!(vm_flags & VM_EXEC))
		val |= __supported_pte_mask_nx;
	return val;
}

int map_user_page(struct mm_struct *mm, unsigned long va, phys_addr_t pa, unsigned long vm_flags)
{
	u64 *pte, val;

	if ((va | pa) & ~PAGE_MASK)
		return -EINVAL;
	pte = user_pte(mm, va, true);
	if (!pte)
		return va >= TASK_SIZE_MAX ? -EINVAL : -ENOMEM;
	val = user_leaf(pa, vm_flags);
	if (*pte & _PAGE_PRESENT) {
		*pte = val;
		flush_user_page(mm, va);
	} else {
		*pte = val;	/* not-present entries are never cached: no flush */
	}
	return 0;
}

phys_addr_t unmap_user_page(struct mm_struct *mm, unsigned long va)
{
	u64 *pte = user_pte(mm, va & PAGE_MASK, false);
	phys_addr_t pa;

	if (!pte || !(*pte & USER_LEAF_MAPPED))
		return 0;
	pa = *pte & PTE_ADDR_MASK;
	*pte = 0;
	flush_user_page(mm, va & PAGE_MASK);
	return pa;
}

phys_addr_t user_page_phys(struct mm_struct *mm, unsigned long va)
{
	u64 *pte = user_pte(mm, va & PAGE_MASK, false);

	return pte && (*pte & USER_LEAF_MAPPED) ? *pte & PTE_ADDR_MASK : 0;
}

/* Every user translation of mm, walks included: reloading CR3 drops all non-global entries. */
void flush_tlb_mm(struct mm_struct *mm)
{
	flush_local(mm, TLB_FLUSH_ALL);
	flush_others(mm, TLB_FLUSH_ALL);
}

/*
 * Range operations walk the tables, not the addresses: an absent entry at any level skips
 * everything below it, so the cost follows what is mapped rather than the size of the range
 * (munmap of the whole lower half looks at 256 PML4 slots, not 2^35 pages). What they take
 * out waits in an mmu_gather (linux/mmu_gather.h) until the TLB no longer names it.
 */
enum range_op { RANGE_UNMAP, RANGE_PROTECT, RANGE_COPY, RANGE_VISIT, RANGE_MOVE };

struct range_walk {
	enum range_op op;
	struct mmu_gather tlb;		/* the mm walked, and what waits for its flush */
	bool free_frames;		/* RANGE_UNMAP: drop the frames' references */
	unsigned long vm_flags;		/* RANGE_PROTECT: the new access; RANGE_COPY: the area's */
	struct mm_struct *dst;		/* RANGE_COPY: the mm receiving the mappings */
	int err;			/* RANGE_COPY: -ENOMEM when dst could not take one */
	visit_fn visit;			/* RANGE_VISIT: called for each present page */
	void *arg;
	unsigned long delta;		/* RANGE_MOVE: destination minus source address */
	bool dup;			/* RANGE_MOVE: keep the source entries (+1 each) */
	unsigned long failed_at;	/* RANGE_MOVE: the first page not moved (err set) */
};

static void leaf_op(struct range_walk *w, u64 *e, unsigned long va)
{
	phys_addr_t pa = *e & PTE_ADDR_MASK;

	switch (w->op) {
	case RANGE_UNMAP:
		if (w->free_frames)
			tlb_remove_page(&w->tlb, pa);
		*e = 0;
		tlb_flush_needed(&w->tlb);
		break;
	case RANGE_PROTECT:
		*e = user_leaf(pa, user_page_access(pa, w->vm_flags));
		tlb_flush_needed(&w->tlb);
		break;
	case RANGE_COPY:		/* whole leaf tables: copy_pte_range() */
	case RANGE_MOVE:		/* whole leaf tables: move_pte_range() */
		break;
	case RANGE_VISIT:
		w->visit(va, pa, w->arg);
		break;
	}
}

/*
 * fork's copy of one leaf table (entry i maps base + i pages), as Linux's copy_pte_range():
 * the child's table for the same 2 MiB is looked up (or made) once, then the entries are
 * written side by side, instead of a walk from the root for every page. A copy-on-write
 * page turns read-only in the parent too; the flush comes once, at the end of the walk.
 */
static void copy_pte_range(struct range_walk *w, u64 *src, unsigned long base,
			   unsigned long start, unsigned long end)
{
	unsigned long first = start > base ? (start - base) >> PAGE_SHIFT : 0;
	unsigned long last = min((end - 1 - base) >> PAGE_SHIFT, (unsigned long)PTRS_PER_TABLE - 1);
	u64 *dst;

	while (first <= last && !(src[first] & USER_LEAF_MAPPED))
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
		u64 e = src[i];
		phys_addr_t pa = e & PTE_ADDR_MASK;
		unsigned long access;

		if (!(e & USER_LEAF_MAPPED))
			continue;
		access = fork_copy_access(pa, w->vm_flags);
		dst[i] = user_leaf(pa, access);
		if (access != w->vm_flags && (e & _PAGE_RW)) {
			src[i] = dst[i];
			tlb_flush_needed(&w->tlb);
		}
	}
}

/*
 * mremap's move of one leaf table's entries (entry i maps base + i pages) to w->delta bytes
 * away, as Linux's move_ptes(): the entry itself moves, so the frame, its count, its
 * access and its dirty bit stay as they were; nothing is copied. The destination table is
 * looked up (or made) once per 2 MiB of destination, not once per page. The source entry
 * is cleared and flushed at the end of the walk (the page is reachable through both
 * addresses until then: the same frame, so no store is lost). A destination that is not
 * present needs no flush. With w->dup the source keeps its entry and the frame gains a
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
		u64 e = src[i];

		if (!(e & USER_LEAF_MAPPED))
			continue;
		if (!dst || (to & ~(PMD_SIZE - 1)) != dst_block) {
			u64 *pte = user_pte(w->tlb.mm, to, true);

			if (!pte) {
				w->err = -ENOMEM;
				w->failed_at = va;
				return;
			}
			dst = pte - pte_index(to);
			dst_block = to & ~(PMD_SIZE - 1);
		}
		dst[pte_index(to)] = e;
		if (w->dup) {
			get_page(phys_to_page(e & PTE_ADDR_MASK));
		} else {
			src[i] = 0;
			tlb_flush_needed(&w->tlb);
		}
	}
}

/*
 * The entries of 'table' (entry i maps base + i << shift) that meet [start, end). When
 * unmapping, a lower table found empty afterwards is freed, whether or not this walk emptied
 * it; returns whether this one now is empty.
 */
static bool walk_table(struct range_walk *w, u64 *table, unsigned int shift, unsigned long base,
		       unsigned long start, unsigned long end)
{
	unsigned long first = start > base ? (start - base) >> shift : 0;
	unsigned long last = min((end - 1 - base) >> shift, (unsigned long)PTRS_PER_TABLE - 1);

	for (unsigned long i = first; i <= last; i++) {
		u64 *e = &table[i];

		/* Tables above the leaves are always present; a leaf may be a PROT_NONE one. */
		if (!(*e & USER_LEAF_MAPPED))
			continue;
		if (shift == PAGE_SHIFT) {
			leaf_op(w, e, base + (i << shift));
		} else if (w->op == RANGE_COPY && shift == PMD_SHIFT) {
			copy_pte_range(w, __va(*e & PTE_ADDR_MASK), base + (i << shift), start, end);
		} else if (w->op == RANGE_MOVE && shift == PMD_SHIFT) {
			if (!w->err)
				move_pte_range(w, __va(*e & PTE_ADDR_MASK), base + (i << shift),
					       start, end);
		} else if (walk_table(w, __va(*e & PTE_ADDR_MASK), shift - 9, base + (i << shift),
				      start, end)) {
			tlb_remove_table(&w->tlb, __va(*e & PTE_ADDR_MASK));
			*e = 0;
		}
	}
	/* At the last mmput the tables all go in destroy_context: no need to look. */
	return w->op == RANGE_UNMAP && !w->tlb.mm->tearing_down &&
	       pt_table_empty(table, USER_LEAF_MAPPED);
}

static void walk_user_range(struct mm_struct *mm, struct range_walk *w, unsigned long start,
			    unsigned long end)
{
	tlb_gather_mmu(&w->tlb, mm);
	end = min(end, TASK_SIZE_MAX);
	if (start < end)
		walk_table(w, mm->context.pgd, PGDIR_SHIFT, 0, start, end);	/* the PML4 stays */
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
	return w.err;
}

unsigned long move_user_range(struct mm_struct *mm, unsigned long start, unsigned long end,
			      unsigned long new_start, bool dup)
{
	struct range_walk w = { .op = RANGE_MOVE, .delta = new_start - start, .dup = dup };

	walk_user_range(mm, &w, start, end);
	return w.err ? w.failed_at - start : end - start;
}

void arch_dup_mmap(struct mm_struct *oldmm, struct mm_struct *mm)
{
	mm->context.vdso = oldmm->context.vdso;
	mm->context.vdso32 = oldmm->context.vdso32;
}
