/*
 * The syscall-exit test hooks (CONFIG_X86_ENTRY_TEST_HOOKS, arch/x86/entry/entry_test.c):
 * entry_test=... on the command line makes the next 64-bit syscall of the program return
 * with a frame sysretq must refuse. Armed per task at exec through SYSCALL_WORK_ARCH_EXIT,
 * so the syscall fast path has no test of its own for them.
 */
#ifndef _ASM_X86_ENTRY_TEST_H
#define _ASM_X86_ENTRY_TEST_H

struct task_struct;

#ifdef CONFIG_X86_ENTRY_TEST_HOOKS
void entry_test_exec(struct task_struct *t);
#else
static inline void entry_test_exec(struct task_struct *t)
{
}
#endif

#endif
