// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel page tables after head.S: the fixmap (single-page slots for boot-time mappings),
 * the DTB window, the final tables paging_init() builds (linear map of RAM, the image with
 * per-section permissions), and map_kernel_page()/unmap_kernel_page() for the vmalloc area.
 *
 * Page-table pages are named by physical address. pt_map() finds a way to write one: through
 * the image mapping if it lives in the image, the linear map once it exists, and before that
 * through the FIX_PGTABLE fixmap slot.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/memblock.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <asm/barrier.h>
#include <asm/memory.h>
#include <asm/pgtable.h>
#include <linux/mmu_context.h>
#include <linux/text_patching.h>
#include <asm/sysreg.h>

u64 swapper_pg_dir[PTRS_PER_TABLE] __aligned(PAGE_SIZE);
u64 reserved_pg_dir[PTRS_PER_TABLE] __aligned(PAGE_SIZE);	/* all invalid: "no tables" */
static u64 fixmap_pte[PTRS_PER_TABLE] __aligned(PAGE_SIZE);

enum fixed_addresses {
	FIX_EARLYCON,	/* the UART, before ioremap() works */
	FIX_PGTABLE,	/* the page-table page being written, before the linear map exists */
	NR_FIX,
};
#define fix_to_virt(idx)	(FIXADDR_START + (unsigned long)(idx) * PAGE_SIZE)

/* Index of va in the table at 'level' (0..3). */
#define pt_index(va, level)	(((va) >> (39 - 9 * (level))) & (PTRS_PER_TABLE - 1))

/* init_pg_dir is level 0, 1, 2 in consecutive pages (head.S, vmlinux.lds.S). */
#define init_pg_dir_l2		(init_pg_dir + 2 * PTRS_PER_TABLE)

/* head.S: switches TTBR1 through the empty table; must be called at its physical address. */
extern void replace_ttbr1(phys_addr_t ttbr1);
extern char __start_rodata[], __end_rodata[];

static bool linear_map_ready;
static phys_addr_t kernel_root;		/* what TTBR1 points at */

static void flush_tlb_kernel_page(unsigned long va)
{
	dsb(ishst);
	__asm__ __volatile__("tlbi vaale1is, %0" : : "r" (va >> PAGE_SHIFT) : "memory");
	dsb(ish);
	isb();
}

/*
 * unmap_kernel_page() already broadcast its TLBI to every CPU, so this only matters to a
 * caller that changed entries some other way; it costs a TLBI per page on the fork path.
 */
void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	for (unsigned long va = start; va < end; va += PAGE_SIZE)
		flush_tlb_kernel_page(va);
}

/*
 * Write a live leaf entry. Replacing one valid mapping with another needs break-before-make
 * (Arm ARM D8.14): invalid entry and TLB flush in between, or two translations could meet.
 */
static void set_live_pte(u64 *ptep, unsigned long va, u64 val)
{
	if (*ptep & PTE_VALID) {
		WRITE_ONCE(*ptep, 0);
		flush_tlb_kernel_page(va);
	}
	WRITE_ONCE(*ptep, val);
	dsb(ishst);
	isb();
}

static void set_fixmap(enum fixed_addresses idx, phys_addr_t pa, u64 attrs)
{
	set_live_pte(&fixmap_pte[idx], fix_to_virt(idx),
		     (pa & PTE_ADDR_MASK) | attrs | PTE_TYPE_PAGE);
}

/* Hook the fixmap into the early tables; the final ones get the same page (paging_init). */
void early_fixmap_init(void)
{
	kernel_root = __pa_symbol(init_pg_dir);
	init_pg_dir_l2[pt_index(FIXADDR_START, 2)] = __pa_symbol(fixmap_pte) | PTE_TYPE_TABLE;
	dsb(ishst);
	isb();
}

static bool pa_in_image(phys_addr_t pa)
{
	return pa >= __pa_symbol(_text) && pa < __pa_symbol(_end);
}

/* A writable pointer to the table page at pa; valid until the next pt_map(). */
static u64 *pt_map(phys_addr_t pa)
{
	if (pa_in_image(pa))
		return (u64 *)(pa + kimage_voffset);
	if (linear_map_ready)
		return __va(pa);
	set_fixmap(FIX_PGTABLE, pa, PTE_ATTRS_NORMAL | PTE_PXN);
	return (u64 *)fix_to_virt(FIX_PGTABLE);
}

/* A zeroed page for a table: memblock until the page allocator has taken over RAM. */
static phys_addr_t pgtable_alloc(void)
{
	phys_addr_t pa;

	if (nr_total_pages()) {
		void *p = get_zeroed_page();

		return p ? __pa(p) : 0;
	}
	pa = memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE);
	if (pa)
		memset(pt_map(pa), 0, PAGE_SIZE);
	return pa;
}

/*
 * The entry for va at 'level' under root, creating missing tables when alloc. NULL when a
 * table is missing (and !alloc), memory ran out, or a block mapping covers va.
 */
