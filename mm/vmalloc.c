// SPDX-License-Identifier: GPL-2.0
/*
 * The vmalloc area, [VMALLOC_START, VMALLOC_END): kernel virtual addresses backed page by
 * page through the arch's map_kernel_page(). It has two parts:
 *
 *  - stack slots: the first STACK_AREA_SIZE bytes, cut into slots of 2*THREAD_SIZE, each
 *    2*THREAD_SIZE aligned. A stack occupies the lower half of its slot and the upper half
 *    stays unmapped, so the stack of the slot above has a THREAD_SIZE guard below it. An
 *    overflow faults on the guard instead of corrupting memory; arm64's entry code also uses
 *    the alignment to spot an overflowing stack pointer with a single bit test.
 *  - everything else: vmalloc() and ioremap() ranges, handed out upwards. Freed ranges are
 *    unmapped and their pages freed; the addresses are not reused (plenty of them).
 *
 * Locking: vmap_lock, interrupts off, guards the stack-slot bitmap, the next free address
 * and the kernel page tables of the area (two CPUs mapping pages that share a page table
 * would both add it). It nests outside mem_zone_lock (a page table comes from the page
 * allocator); the backing pages are allocated and freed outside it.
 */
#include <linux/kernel.h>
#include <linux/vmalloc.h>
#include <linux/mm.h>
#include <linux/irqflags.h>
#include <asm/pgtable.h>
#include <asm/thread_info.h>

#define STACK_SLOT_SIZE  (2UL * THREAD_SIZE)
#define STACK_AREA_START (VMALLOC_START + STACK_SLOT_SIZE)	/* slot 0's guard below it */
#define STACK_SLOTS      KERNEL_STACK_SLOTS
#define STACK_AREA_END   (STACK_AREA_START + STACK_SLOTS * STACK_SLOT_SIZE)

static unsigned long stack_slot_used[STACK_SLOTS / 64];
static unsigned long vmalloc_next = STACK_AREA_END + PAGE_SIZE;
static DEFINE_SPINLOCK(vmap_lock);

static int vmap_page(unsigned long va, phys_addr_t pa, unsigned int prot)
{
	unsigned long flags;
	int err;

	spin_lock_irqsave(&vmap_lock, flags);
	err = map_kernel_page(va, pa, prot);
	spin_unlock_irqrestore(&vmap_lock, flags);
	return err;
}

static phys_addr_t vunmap_page(unsigned long va)
{
	unsigned long flags;
	phys_addr_t pa;

	spin_lock_irqsave(&vmap_lock, flags);
	pa = unmap_kernel_page(va);
	spin_unlock_irqrestore(&vmap_lock, flags);
	return pa;
}

/* Unmap [va, va + size) and free the pages that backed it. */
static void unmap_and_free(unsigned long va, size_t size)
{
	for (size_t off = 0; off < size; off += PAGE_SIZE) {
		phys_addr_t pa = vunmap_page(va + off);

		if (pa)
			free_page(__va(pa));
	}
}

/* Map fresh zeroed pages over [va, va + size); on failure undo what was done. */
static int map_fresh_pages(unsigned long va, size_t size)
{
	for (size_t off = 0; off < size; off += PAGE_SIZE) {
		void *page = get_zeroed_page();

		if (!page || vmap_page(va + off, __pa(page), PROT_KERNEL_RW)) {
			if (page)
				free_page(page);
			unmap_and_free(va, off);
			return -1;
		}
	}
	return 0;
}

static void release_stack_slot(unsigned long slot)
{
	unsigned long flags;

	spin_lock_irqsave(&vmap_lock, flags);
	stack_slot_used[slot / 64] &= ~(1UL << (slot % 64));
	spin_unlock_irqrestore(&vmap_lock, flags);
}

