/*
 * Creating, switching and filling user address spaces (arch/x86/mm/mmu_context.c).
 *
 * Each mm has its own PML4. Slots 0-255 (the lower canonical half) are the process's own;
 * slots 256-511 are copied from the kernel's PML4 when the mm is made. paging_init() fills
 * every kernel slot at boot, so a kernel mapping added later (vmalloc, ioremap) lands in a
 * table every mm already points to, and no PML4 needs updating afterwards.
 * switch_mm() loads CR3 (next == NULL: the kernel's own PML4). The interface is
 * <linux/mmu_context.h>.
 */
#ifndef _ASM_X86_MMU_CONTEXT_H
#define _ASM_X86_MMU_CONTEXT_H

struct mm_struct;

/* x86 keeps instruction fetches coherent with stores: nothing to do. */
static inline void sync_user_icache(struct mm_struct *mm)
{
}

static inline void sync_user_icache_range(struct mm_struct *mm, unsigned long start,
					  unsigned long end)
{
}

#endif
