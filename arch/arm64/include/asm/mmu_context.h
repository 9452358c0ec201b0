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
 */
#ifndef _ASM_ARM64_MMU_CONTEXT_H
#define _ASM_ARM64_MMU_CONTEXT_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/ptrace.h>		/* callers pass task_pt_regs(), which needs the type */

struct mm_struct;

int init_new_context(struct mm_struct *mm);
/* Frees the user page-table pages (not the pages they map: mmput() did that). */
void destroy_context(struct mm_struct *mm);
/* Load next's tables into TTBR0; next == NULL means none (reserved_pg_dir). */
void switch_mm(struct mm_struct *prev, struct mm_struct *next);

/* vm_flags: VM_READ/WRITE/EXEC (linux/mm_types.h). Remapping a page updates its entry. */
int map_user_page(struct mm_struct *mm, unsigned long va, phys_addr_t pa, unsigned long vm_flags);
phys_addr_t unmap_user_page(struct mm_struct *mm, unsigned long va);
phys_addr_t user_page_phys(struct mm_struct *mm, unsigned long va);

/* Make the instructions just written into mm's executable pages visible to fetches. */
void sync_user_icache(struct mm_struct *mm);

/* Leave for user mode with regs (task_pt_regs(current)) through ret_to_user (entry.S). */
void __noreturn arch_start_user(struct pt_regs *regs);

#endif