void *alloc_kernel_stack(void)
{
	unsigned long flags, slot;

	spin_lock_irqsave(&vmap_lock, flags);
	for (slot = 0; slot < STACK_SLOTS; slot++)
		if (!(stack_slot_used[slot / 64] & (1UL << (slot % 64))))
			break;
	if (slot == STACK_SLOTS) {
		spin_unlock_irqrestore(&vmap_lock, flags);
		return NULL;
	}
	stack_slot_used[slot / 64] |= 1UL << (slot % 64);
	spin_unlock_irqrestore(&vmap_lock, flags);

	unsigned long base = STACK_AREA_START + slot * STACK_SLOT_SIZE;

	if (map_fresh_pages(base, THREAD_SIZE)) {
		release_stack_slot(slot);
		return NULL;
	}
	/*
	 * The slot's addresses backed an earlier stack, whose pages are free now: a CPU
	 * that cached their old translation (x86 flushes only the unmapping CPU) must drop
	 * it before the new task runs here. Outside vmap_lock, interrupts on.
	 */
	flush_tlb_kernel_range(base, base + THREAD_SIZE);
	return (void *)base;
}

void free_kernel_stack(void *base)
{
	unsigned long slot = ((unsigned long)base - STACK_AREA_START) / STACK_SLOT_SIZE;

	unmap_and_free((unsigned long)base, THREAD_SIZE);
	release_stack_slot(slot);
}

bool kernel_stack_guard_hit(unsigned long addr)
{
	if (addr < STACK_AREA_START - THREAD_SIZE || addr >= STACK_AREA_END)
		return false;
	/* The guard of a slot is the half below its stack: the previous slot's upper half. */
	return ((addr - STACK_AREA_START) & (STACK_SLOT_SIZE - 1)) >= THREAD_SIZE ||
	       addr < STACK_AREA_START;
}

bool is_vmalloc_addr(unsigned long addr)
{
	return addr >= VMALLOC_START && addr < VMALLOC_END;
}

/*
 * 'size' bytes of the vmalloc area and an unmapped page after them, or 0 when the area has
 * no such room: the caller fails (NULL), it does not panic, since a size can come from a
 * device (an ioremap of a PCI BAR). The check is written so that no sum can wrap.
 */
static unsigned long reserve_va(size_t size)
{
	unsigned long flags, va = 0;

	spin_lock_irqsave(&vmap_lock, flags);
	if (vmalloc_next <= VMALLOC_END && size < VMALLOC_END - vmalloc_next &&
	    PAGE_SIZE <= VMALLOC_END - vmalloc_next - size) {
		va = vmalloc_next;
		vmalloc_next += size + PAGE_SIZE;	/* an unmapped page between ranges */
	}
	spin_unlock_irqrestore(&vmap_lock, flags);
	return va;
}

/* The first page of a vmalloc() range records its size, so vfree() needs only the pointer. */
void *vmalloc(size_t size)
{
	size_t total = PAGE_ALIGN(size) + PAGE_SIZE;	/* first page: the size, for vfree */
	unsigned long va = reserve_va(total);

	if (!va || map_fresh_pages(va, total))
		return NULL;
	*(size_t *)va = total;
	return (void *)(va + PAGE_SIZE);
}

void vfree(void *addr)
{
	unsigned long va = (unsigned long)addr - PAGE_SIZE;

	if (!addr)
		return;
	unmap_and_free(va, *(size_t *)va);
}

/* Arches without a write-combining type map it as plain device memory. */
#ifndef PROT_DEVICE_WC
#define PROT_DEVICE_WC PROT_DEVICE
#endif

/* NULL when the range wraps, the area is full or a page table cannot be had (what was
 * mapped of it stays mapped, unused: Ferry has no iounmap). */
static void *ioremap_prot(phys_addr_t phys, size_t size, unsigned int prot)
{
	phys_addr_t base = phys & ~(phys_addr_t)(PAGE_SIZE - 1);
	size_t total;
	unsigned long va;

	if (phys + size < phys || PAGE_ALIGN(phys + size) < phys + size)
		return NULL;
	total = PAGE_ALIGN(phys + size) - base;
	va = reserve_va(total);
	if (!va)
		return NULL;
	for (size_t off = 0; off < total; off += PAGE_SIZE)
		if (vmap_page(va + off, base + off, prot))
			return NULL;
	return (void *)(va + (phys - base));
}

void __iomem *ioremap(phys_addr_t phys, size_t size)
{
	return (void __iomem __force *)ioremap_prot(phys, size, PROT_DEVICE);
}

void *ioremap_wc(phys_addr_t phys, size_t size)
{
	return ioremap_prot(phys, size, PROT_DEVICE_WC);
}
