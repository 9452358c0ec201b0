/*
 * Creating, switching and filling user address spaces (arch/arm64/mm/context.c).
 *
 * arm64 gives user space its own translation base: TTBR0_EL1 walks addresses below 2^48,
 * TTBR1_EL1 (the kernel, swapper_pg_dir) the ones above 0xffff000000000000. So an mm's
 * tables hold only user mappings and nothing of the kernel is copied into them; switching
 * address space rewrites TTBR0 alone. With no mm loaded TTBR0 points at reserved_pg_dir,
 * an all-invalid table.
 *
 * TLB tagging: every user page is non-global (nG) and tagged with its mm's ASID (8 or 16
 * bits, as ID_AA64MMFR0_EL1.ASIDBits allows; TCR_EL1.AS is set for 16). switch_mm() writes
 * table base and ASID in one TTBR0 write and flushes nothing; a generation-based allocator
 * hands ASIDs out at an mm's first switch and flushes the whole TLB once per rollover.
 * Kernel entries are global and survive all of it.
 * The generic interface is <linux/mmu_context.h>; this adds what only arm64 needs.
 */
#ifndef _ASM_ARM64_MMU_CONTEXT_H
#define _ASM_ARM64_MMU_CONTEXT_H

struct mm_struct;

/* paging_init(): choose 8- or 16-bit ASIDs (TCR_EL1.AS) before any user mm exists. */
void asid_init(void);
/* ktest=asid (arch/arm64/mm/test_asid.c): fewer ASIDs (0: all), and the generation. */
void asid_set_limit_for_test(unsigned long n);
u64 asid_generation_for_test(void);

/* Make the instructions just written into mm's executable pages visible to fetches. */
void sync_user_icache(struct mm_struct *mm);
/* The same for the pages mapped in [start, end) only (a fault, an mprotect). */
void sync_user_icache_range(struct mm_struct *mm, unsigned long start, unsigned long end);

#endif
