// SPDX-License-Identifier: GPL-2.0
/*
 * The pages of file mappings: generic_file_mmap() is the f_op->mmap of files whose data
 * lives in pages the mm can map directly (tmpfs, mm/shmem.c: Ferry has no page cache over a
 * block device), and filemap_fault() finds a mapped file's page for handle_mm_fault().
 *
 * A fault inside the file's size gets the file's own page (a hole becomes a zeroed page of
 * the file, as Linux's shmem_fault does, counted against the tmpfs size); past the end it
 * gets nothing (NULL: the access is SIGBUS with BUS_ADRERR, mm/memory.c, as on Linux).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/shmem_fs.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/err.h>
#include <linux/errno.h>

static struct page *filemap_fault(struct vm_area_struct *vma, unsigned long pgoff)
{
	struct inode *inode = file_inode(vma->vm_file);
	loff_t size = READ_ONCE(inode->i_size);

	if (pgoff >= DIV_ROUND_UP((unsigned long long)size, PAGE_SIZE))
		return NULL;
	return shmem_get_page(inode, pgoff, true);
}

static const struct vm_operations_struct generic_file_vm_ops = {
	.fault = filemap_fault,
};

int generic_file_mmap(struct file *file, struct vm_area_struct *vma)
{
	if (!is_shmem_inode(file_inode(file)))
		return -ENODEV;
	vma->vm_ops = &generic_file_vm_ops;
	return 0;
}
