// SPDX-License-Identifier: GPL-2.0
/*
 * paging_init(): the kernel's final page tables, replacing head_64.S's early ones.
 *   - the direct map: all RAM memblock knows at PAGE_OFFSET + physical, read/write, no
 *     execute, with 1 GiB or 2 MiB pages where alignment allows;
 *   - the kernel image at __START_KERNEL_map + physical with 4 KiB pages: text read/exec,
 *     rodata read-only, data and BSS read/write, both no-execute;
 *   - nothing in the lower half: user space will live there. The identity map the early
 *     tables needed for the switch to 64-bit mode goes away.
 * Page-table pages come from memblock, below 4 GiB so the early tables can reach them while
 * they are filled in.
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/memblock.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <linux/text_patching.h>
#include "mm_internal.h"

extern char __start_rodata[];

static unsigned int early_tables;

static void *early_alloc_table(void)
{
	phys_addr_t pa = memblock_phys_alloc_range(PAGE_SIZE, PAGE_SIZE, 0x100000,
						   EARLY_MAPPED_LIMIT);

	if (!pa)
		panic("paging_init: no memory below 4 GiB for page tables");
	early_tables++;
	clear_page(__va(pa));
	return __va(pa);
}

/*
 * The direct map's pages by size (4K, 2M, 1G), counted while map_direct builds it, for
 * /proc/meminfo's DirectMap lines (Linux's direct_pages_count). Written once at boot.
 */
static unsigned long direct_pages_count[3], *counting;
static bool direct_gbpages;

/* Map [va, va + size) to [pa, ...) with the largest pages alignment and 'large' allow. */
static void map_range(unsigned long va, phys_addr_t pa, u64 size, pteval_t flags,
		      bool large, bool huge)
{
	while (size) {
		unsigned int shift = PAGE_SHIFT;
		pteval_t *e;

		if (huge && !((va | pa) & (PUD_SIZE - 1)) && size >= PUD_SIZE)
			shift = PUD_SHIFT;
		else if (large && !((va | pa) & (PMD_SIZE - 1)) && size >= PMD_SIZE)
			shift = PMD_SHIFT;
		e = pgtable_walk(kernel_pgd, va, shift, early_alloc_table);
		if (!e || (*e & _PAGE_PRESENT))
			panic("paging_init: %#lx already mapped", va);
		*e = pa | flags | (shift != PAGE_SHIFT ? _PAGE_PSE : 0);
		if (counting)
			counting[shift == PUD_SHIFT ? 2 : shift == PMD_SHIFT]++;
		va += 1UL << shift;
		pa += 1UL << shift;
		size -= 1UL << shift;
	}
}

/*
 * One RAM range into the direct map. The kernel image's part gets 4 KiB pages, so that
 * arch_seal_text_alias() can make its text and rodata alone read-only once boot patching
 * is over; the rest the largest pages alignment allows.
 */
static void map_direct_range(phys_addr_t start, phys_addr_t end, pteval_t flags, bool huge)
{
	phys_addr_t img_start = max(start, __pa_symbol(_text));
	phys_addr_t img_end = min(end, (phys_addr_t)ALIGN(__pa_symbol(_end), PAGE_SIZE));

	if (img_start >= img_end) {
		map_range((unsigned long)__va(start), start, end - start, flags, true, huge);
		return;
	}
	if (start < img_start)
		map_range((unsigned long)__va(start), start, img_start - start, flags, true, huge);
	map_range((unsigned long)__va(img_start), img_start, img_end - img_start, flags,
		  false, false);
	if (img_end < end)
		map_range((unsigned long)__va(img_end), img_end, end - img_end, flags, true, huge);
}

