/*
 * Creating, switching and filling user address spaces (arch/arm64/mm/context.c).
 *
 * arm64 gives user space its own translation base: TTBR0_EL1 walks addresses below 2^48,
 * TTBR1_EL1 (the kernel, swapper_pg_dir) the ones above 0xffff000000000000. So an mm's
 * tables hold only user mappings and nothing of the kernel is copied into them; switching
 * address space rewrites TTBR0 alone. With no mm loaded TTBR0 points at reserved_pg_dir,
 * an all-invalid table.
 *
 * TLB tagging: every user page is non-global (nG) and every mm uses ASID 0. Switching mm
 * therefore flushes the non-global entries of ASID 0 (tlbi aside1is) and keeps the
 * kernel's global entries. One process runs at a time so far; per-mm ASIDs (no flush on a
 * switch) can come with fork, when there is more than one address space to keep warm.
 * The generic interface is <linux/mmu_context.h>; this adds what only arm64 needs.
 */
#ifndef _ASM_ARM64_MMU_CONTEXT_H
#define _ASM_ARM64_MMU_CONTEXT_H

struct mm_struct;

/* Make the instructions just written into mm's executable pages visible to fetches. */
void sync_user_icache(struct mm_struct *mm);
/* The same for the pages mapped in [start, end) only (a fault, an mprotect). */
void sync_user_icache_range(struct mm_struct *mm, unsigned long start, unsigned long end);

#endif
