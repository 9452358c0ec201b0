/*
 * The syscall-exit test hooks (CONFIG_X86_ENTRY_TEST_HOOKS, arch/x86/entry/entry_test.c):
 * entry_test=... on the command line makes the next 64-bit syscall of the program return
 * with a frame sysretq must refuse. Armed per task at exec through SYSCALL_WORK_ARCH_EXIT,
 * so the syscall fast path has no test of its own for them.
 */
#ifndef _ASM_X86_ENTRY_TEST_H
#define _ASM_X86_ENTRY_TEST_H

#include <linux/jump_label.h>

struct task_struct;
struct pt_regs;

#ifdef CONFIG_X86_ENTRY_TEST_HOOKS
void entry_test_exec(struct task_struct *t);
/* entry_test=ac_entry: the interrupt side, behind a static key (traps.c). */
DECLARE_STATIC_KEY_FALSE(entry_test_ac);
void entry_test_ac_irq(struct pt_regs *regs);
#define entry_test_ac_wanted()	static_branch_unlikely(&entry_test_ac)
#else
static inline void entry_test_exec(struct task_struct *t)
{
}
#define entry_test_ac_wanted()	false
static inline void entry_test_ac_irq(struct pt_regs *regs)
{
}
#endif

#endif
