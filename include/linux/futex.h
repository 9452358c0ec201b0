/* Futexes (kernel/futex.c): what exit, exec and boot need from them. */
#ifndef _LINUX_FUTEX_H
#define _LINUX_FUTEX_H

#include <linux/types.h>
#include <linux/compiler.h>

struct task_struct;

struct futex_ts {
	s64 sec;
	long nsec;
};

void futex_init(void);
void futex_wake_address(int __user *uaddr);	/* CLONE_CHILD_CLEARTID at exit */
void exit_robust_list(struct task_struct *t);
/*
 * Atomically replace *uaddr with newval if it holds oldval (arch uaccess): 1 when it did,
 * 0 when the word held something else, -EFAULT.
 */
#include <asm/futex.h>

#endif
