/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm_selfcheck (mm/selfcheck.c): the command-line word that makes fork, exit and init's end
 * check the page allocator, the kmalloc slabs and the address spaces' areas.
 */
#ifndef _LINUX_SELFCHECK_H
#define _LINUX_SELFCHECK_H

#include <linux/types.h>

struct task_struct;

extern bool mm_selfcheck_enabled;
void mm_selfcheck_fork(void);			/* pid 1's first fork: the baseline */
void mm_selfcheck_exit(struct task_struct *t);	/* each exit, before exit_mm() */
void mm_selfcheck_report(void);			/* init's exit: the KTAP verdict */
struct mm_struct;
bool vma_check(struct mm_struct *mm, char *why, size_t size);
bool slab_check(char *why, size_t size, unsigned long *pages, unsigned long *in_use);

#endif
