/*
 * Kernel page tables (arch/arm64/mm/mmu.c): the mapping API the generic vmalloc/ioremap
 * code uses, and the boot steps setup_arch takes. Layout: asm/memory.h; format:
 * asm/pgtable-hwdef.h.
 */
#ifndef _ASM_ARM64_PGTABLE_H
#define _ASM_ARM64_PGTABLE_H

#include <asm/page.h>
#include <asm/pgtable-hwdef.h>

/* prot values for map_kernel_page(): arch-neutral, turned into descriptor bits in mm/mmu.c. */
#define PROT_KERNEL_RO	0x0u
#define PROT_KERNEL_RW	0x1u
#define PROT_KERNEL_RX	0x2u
#define PROT_DEVICE	(PROT_KERNEL_RW | 0x4u)	/* Device-nGnRE, never executable */
#define PROT_DEVICE_WC	(PROT_KERNEL_RW | 0x8u)	/* Normal-NC: ioremap_wc(), never executable */

#define _PROT_WRITE	0x1u
#define _PROT_EXEC	0x2u
#define _PROT_DEVICE	0x4u
#define _PROT_WC	0x8u

#ifndef __ASSEMBLY__
#include <linux/types.h>
#include <asm/io.h>

typedef u64 pteval_t;

/*
 * Map one 4 KiB page at va (vmalloc area): 0, or -1 when a page-table page cannot be
 * allocated or va is already mapped. Table pages come from memblock before mm_init() and
 * from the page allocator after.
 */
int map_kernel_page(unsigned long va, phys_addr_t pa, unsigned int prot);
/* Remove the mapping of va and flush it from the TLB; returns the physical page, or 0. */
phys_addr_t unmap_kernel_page(unsigned long va);
/*
 * Every CPU drops its TLB entries for the kernel addresses [start, end), before they are
 * reused. Interrupts on (x86 waits for IPIs).
 */
void flush_tlb_kernel_range(unsigned long start, unsigned long end);
/* True when va is mapped now (the stack walker asks before it reads memory). */
bool kernel_addr_mapped(unsigned long va);

/* Boot (setup_arch): the DTB window, and the final tables with the linear map. */
void early_fixmap_init(void);
void *fixmap_remap_fdt(phys_addr_t dt_phys, size_t *mapped);
void __iomem *early_ioremap_uart(phys_addr_t phys);
void paging_init(void);

/* Early tables built by head.S; the final ones by paging_init(). */
extern u64 init_idmap_pg_dir[], init_pg_dir[], swapper_pg_dir[], reserved_pg_dir[];

#endif /* !__ASSEMBLY__ */
#endif
