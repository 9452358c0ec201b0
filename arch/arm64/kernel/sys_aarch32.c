// SPDX-License-Identifier: GPL-2.0
/*
 * AArch32 entry points whose 64-bit arguments arrive in an even/odd register pair, low word
 * first, skipping a register to reach an even one (the EABI's rule): Linux's
 * compat_sys_aarch32_* names, which the compat column of arch/arm64/tools/syscall_32.tbl
 * gives. The native bodies they call are shared with every ABI.
 */
#include <linux/kernel.h>
#include <linux/compat.h>
#include <linux/syscalls.h>
#include <linux/fs.h>

#define arg_u64(lo, hi)	(((u64)(hi) << 32) | (lo))

/* truncate64(path, length): r0 = path, r1 unused, r2:r3 = length. */
COMPAT_SYSCALL_DEFINE4(aarch32_truncate64, const char __user *, pathname, u32, __pad,
		       u32, length_lo, u32, length_hi)
{
	return do_sys_truncate(pathname, arg_u64(length_lo, length_hi));
}

/* ftruncate64(fd, length): r0 = fd, r1 unused, r2:r3 = length. */
COMPAT_SYSCALL_DEFINE4(aarch32_ftruncate64, unsigned int, fd, u32, __pad,
		       u32, length_lo, u32, length_hi)
{
	return do_sys_ftruncate(fd, arg_u64(length_lo, length_hi), 0);
}

/* fallocate(fd, mode, offset, len): r0 = fd, r1 = mode, r2:r3 = offset, r4:r5 = len (both
 * pairs already even: no register skipped). */
COMPAT_SYSCALL_DEFINE6(aarch32_fallocate, int, fd, int, mode, u32, offset_lo, u32, offset_hi,
		       u32, len_lo, u32, len_hi)
{
	return ksys_fallocate(fd, mode, arg_u64(offset_lo, offset_hi), arg_u64(len_lo, len_hi));
}

/*
 * statfs64/fstatfs64: the kernel writes the packed 84-byte compat_statfs64 (as Linux's
 * arm64 does), but an EABI program's own struct statfs64 is 88 bytes (its u64 counts 8-byte
 * aligned), so glibc passes 88: Linux's arm kernels have always taken 88 as 84 for it.
 */
COMPAT_SYSCALL_DEFINE3(aarch32_statfs64, const char __user *, pathname, compat_size_t, sz,
		       void __user *, buf)
{
	return kcompat_sys_statfs64(pathname, sz == 88 ? 84 : sz, buf);
}

COMPAT_SYSCALL_DEFINE3(aarch32_fstatfs64, unsigned int, fd, compat_size_t, sz,
		       void __user *, buf)
{
	return kcompat_sys_fstatfs64(fd, sz == 88 ? 84 : sz, buf);
}
