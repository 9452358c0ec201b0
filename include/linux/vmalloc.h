/*
 * The vmalloc area: kernel virtual ranges backed page by page. Kernel stacks live here so an
 * overflow runs into an unmapped guard page instead of silently corrupting a neighbour.
 */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/types.h>

#define KERNEL_STACK_SLOTS 1024UL	/* kernel stacks there is room for: a bound on tasks */
void *alloc_kernel_stack(void);		/* returns the stack base (lowest address); top = base + THREAD_SIZE */
void free_kernel_stack(void *base);
void __iomem *ioremap(phys_addr_t phys, size_t size);	/* registers: readl/writel */
/*
 * Device memory that is not a register file (a PCI memory BAR backed by RAM, e.g. ivshmem):
 * mapped write-combining where the arch has it (arm64 Normal-NC), so unaligned stores and
 * memcpy work and stores merge; ordering against other observers needs explicit barriers.
 * Memory, not registers: a plain pointer (no __iomem), like Linux's memremap(MEMREMAP_WC).
 */
void *ioremap_wc(phys_addr_t phys, size_t size);
void *vmalloc(size_t size);
void vfree(void *addr);
bool is_vmalloc_addr(unsigned long addr);
bool kernel_stack_guard_hit(unsigned long addr);	/* addr falls in some stack's guard page */

#endif