static u64 *walk(phys_addr_t root, unsigned long va, int level, bool alloc)
{
	phys_addr_t table = root;
	int l;

	for (l = 0; ; l++) {
		u64 *ep = &pt_map(table)[pt_index(va, l)];
		u64 desc;

		if (l == level)
			return ep;
		desc = *ep;
		if (!(desc & PTE_VALID)) {
			phys_addr_t next;

			if (!alloc)
				return NULL;
			next = pgtable_alloc();
			if (!next)
				return NULL;
			ep = &pt_map(table)[pt_index(va, l)];	/* the slot moved */
			desc = next | PTE_TYPE_TABLE;
			WRITE_ONCE(*ep, desc);
			dsb(ishst);
		} else if ((desc & PTE_TYPE_MASK) != PTE_TYPE_TABLE) {
			return NULL;
		}
		table = desc & PTE_ADDR_MASK;
	}
}

/* Map [va, va+size) -> pa in tables that are not live yet: 2 MiB blocks where they fit. */
static void map_range(phys_addr_t root, unsigned long va, phys_addr_t pa, u64 size,
		      u64 attrs, bool blocks)
{
	while (size) {
		bool block = blocks && IS_ALIGNED(va | pa, PMD_SIZE) && size >= PMD_SIZE;
		u64 *ep = walk(root, va, block ? 2 : 3, true);
		u64 step = block ? PMD_SIZE : PAGE_SIZE;

		if (!ep)
			panic("paging_init: no memory for page tables at %016lx", va);
		*ep = (pa & PTE_ADDR_MASK) | attrs | (block ? PTE_TYPE_BLOCK : PTE_TYPE_PAGE);
		va += step;
		pa += step;
		size -= step;
	}
}

/*
 * The DTB window: two 2 MiB blocks (a DTB is at most 2 MiB, so it never needs more) in the
 * image's level-2 table. Returns the DTB's virtual address; *mapped = bytes readable there.
 */
void *fixmap_remap_fdt(phys_addr_t dt_phys, size_t *mapped)
{
	phys_addr_t base = ALIGN_DOWN(dt_phys, PMD_SIZE);
	u64 attrs = PROT_SECT_NORMAL | PTE_RDONLY | PTE_PXN;
	int i;

	for (i = 0; i < 2; i++) {
		unsigned long va = FDT_VIRT_BASE + i * PMD_SIZE;

		set_live_pte(&init_pg_dir_l2[pt_index(va, 2)], va, (base + i * PMD_SIZE) | attrs);
	}
	*mapped = FDT_WINDOW_SIZE - (dt_phys - base);
	return (void *)(FDT_VIRT_BASE + (dt_phys - base));
}

/* The UART in the FIX_EARLYCON slot: a console before the final tables exist. */
void __iomem *early_ioremap_uart(phys_addr_t phys)
{
	set_fixmap(FIX_EARLYCON, phys & PAGE_MASK, PTE_ATTRS_DEVICE);
	return (void __iomem *)(fix_to_virt(FIX_EARLYCON) + (phys & ~PAGE_MASK));
}

/*
 * One RAM range into the linear map. The kernel image's part gets 4 KiB pages, so that
 * arch_seal_text_alias() can make its text and rodata alone read-only once boot patching is
 * over; the rest 2 MiB blocks where they fit.
 */
static void map_linear_range(phys_addr_t root, phys_addr_t start, phys_addr_t end, u64 attrs)
{
	phys_addr_t img_start = max(start, __pa_symbol(_text));
	phys_addr_t img_end = min(end, (phys_addr_t)ALIGN(__pa_symbol(_end), PAGE_SIZE));

	if (img_start >= img_end) {
		map_range(root, (unsigned long)__va(start), start, end - start, attrs, true);
		return;
	}
	if (start < img_start)
		map_range(root, (unsigned long)__va(start), start, img_start - start, attrs, true);
	map_range(root, (unsigned long)__va(img_start), img_start, img_end - img_start, attrs,
		  false);
	if (img_end < end)
		map_range(root, (unsigned long)__va(img_end), img_end, end - img_end, attrs, true);
}

static void map_kernel_segment(phys_addr_t root, void *start, void *end, u64 attrs)
{
	unsigned long va = (unsigned long)start;

	map_range(root, va, __pa_symbol(va), ALIGN((unsigned long)end, PAGE_SIZE) - va,
		  attrs, false);
}

/*
 * The final kernel tables, in swapper_pg_dir:
 *  - every memblock memory region at __va(): normal memory, read/write, never executable;
 *  - the image with 4 KiB pages: text read-only executable, rodata read-only, data/BSS
 *    read/write non-executable;
 *  - the DTB window and the fixmap, copied from the early tables.
 * Then TTBR1 moves to swapper_pg_dir and TTBR0 to the empty table: the low half is user
 * space's from now on.
 */
