/*
 * The user layouts of stat for each ABI, as Linux 6.1 lays them out (fs/stat.c fills them
 * from struct kstat):
 *   struct stat           the native newstat/newfstatat/fstat (x86_64: 144 bytes; arm64:
 *                         the generic 128-byte one)
 *   struct compat_stat    i386's and arm's stat/lstat/fstat (64 bytes; 16-bit ids, and on
 *                         arm 16-bit device numbers)
 *   struct stat64         i386's (96 bytes, packed) and arm's (104 bytes: EABI aligns the
 *                         64-bit fields) stat64/lstat64/fstat64/fstatat64
 *   struct __old_kernel_stat  i386's oldstat/oldlstat/oldfstat (all 16-bit)
 *   struct statx          statx, the same on every ABI
 */
#ifndef _LINUX_STAT_H
#define _LINUX_STAT_H

#include <linux/types.h>

#ifdef CONFIG_ARM64
struct stat {
	unsigned long st_dev;
	unsigned long st_ino;
	unsigned int st_mode;
	unsigned int st_nlink;
	unsigned int st_uid;
	unsigned int st_gid;
	unsigned long st_rdev;
	unsigned long __pad1;
	long st_size;
	int st_blksize;
	int __pad2;
	long st_blocks;
	long st_atime;
	unsigned long st_atime_nsec;
	long st_mtime;
	unsigned long st_mtime_nsec;
	long st_ctime;
	unsigned long st_ctime_nsec;
	unsigned int __unused4;
	unsigned int __unused5;
};

struct compat_stat {
	u16 st_dev;
	u16 __pad1;
	u32 st_ino;
	u16 st_mode;
	u16 st_nlink;
	u16 st_uid;
	u16 st_gid;
	u16 st_rdev;
	u16 __pad2;
	u32 st_size;
	u32 st_blksize;
	u32 st_blocks;
	s32 st_atime;
	u32 st_atime_nsec;
	s32 st_mtime;
	u32 st_mtime_nsec;
	s32 st_ctime;
	u32 st_ctime_nsec;
	u32 __unused4;
	u32 __unused5;
};

/* arm EABI: 64-bit members are 8-byte aligned (padding before st_size and st_blocks). */
struct stat64 {
	u64 st_dev;
	u8 __pad0[4];
	u32 __st_ino;
	u32 st_mode;
	u32 st_nlink;
	u32 st_uid;
	u32 st_gid;
	u64 st_rdev;
	u8 __pad3[4];
	u8 __pad4[4];
	s64 st_size;
	u32 st_blksize;
	u8 __pad5[4];
	u64 st_blocks;
	u32 st_atime;
	u32 st_atime_nsec;
	u32 st_mtime;
	u32 st_mtime_nsec;
	u32 st_ctime;
	u32 st_ctime_nsec;
	u64 st_ino;
};
#else
struct stat {
	unsigned long st_dev;
	unsigned long st_ino;
	unsigned long st_nlink;
	unsigned int st_mode;
	unsigned int st_uid;
	unsigned int st_gid;
	unsigned int __pad0;
	unsigned long st_rdev;
	long st_size;
	long st_blksize;
	long st_blocks;
	unsigned long st_atime;
	unsigned long st_atime_nsec;
	unsigned long st_mtime;
	unsigned long st_mtime_nsec;
	unsigned long st_ctime;
	unsigned long st_ctime_nsec;
	long __unused[3];
};

struct compat_stat {
	u32 st_dev;
	u32 st_ino;
	u16 st_mode;
	u16 st_nlink;
	u16 st_uid;
	u16 st_gid;
	u32 st_rdev;
	u32 st_size;
	u32 st_blksize;
	u32 st_blocks;
	u32 st_atime;
	u32 st_atime_nsec;
	u32 st_mtime;
	u32 st_mtime_nsec;
	u32 st_ctime;
	u32 st_ctime_nsec;
	u32 __unused4;
	u32 __unused5;
};

/* i386: 4-byte alignment throughout, 96 bytes. */
struct stat64 {
	u64 st_dev;
	u8 __pad0[4];
	u32 __st_ino;
	u32 st_mode;
	u32 st_nlink;
	u32 st_uid;
	u32 st_gid;
	u64 st_rdev;
	u8 __pad3[4];
	s64 st_size;
	u32 st_blksize;
	u64 st_blocks;
	u32 st_atime;
	u32 st_atime_nsec;
	u32 st_mtime;
	u32 st_mtime_nsec;
	u32 st_ctime;
	u32 st_ctime_nsec;
	u64 st_ino;
} __attribute__((packed));

struct __old_kernel_stat {
	u16 st_dev;
	u16 st_ino;
	u16 st_mode;
	u16 st_nlink;
	u16 st_uid;
	u16 st_gid;
	u16 st_rdev;
	u16 __pad;
	u32 st_size;
	u32 st_atime;
	u32 st_mtime;
	u32 st_ctime;
};
#endif

struct statx_timestamp {
	s64 tv_sec;
	u32 tv_nsec;
	s32 __reserved;
};

struct statx {
	u32 stx_mask;
	u32 stx_blksize;
	u64 stx_attributes;
	u32 stx_nlink;
	u32 stx_uid;
	u32 stx_gid;
	u16 stx_mode;
	u16 __spare0[1];
	u64 stx_ino;
	u64 stx_size;
	u64 stx_blocks;
	u64 stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	u32 stx_rdev_major;
	u32 stx_rdev_minor;
	u32 stx_dev_major;
	u32 stx_dev_minor;
	u64 stx_mnt_id;
	u32 stx_dio_mem_align;
	u32 stx_dio_offset_align;
	u64 __spare3[12];
};

#define STATX_TYPE		0x0001
#define STATX_MODE		0x0002
#define STATX_NLINK		0x0004
#define STATX_UID		0x0008
#define STATX_GID		0x0010
#define STATX_ATIME		0x0020
#define STATX_MTIME		0x0040
#define STATX_CTIME		0x0080
#define STATX_INO		0x0100
#define STATX_SIZE		0x0200
#define STATX_BLOCKS		0x0400
#define STATX_BASIC_STATS	0x07ff
#define STATX_MNT_ID		0x1000
#define STATX__RESERVED		0x80000000U
#define STATX_ATTR_AUTOMOUNT	0x00001000
#define STATX_ATTR_MOUNT_ROOT	0x00002000
#define STATX_ATTR_DAX		0x00200000

/* User-visible device numbers: Linux's new_encode_dev (12-bit major, 20-bit minor, split). */
static inline u32 new_encode_dev(u32 dev)
{
	unsigned int major = dev >> 20, minor = dev & 0xfffff;

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffU) << 12);
}

static inline u32 new_decode_dev(u32 dev)
{
	unsigned int major = (dev & 0xfff00) >> 8;
	unsigned int minor = (dev & 0xff) | ((dev >> 12) & 0xfff00);

	return (major << 20) | minor;
}

static inline bool old_valid_dev(u32 dev)
{
	return (dev >> 20) < 256 && (dev & 0xfffff) < 256;
}

#endif
