// SPDX-License-Identifier: GPL-2.0
/*
 * Not part of the kernel: what the sparse step of make check must refuse (scripts/check.py,
 * sparse_catches_bad_code). Each function is a mistake sparse names with a warning:
 * a syscall body reading its user pointer directly instead of through get_user/copy_from_user,
 * an MMIO register read as plain memory instead of readl, and a user pointer cast to a kernel
 * one without __force. If any of them stops warning, the step could no longer fail.
 */
#include <linux/compiler.h>
#include <linux/types.h>

long bad_user_read(const int __user *uptr);
long bad_user_read(const int __user *uptr)
{
	return *uptr;		/* sparse: dereference of noderef expression */
}

u32 bad_mmio_read(const u32 __iomem *reg);
u32 bad_mmio_read(const u32 __iomem *reg)
{
	return *reg;		/* sparse: dereference of noderef expression */
}

void *bad_cast(void __user *uptr);
void *bad_cast(void __user *uptr)
{
	return (void *)uptr;	/* sparse: cast removes address space '__user' of expression */
}