void paging_init(void)
{
	phys_addr_t root = __pa_symbol(swapper_pg_dir);
	u64 normal = PTE_ATTRS_NORMAL | PTE_PXN;
	unsigned int i;
	int fdt_slot;
	void (*switch_ttbr1)(phys_addr_t);

	for (i = 0; i < memblock.memory.cnt; i++) {
		phys_addr_t start = ALIGN(memblock.memory.regions[i].base, PAGE_SIZE);
		phys_addr_t end = ALIGN_DOWN(memblock.memory.regions[i].base +
					     memblock.memory.regions[i].size, PAGE_SIZE);

		if (end > start)
			map_linear_range(root, start, end, normal);
	}

	map_kernel_segment(root, _text, _etext, PTE_ATTRS_NORMAL | PTE_RDONLY);
	map_kernel_segment(root, __start_rodata, __end_rodata, normal | PTE_RDONLY);
	map_kernel_segment(root, __end_rodata, _end, normal);

	for (fdt_slot = 0; fdt_slot < 2; fdt_slot++) {
		unsigned long va = FDT_VIRT_BASE + fdt_slot * PMD_SIZE;
		u64 *ep = walk(root, va, 2, true);

		if (!ep)
			panic("paging_init: no memory for page tables");
		*ep = init_pg_dir_l2[pt_index(va, 2)];
	}
	{
		u64 *ep = walk(root, FIXADDR_START, 2, true);

		if (!ep)
			panic("paging_init: no memory for page tables");
		*ep = __pa_symbol(fixmap_pte) | PTE_TYPE_TABLE;
	}
	dsb(ishst);

	/* replace_ttbr1 runs from the identity map, which TTBR0 still holds. */
	switch_ttbr1 = (void (*)(phys_addr_t))__pa_symbol(replace_ttbr1);
	switch_ttbr1(root);
	kernel_root = root;

	write_sysreg(__pa_symbol(reserved_pg_dir), ttbr0_el1);
	isb();
	asid_init();		/* TCR_EL1.AS before the flush below and before any user ASID */
	__asm__ __volatile__("tlbi vmalle1\n\tdsb nsh\n\tisb" : : : "memory");
	linear_map_ready = true;
}

/*
 * mark_text_alias_ro() (linux/text_patching.h): the linear map's pages of the kernel's text
 * and rodata become read-only, as their image mapping is. Only the permission changes, so no
 * break-before-make is needed (Arm ARM D8.14.1), just the TLB flush.
 */
void arch_seal_text_alias(void)
{
	for (phys_addr_t pa = __pa_symbol(_text); pa < __pa_symbol(__end_rodata); pa += PAGE_SIZE) {
		unsigned long va = (unsigned long)__va(pa);
		u64 *ep = walk(kernel_root, va, 3, false);

		if (!ep || !(*ep & PTE_VALID))
			panic("arm64/mm: no 4 KiB linear-map entry for the kernel image at %#lx", va);
		WRITE_ONCE(*ep, *ep | PTE_RDONLY);
		flush_tlb_kernel_page(va);
	}
}

static u64 prot_to_attrs(unsigned int prot)
{
	u64 attrs;

	if (prot & _PROT_DEVICE)
		return PTE_ATTRS_DEVICE;
	if (prot & _PROT_WC)
		return PTE_ATTRS_NORMAL_NC;
	attrs = PTE_ATTRS_NORMAL;
	if (!(prot & _PROT_WRITE))
		attrs |= PTE_RDONLY;
	if (!(prot & _PROT_EXEC))
		attrs |= PTE_PXN;
	return attrs;
}

int map_kernel_page(unsigned long va, phys_addr_t pa, unsigned int prot)
{
	u64 *ep;

	/* Before paging_init() a mapping would land in tables about to be dropped. */
	if (!linear_map_ready || va < VMALLOC_START || va >= VMALLOC_END)
		return -1;
	ep = walk(kernel_root, va, 3, true);
	if (!ep || (*ep & PTE_VALID))
		return -1;
	/* Invalid -> valid needs no TLB flush: invalid entries are never cached. */
	set_live_pte(ep, va, (pa & PTE_ADDR_MASK) | prot_to_attrs(prot) | PTE_TYPE_PAGE);
	return 0;
}

phys_addr_t unmap_kernel_page(unsigned long va)
{
	u64 *ep;
	phys_addr_t pa;

	if (!linear_map_ready)
		return 0;
	ep = walk(kernel_root, va, 3, false);
	if (!ep || !(*ep & PTE_VALID))
		return 0;
	pa = *ep & PTE_ADDR_MASK;
	WRITE_ONCE(*ep, 0);
	flush_tlb_kernel_page(va);
	return pa;
}

/* Is va mapped in the kernel tables (as a page or inside a block)? */
bool kernel_addr_mapped(unsigned long va)
{
	phys_addr_t table = kernel_root;
	int l;

	if (va < PAGE_OFFSET)
		return false;	/* a TTBR0 (user) address */
	for (l = 0; l <= 3; l++) {
		u64 desc = pt_map(table)[pt_index(va, l)];

		if (!(desc & PTE_VALID))
			return false;
		if (l == 3 || (desc & PTE_TYPE_MASK) == PTE_TYPE_BLOCK)
			return true;
		table = desc & PTE_ADDR_MASK;
	}
	return false;
}
