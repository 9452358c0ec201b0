// SPDX-License-Identifier: GPL-2.0
/*
 * dump_stack(): the calls that led here, for WARN-style reports that go on (lock debugging).
 * Both arches build with frame pointers, and both lay a frame record out the same way: the
 * caller's frame pointer, then the return address (x86_64: [rbp], [rbp+8]; arm64: [x29],
 * [x29+8]), so one walk serves. It stays inside the current task's kernel stack and only
 * moves upwards, so a corrupt chain ends the dump instead of faulting in it; on another
 * stack (the boot stack before the first task) only the immediate caller is named.
 */
#include <linux/kernel.h>
#include <linux/sched.h>

#define DUMP_STACK_MAX_FRAMES	16

void dump_stack(void)
{
	struct task_struct *t = current;
	unsigned long fp = (unsigned long)__builtin_frame_address(0);
	unsigned long low = t && t->stack ? (unsigned long)t->stack : 0;
	unsigned long high = low + THREAD_SIZE;

	pr_err("Call trace:\n");
	pr_err("  %pS\n", __builtin_return_address(0));
	for (int n = 0; n < DUMP_STACK_MAX_FRAMES; n++) {
		unsigned long next, ret;

		if (!low || fp < low || fp + 16 > high || (fp & 7))
			break;
		next = ((unsigned long *)fp)[0];
		ret = ((unsigned long *)fp)[1];
		if (n > 0) {	/* frame 0 is dump_stack's own: its return address is above */
			if (!ret)
				break;
			pr_err("  %pS\n", (void *)ret);
		}
		if (next <= fp)
			break;
		fp = next;
	}
}
