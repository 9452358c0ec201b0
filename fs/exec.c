// SPDX-License-Identifier: GPL-2.0
/*
 * exec: replace the current task's program. Builds the new address space completely first
 * (fs/binfmt_elf.c); only when that worked is the old one dropped, so a failed exec leaves
 * the caller as it was. The new program starts when the task next returns to user mode,
 * from the registers start_thread() put in its pt_regs.
 */
#include <linux/kernel.h>
#include <linux/binfmts.h>
#include <linux/fs.h>
#include <linux/mm_types.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/syscall_trace.h>
#include <asm/elf.h>
#include <linux/mmu_context.h>

static void set_comm(const char *path)
{
	const char *base = strrchr(path, '/');

	strlcpy(current->comm, base ? base + 1 : path, sizeof(current->comm));
}

static int exec_binprm(struct linux_binprm *b)
{
	struct mm_struct *old = current->mm;
	int err;

	b->inode = ramfs_lookup(b->filename);
	if (!b->inode)
		return -ENOENT;
	if (!S_ISREG(b->inode->mode) || !(b->inode->mode & 0111))
		return -EACCES;
	err = load_elf_binary(b);
	if (err)
		return err;

	/* Point of no return: the new image is complete. */
	current->mm = b->mm;
	switch_mm(old, b->mm);
	if (old)
		mmput(old);
	set_comm(b->filename);
	if (IS_ENABLED(CONFIG_SYSCALL_TRACE))
		trace_task_exec(current);
	start_thread(task_pt_regs(current), b->entry, b->sp, b->compat);
	return 0;
}

int kernel_execve(const char *filename, const char *const *argv, const char *const *envp)
{
	static struct linux_binprm b;	/* big; exec of init runs once, before any other task */

	memset(&b, 0, sizeof(b));
	b.filename = filename;
	while (argv && argv[b.argc] && b.argc < MAX_ARG_STRINGS)
		b.argv[b.argc] = argv[b.argc], b.argc++;
	while (envp && envp[b.envc] && b.envc < MAX_ARG_STRINGS)
		b.envp[b.envc] = envp[b.envc], b.envc++;
	return exec_binprm(&b);
}
