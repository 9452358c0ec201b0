/*
 * Creating, switching and filling user address spaces (arch/x86/mm/mmu_context.c).
 *
 * Each mm has its own PML4. Slots 0-255 (the lower canonical half) are the process's own;
 * slots 256-511 are copied from the kernel's PML4 when the mm is made. paging_init() fills
 * every kernel slot at boot, so a kernel mapping added later (vmalloc, ioremap) lands in a
 * table every mm already points to, and no PML4 needs updating afterwards.
 */
#ifndef _ASM_X86_MMU_CONTEXT_H
#define _ASM_X86_MMU_CONTEXT_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/ptrace.h>	/* callers pass task_pt_regs() */

struct mm_struct;

int init_new_context(struct mm_struct *mm);
/* Frees the user page-table pages (not the pages they map: mmput() did that). */
void destroy_context(struct mm_struct *mm);
/* Load next's page tables (CR3); next == NULL means the kernel's own. */
void switch_mm(struct mm_struct *prev, struct mm_struct *next);

/* vm_flags: VM_READ/WRITE/EXEC (linux/mm_types.h). Remapping a page updates its entry. */
int map_user_page(struct mm_struct *mm, unsigned long va, phys_addr_t pa, unsigned long vm_flags);
phys_addr_t unmap_user_page(struct mm_struct *mm, unsigned long va);
phys_addr_t user_page_phys(struct mm_struct *mm, unsigned long va);

/* Leave for user mode with regs (task_pt_regs(current)) through the normal exit path. */
void __noreturn arch_start_user(struct pt_regs *regs);

#endif