static void map_direct(bool huge)
{
	const pteval_t flags = _PAGE_PRESENT | _PAGE_RW | _PAGE_GLOBAL | _PAGE_ACCESSED |
			       _PAGE_DIRTY | __supported_pte_mask_nx;
	u64 total = 0;

	direct_gbpages = huge;
	counting = direct_pages_count;
	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];
		phys_addr_t start = ALIGN(r->base, PAGE_SIZE);
		phys_addr_t end = ALIGN_DOWN(r->base + r->size, PAGE_SIZE);

		if (end <= start)
			continue;
		map_direct_range(start, end, flags, huge);
		total += end - start;
	}
	counting = NULL;
	pr_info("x86/mm: direct map of %llu MiB RAM at %#lx\n",
		(unsigned long long)total >> 20, PAGE_OFFSET);
}

static void map_kernel_section(char *start, char *end, pteval_t flags)
{
	unsigned long s = (unsigned long)start, e = ALIGN((unsigned long)end, PAGE_SIZE);

	map_range(s, __pa_symbol(s), e - s, flags | _PAGE_PRESENT | _PAGE_GLOBAL |
		  _PAGE_ACCESSED, false, false);
}

static void map_kernel_image(void)
{
	const pteval_t nx = __supported_pte_mask_nx;

	map_kernel_section(_text, __start_rodata, 0);				/* RX */
	map_kernel_section(__start_rodata, _sdata, nx);				/* R */
	map_kernel_section(_sdata, _end, _PAGE_RW | _PAGE_DIRTY | nx);		/* RW */
}

void paging_init(void)
{
	u32 ext = cpuid_ext_edx();

	/* head_64.S turned EFER.NXE on under the same condition. */
	__supported_pte_mask_nx = (ext & X86_FEATURE_EXT_NX) ? _PAGE_NX : 0;

	kernel_pgd = early_alloc_table();
	map_direct(ext & X86_FEATURE_EXT_PDPE1GB);
	map_kernel_image();
	/*
	 * Every kernel PML4 slot (256..511) points to a table from now on, so no top-level
	 * entry changes later: each user PML4 copies the kernel half once, at creation
	 * (mm/mmu_context.c), and still sees every later vmalloc or ioremap mapping.
	 */
	for (unsigned int i = PTRS_PER_TABLE / 2; i < PTRS_PER_TABLE; i++)
		if (!(kernel_pgd[i] & _PAGE_PRESENT))
			kernel_pgd[i] = __pa(early_alloc_table()) | _PAGE_PRESENT | _PAGE_RW;

	write_cr3(__pa(kernel_pgd));
	/* Global pages: kernel translations survive CR3 switches. Toggling PGE flushes all. */
	write_cr4(read_cr4() | X86_CR4_PGE);
	pr_info("x86/mm: kernel page tables at %#llx (%u pages), NX %s\n",
		(unsigned long long)__pa(kernel_pgd), early_tables,
		__supported_pte_mask_nx ? "on" : "off (CPU lacks it)");
}

/*
 * mark_text_alias_ro() (linux/text_patching.h): the direct map's pages of the kernel's text
 * and rodata lose _PAGE_RW, as their image mapping never had it. Each user PML4 shares the
 * kernel's lower tables, so every address space sees the change.
 */
void arch_seal_text_alias(void)
{
	for (phys_addr_t pa = __pa_symbol(_text); pa < __pa_symbol(_sdata); pa += PAGE_SIZE) {
		unsigned long va = (unsigned long)__va(pa);
		pteval_t *e = pgtable_walk(kernel_pgd, va, PAGE_SHIFT, NULL);

		if (!e || !(*e & _PAGE_PRESENT))
			panic("x86/mm: no 4 KiB direct-map entry for the kernel image at %#lx", va);
		*e &= ~_PAGE_RW;
		flush_tlb_one_kernel(va);
	}
}

/* /proc/meminfo's last lines on x86: the direct map by page size (1G only with GB pages). */
void arch_report_meminfo(struct seq_file *m)
{
	seq_printf(m, "DirectMap4k:    %8lu kB\n", direct_pages_count[0] << 2);
	seq_printf(m, "DirectMap2M:    %8lu kB\n", direct_pages_count[1] << 11);
	if (direct_gbpages)
		seq_printf(m, "DirectMap1G:    %8lu kB\n", direct_pages_count[2] << 20);
}
