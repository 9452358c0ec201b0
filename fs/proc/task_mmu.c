// SPDX-License-Identifier: GPL-2.0
/*
 * What /proc shows of an address space: maps (one line per area, Linux's format and names:
 * [heap], [stack], and the kernel's [vvar], [vdso], [sigpage], [vectors]), cmdline (the argument strings, read out of the
 * process's own memory), and the sizes stat, statm and status report.
 */
#include "internal.h"
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mmu_context.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/err.h>

static void count_page(unsigned long va, phys_addr_t pa, void *arg)
{
	(*(unsigned long *)arg)++;
}

void mm_figures(struct mm_struct *mm, struct mm_figures *f)
{
	memset(f, 0, sizeof(*f));
	spin_lock(&mm->page_table_lock);
	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		unsigned long pages = (v->vm_end - v->vm_start) >> PAGE_SHIFT;

		f->vsize_pages += pages;
		if (v->vm_start <= mm->start_stack && mm->start_stack <= v->vm_end)
			f->stack_pages += pages;
		else if ((v->vm_flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			f->data_pages += pages;
		if (v->vm_flags & VM_PFNMAP)
			continue;	/* the kernel's pages, not the process's */
		visit_user_range(mm, v->vm_start, v->vm_end, count_page, &f->rss_pages);
	}
	spin_unlock(&mm->page_table_lock);
	f->text_pages = (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT;
	if (!mm->end_code)
		f->text_pages = 0;
}

/* The bracketed name Linux gives an area that no file backs, or NULL. */
static const char *area_name(struct mm_struct *mm, struct vm_area_struct *v)
{
	if (v->vm_name)
		return v->vm_name;	/* the kernel's: [vvar], [vdso], [sigpage], [vectors] */
	/* the area past the program's data that brk grows (not the bss just below it) */
	if (v->vm_start <= mm->brk && v->vm_end > mm->start_brk)
		return "[heap]";
	if (v->vm_start <= mm->start_stack && v->vm_end >= mm->start_stack)
		return "[stack]";
	return NULL;
}

/*
 * One line per area: "start-end perms offset major:minor inode", then padded to column 73
 * (a 64-bit kernel's width, whatever the process's ABI) for a name: a file mapping's path
 * (d_path from the reader's root, " (deleted)" once unlinked), with its offset in the file,
 * device and inode, or the bracketed name of a special area. Printed in one pass under
 * page_table_lock: the buffer is the kernel's, nothing here sleeps or faults; d_path nests
 * mount_lock and dcache_lock inside it (never the other way round).
 */
int proc_pid_maps(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);
	char *pathbuf;

	if (!mm)
		return 0;	/* a zombie or kernel thread: an empty file, as Linux */
	pathbuf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!pathbuf) {
		mmput(mm);
		return -ENOMEM;
	}
	spin_lock(&mm->page_table_lock);
	for (struct vm_area_struct *v = mm->mmap; v && !seq_has_overflowed(m); v = v->vm_next) {
		const char *name = area_name(mm, v);
		struct inode *inode = v->vm_file ? file_inode(v->vm_file) : NULL;
		dev_t dev = inode && inode->i_sb ? inode->i_sb->s_dev : 0;

		if (inode) {
			name = d_path(&v->vm_file->f_path, pathbuf, PATH_MAX);
			if (IS_ERR(name))
				name = NULL;
		}
		seq_printf(m, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu",
			   v->vm_start, v->vm_end,
			   v->vm_flags & VM_READ ? 'r' : '-', v->vm_flags & VM_WRITE ? 'w' : '-',
			   v->vm_flags & VM_EXEC ? 'x' : '-', v->vm_flags & VM_SHARED ? 's' : 'p',
			   inode ? (unsigned long long)v->vm_pgoff << PAGE_SHIFT : 0ULL,
			   MAJOR(dev), MINOR(dev), inode ? inode->i_ino : 0UL);
		if (name) {
			seq_pad(m, ' ', 25 + sizeof(void *) * 6 - 1);
			seq_puts(m, name);
		}
		seq_putc(m, '\n');
	}
	spin_unlock(&mm->page_table_lock);
	kfree(pathbuf);
	mmput(mm);
	return 0;
}

/*
 * The argument strings, NUL-separated as exec laid them out. A process that wrote over its
 * arguments without a final NUL (setproctitle) shows them up to the first NUL, as Linux does
 * when the last byte is not NUL (Linux would go on into the environment; we stop).
 */
int proc_pid_cmdline(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = get_task_mm(task);
	unsigned long start, end, len;
	char *buf;
	int got;

	if (!mm)
		return 0;
	spin_lock(&mm->page_table_lock);
	start = mm->arg_start;
	end = mm->arg_end;
	spin_unlock(&mm->page_table_lock);
	len = end > start ? end - start : 0;
	if (len > SEQ_BUF_MAX / 2)
		len = SEQ_BUF_MAX / 2;
	buf = len ? kmalloc(len, GFP_KERNEL) : NULL;
	if (len && !buf) {
		mmput(mm);
		return -ENOMEM;
	}
	got = len ? access_remote_vm(mm, start, buf, len) : 0;
	mmput(mm);
	if (got > 0 && buf[got - 1] != '\0')
		got = strnlen(buf, got);
	if (got > 0)
		seq_write(m, buf, got);
	kfree(buf);
	return 0;
}
