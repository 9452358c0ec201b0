// SPDX-License-Identifier: GPL-2.0
/*
 * i386-only compat entry points: calls that exist in the i386 ABI alone, so they have no
 * native body to share and are named for x86 (compat_sys_ia32_*, Linux's names). The .tbl's
 * compat column points at them (arch/x86/entry/syscalls/syscall_32.tbl).
 */
#include <linux/kernel.h>
#include <linux/compat.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <asm/page.h>
#include <linux/sched.h>
#include <linux/fs.h>

/* i386's original mmap (number 90): all six arguments in a structure in user memory. */
struct mmap_arg_struct32 {
	compat_ulong_t addr, len, prot, flags, fd, offset;
};

COMPAT_SYSCALL_DEFINE1(ia32_mmap, struct mmap_arg_struct32 __user *, arg)
{
	struct mmap_arg_struct32 a;

	if (copy_from_user(&a, arg, sizeof(a)))
		return -EFAULT;
	if (a.offset & (PAGE_SIZE - 1))
		return -EINVAL;
	return ksys_mmap_pgoff(a.addr, a.len, a.prot, a.flags, a.fd, a.offset >> PAGE_SHIFT);
}

/*
 * i386 clone: the 32-bit kernel's argument order (CONFIG_CLONE_BACKWARDS: tls before
 * child_tid), which the x86_64 sys_clone does not have. tls is a struct user_desc pointer
 * (copy_thread reads it as set_thread_area would).
 */
COMPAT_SYSCALL_DEFINE5(ia32_clone, unsigned long, clone_flags, unsigned long, newsp,
		       int __user *, parent_tidptr, unsigned long, tls_val, int __user *, child_tidptr)
{
	struct kernel_clone_args args = {
		.flags = (clone_flags & ~CSIGNAL),
		.child_tid = child_tidptr,
		.parent_tid = parent_tidptr,
		.exit_signal = (clone_flags & CSIGNAL),
		.stack = newsp,
		.tls = tls_val,
	};

	return kernel_clone(&args);
}

/* i386 pread64/pwrite64: the 64-bit offset in two registers, low word first. */
COMPAT_SYSCALL_DEFINE5(ia32_pread64, unsigned int, fd, char __user *, ubuf, u32, count,
		       u32, poslo, u32, poshi)
{
	return ksys_pread64(fd, ubuf, count, ((u64)poshi << 32) | poslo);
}

COMPAT_SYSCALL_DEFINE5(ia32_pwrite64, unsigned int, fd, const char __user *, ubuf, u32, count,
		       u32, poslo, u32, poshi)
{
	return ksys_pwrite64(fd, ubuf, count, ((u64)poshi << 32) | poslo);
}

/* truncate64/ftruncate64: the 64-bit length in two registers, low word first. */
COMPAT_SYSCALL_DEFINE3(ia32_truncate64, const char __user *, filename, u32, offset_low,
		       u32, offset_high)
{
	return do_sys_truncate(filename, ((loff_t)offset_high << 32) | offset_low);
}

COMPAT_SYSCALL_DEFINE3(ia32_ftruncate64, unsigned int, fd, u32, offset_low, u32, offset_high)
{
	return do_sys_ftruncate(fd, ((loff_t)offset_high << 32) | offset_low, 0);
}

/* fallocate(fd, mode, offset, len): offset and len each in two registers, low word first. */
COMPAT_SYSCALL_DEFINE6(ia32_fallocate, int, fd, int, mode, u32, offset_low, u32, offset_high,
		       u32, len_low, u32, len_high)
{
	return ksys_fallocate(fd, mode, ((loff_t)offset_high << 32) | offset_low,
			      ((loff_t)len_high << 32) | len_low);
}
