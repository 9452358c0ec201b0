// SPDX-License-Identifier: GPL-2.0
/*
 * crash=WHAT: fail on purpose after boot, so the test harness can prove it reports a broken
 * kernel as broken (a harness that never sees a failure proves nothing).
 *   crash=panic           panic()
 *   crash=trap            a trap instruction (x86 ud2, arm64 brk) -> Oops
 *   crash=pagefault       read an unmapped kernel address -> Oops naming the address
 *   crash=stack-overflow  endless recursion on a guarded stack -> "kernel stack overflow"
 *   crash=stack-overflow-syscall  the same on pid 1's own task stack, inside its first
 *                         syscall (from user mode, below the random stack offset)
 * and, with CONFIG_TEST_USER_ACCESS_FAULT, the boundary crashes of kernel/test_harden.c:
 *   crash=user-access, exec-user, write-text, write-text-alias, exec-data
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/sched.h>
#include <asm/thread_info.h>
#include <asm/pgtable.h>

static char crash_what[32];

static int crash_setup(char *val)
{
	strlcpy(crash_what, val, sizeof(crash_what));
	return 0;
}
__setup("crash=", crash_setup);

static noinline int recurse(volatile int depth)
{
	volatile char pad[256];

	pad[0] = (char)depth;
	if (depth > (1 << 30))	/* never true: the guard page stops us long before */
		return 0;
	return recurse(depth + 1) + pad[0];
}

void call_on_stack(void *stack_top, void (*fn)(void));

static void overflow_here(void)
{
	recurse(0);
}

/* init/user_init.c: pid 1 before its exec. Its first syscall overflows its stack. */
void crash_test_arm(struct task_struct *t)
{
	if (!strcmp(crash_what, "stack-overflow-syscall"))
		t->thread_info.syscall_work |= SYSCALL_WORK_CRASH_TEST;
}

/* syscall_trace_enter (syscall_enter_test_work), on the task's own kernel stack: never returns. */
void crash_test_syscall(void)
{
	pr_notice("crash test: recursing in a syscall of pid %d, on its own kernel stack\n",
		  current->pid);
	recurse(0);
}

void crash_test_run(void)
{
	if (!crash_what[0] || !strcmp(crash_what, "stack-overflow-syscall"))
		return;
	pr_notice("crash test: %s\n", crash_what);
	if (!strcmp(crash_what, "panic"))
		panic("crash test requested on the command line");
	if (!strcmp(crash_what, "trap"))
		__builtin_trap();
	if (!strcmp(crash_what, "pagefault")) {
		/* An address in the vmalloc area that nothing maps. */
		volatile unsigned long *bad = (unsigned long *)(VMALLOC_END - 0x1000);

		pr_info("reading %p\n", bad);
		(void)*bad;
	}
	if (!strcmp(crash_what, "stack-overflow")) {
		char *stack = alloc_kernel_stack();

		call_on_stack(stack + THREAD_SIZE, overflow_here);
	}
	if (IS_ENABLED(CONFIG_TEST_USER_ACCESS_FAULT))
		harden_crash(crash_what);
	pr_err("crash test: unknown crash=%s or it did not crash\n", crash_what);
}
