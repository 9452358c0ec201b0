/*
 * files_core: the VFS core's calls on a file tree the probe builds itself (issue 12).
 * The walk (".", "..", symlinks relative and absolute, 40 links and the 41st ELOOP, loops,
 * trailing slashes, ENAMETOOLONG, ENOTDIR, ENOENT), open's flags and errno (O_CREAT,
 * O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY, O_NOFOLLOW, O_PATH, access modes), read/write/
 * lseek/pread/pwrite with holes, the ABI's stat and statx fields, getdents64 and its
 * d_off, readlinkat, chdir/fchdir/getcwd, openat with directory fds and AT_EMPTY_PATH,
 * EFAULT; then, booted as /init on Ferry, a size-limited tmpfs filled to ENOSPC, emptied
 * and filled again, umount's EBUSY, a read-only mount's EROFS, an unknown type's ENODEV
 * and chroot. Under qemu-user (Linux's answers) it works in a private directory in /tmp
 * and the mount/chroot checks SKIP (they need the whole machine); booted, nothing SKIPs.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define EPERM 1
#define ENOENT 2
#define EBADF 9
#define EACCES 13
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define ENOSPC 28
#define EROFS 30
#define ERANGE 34
#define ENAMETOOLONG 36
#define ELOOP 40
#define ENODEV 19

#define AT_FDCWD -100
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR 0x200
#define AT_EMPTY_PATH 0x1000
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_EXCL 0200
#define O_TRUNC 01000
#define O_APPEND 02000
#if defined(__arm__) || defined(__aarch64__)
#define O_DIRECTORY 040000
#define O_NOFOLLOW 0100000
#else
#define O_DIRECTORY 0200000
#define O_NOFOLLOW 0400000
#endif
#define O_CLOEXEC 02000000
#define O_PATH 010000000
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define S_IFMT 0170000
#define S_IFDIR 0040000
#define S_IFREG 0100000
#define S_IFLNK 0120000
#define MS_RDONLY 1
#define MS_REMOUNT 32
#define DT_DIR 4
#define DT_REG 8
#define DT_LNK 10

struct statx_ts { long long tv_sec; unsigned int tv_nsec; int pad; };
struct statx {
	unsigned int mask, blksize;
	unsigned long long attributes;
	unsigned int nlink, uid, gid;
	unsigned short mode, pad0;
	unsigned long long ino, size, blocks, attributes_mask;
	struct statx_ts atime, btime, ctime, mtime;
	unsigned int rdev_major, rdev_minor, dev_major, dev_minor;
	unsigned long long spare[14];
};

/* The ABI's own stat: newfstatat's struct stat on 64-bit, fstatat64's struct stat64 on
 * 32-bit, as each ABI's Linux headers lay them out. */
#if defined(__x86_64__)
struct abi_stat {
	unsigned long dev, ino, nlink;
	unsigned int mode, uid, gid, pad0;
	unsigned long rdev;
	long size, blksize, blocks;
	unsigned long atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
	long unused[3];
};
#define abi_fstatat(d, p, b, f) sys(newfstatat, d, p, b, f)
#elif defined(__aarch64__)
struct abi_stat {
	unsigned long dev, ino;
	unsigned int mode, nlink, uid, gid;
	unsigned long rdev, pad1;
	long size;
	int blksize, pad2;
	long blocks;
	long atime; unsigned long atime_ns;
	long mtime; unsigned long mtime_ns;
	long ctime; unsigned long ctime_ns;
	unsigned int unused4, unused5;
};
#define abi_fstatat(d, p, b, f) sys(newfstatat, d, p, b, f)
#elif defined(__i386__)
struct abi_stat {
	unsigned long long dev;
	unsigned char pad0[4];
	unsigned int ino32, mode, nlink, uid, gid;
	unsigned long long rdev;
	unsigned char pad3[4];
	long long size;
	unsigned int blksize;
	unsigned long long blocks;
	unsigned int atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
	unsigned long long ino;
} __attribute__((packed));
#define abi_fstatat(d, p, b, f) sys(fstatat64, d, p, b, f)
#else
struct abi_stat {
	unsigned long long dev;
	unsigned char pad0[4];
	unsigned int ino32, mode, nlink, uid, gid;
	unsigned long long rdev;
	unsigned char pad3[4];
	long long size;
	unsigned int blksize;
	unsigned long long blocks;
	unsigned int atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
	unsigned long long ino;
};
#define abi_fstatat(d, p, b, f) sys(fstatat64, d, p, b, f)
#endif

static long xopen(const char *p, int flags, int mode)
{
	return sys(openat, AT_FDCWD, p, flags, mode);
}

static long xpread(int fd, void *buf, unsigned long n, long off)
{
#if defined(__i386__)
	return sys(pread64, fd, buf, n, off, off < 0 ? -1 : 0);
#elif defined(__arm__)
	return sys(pread64, fd, buf, n, 0, off, off < 0 ? -1 : 0);
#else
	return sys(pread64, fd, buf, n, off);
#endif
}

static long xpwrite(int fd, const void *buf, unsigned long n, long off)
{
#if defined(__i386__)
	return sys(pwrite64, fd, buf, n, off, off < 0 ? -1 : 0);
#elif defined(__arm__)
	return sys(pwrite64, fd, buf, n, 0, off, off < 0 ? -1 : 0);
#else
	return sys(pwrite64, fd, buf, n, off);
#endif
}

/* lseek to a 64-bit offset (a directory's d_off may need all 64 bits): _llseek on 32-bit. */
static long long xlseek64(int fd, long long off)
{
#if defined(__i386__) || defined(__arm__)
	long long result = -1;
	long r = sys(_llseek, fd, (unsigned long)(off >> 32), (unsigned long)off, &result, SEEK_SET);

	return r ? r : result;
#else
	return sys(lseek, fd, off, SEEK_SET);
#endif
}

static long xstatx(int dfd, const char *p, int flags, struct statx *st)
{
	return sys(statx, dfd, p, flags, 0x7ff, st);
}

static int streq(const char *a, const char *b)
{
	return !strcmp(a, b);
}

static char buf[8192];

/* Does the listing hold "name/type " (the order is the file system's)? */
static int listed(const char *list, const char *entry)
{
	size_t n = strlen(entry);

	for (; *list; list++)
		if ((list == buf || list[-1] == ' ') && !memcmp(list, entry, n))
			return 1;
	return 0;
}

static char base[512];

/* Names in a getdents64 listing of fd, as "name/type name/type ..." sorted by arrival. */
static long list_dir(int fd, char *out, int outlen, long long *second_off)
{
	char d[1024];
	long n, total = 0;
	int pos = 0, entry = 0;

	out[0] = 0;
	while ((n = sys(getdents64, fd, d, sizeof(d))) > 0) {
		for (long off = 0; off < n;) {
			unsigned short reclen = *(unsigned short *)(d + off + 16);
			unsigned char type = d[off + 18];
			const char *name = d + off + 19;

			if (entry++ == 1 && second_off)
				*second_off = *(long long *)(d + off + 8);
			if (!streq(name, ".") && !streq(name, ".."))
				pos += snprintf(out + pos, outlen - pos, "%s/%d ", name, type);
			off += reclen;
			total++;
		}
	}
	return n < 0 ? n : total;
}

/* Under qemu-user: take the tree out of the host's /tmp again. */
static void cleanup(void)
{
	static const char *const files[] = { "f", "rel", "loop1", "loop2", "d/abs", "d/le", "d/e/g",
					     "d/e/x0", "d/e/x1", "d/e/x2" };
	char link[16];

	for (unsigned int i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		sys(unlinkat, AT_FDCWD, files[i], 0);
	for (int i = 0; i <= 40; i++) {
		snprintf(link, sizeof(link), "c%d", i);
		sys(unlinkat, AT_FDCWD, link, 0);
	}
	sys(unlinkat, AT_FDCWD, "d/e", AT_REMOVEDIR);
	sys(unlinkat, AT_FDCWD, "d", AT_REMOVEDIR);
	sys(chdir, "/");
	sys(unlinkat, AT_FDCWD, base, AT_REMOVEDIR);
}

#define MOUNT_CHECKS 9

int main(void)
{
	int booted = sys(getpid) == 1;	/* /init on Ferry; under qemu-user an ordinary process */
	struct statx sx;
	struct abi_stat st;
	long fd, fd2, r;
	char name[300];

	ktap_plan(70);
	sys(umask, 022);
	if (booted) {
		snprintf(base, sizeof(base), "/files_core");
	} else {
		snprintf(base, sizeof(base), "/tmp/files_core.%ld", sys(getpid));
	}
	r = sys(mkdirat, AT_FDCWD, base, 0755);
	ktap_result(r == 0 && sys(chdir, base) == 0, "mkdir and chdir into %s (%ld)", base, r);

	/* ---- open, read, write, lseek ---- */
	fd = xopen("f", O_CREAT | O_EXCL | O_RDWR, 0666);
	ktap_result(fd >= 0, "open f O_CREAT|O_EXCL|O_RDWR: a descriptor (%ld)", fd);
	r = sys(write, fd, "hello world", 11);
	ktap_result(r == 11, "write 11 bytes: 11 (%ld)", r);
	r = sys(lseek, fd, 0, SEEK_CUR);
	ktap_result(r == 11, "lseek SEEK_CUR: 11 (%ld)", r);
	r = sys(lseek, fd, 6, SEEK_SET);
	memset(buf, 0, 16);
	r = r == 6 ? sys(read, fd, buf, 100) : r;
	ktap_result(r == 5 && !memcmp(buf, "world", 5), "lseek 6, read: \"world\" (%ld)", r);
	r = sys(read, fd, buf, 100);
	ktap_result(r == 0, "read at the end: 0 (%ld)", r);
	r = xpwrite(fd, "J", 1, 0);
	memset(buf, 0, 16);
	r = r == 1 ? xpread(fd, buf, 5, 0) : r;
	ktap_result(r == 5 && !memcmp(buf, "Jello", 5) && sys(lseek, fd, 0, SEEK_CUR) == 11,
		    "pwrite/pread at 0: \"Jello\", the offset stays 11 (%ld)", r);
	r = xpread(fd, buf, 5, -1);
	ktap_result(r == -EINVAL, "pread at -1: -EINVAL (%ld)", r);
	r = xopen("f", O_CREAT | O_EXCL | O_RDWR, 0666);
	ktap_result(r == -EEXIST, "O_CREAT|O_EXCL on an existing file: -EEXIST (%ld)", r);

	/* a hole reads as zeroes */
	r = sys(lseek, fd, 8192, SEEK_SET);
	r = r == 8192 ? sys(write, fd, "x", 1) : r;
	memset(buf, 1, 100);
	r = r == 1 ? xpread(fd, buf, 100, 4096) : r;
	ktap_result(r == 100 && buf[0] == 0 && buf[99] == 0, "a hole reads as zeroes (%ld)", r);
	r = sys(lseek, fd, 0, SEEK_END);
	ktap_result(r == 8193, "lseek SEEK_END: 8193 (%ld)", r);
	r = sys(lseek, fd, -1, 7);
	ktap_result(r == -EINVAL, "lseek whence 7: -EINVAL (%ld)", r);

	/* stat fields */
	r = xstatx(AT_FDCWD, "f", 0, &sx);
	ktap_result(r == 0 && sx.size == 8193 && (sx.mode & S_IFMT) == S_IFREG &&
		    (sx.mode & 07777) == 0644 && sx.nlink == 1 && sx.uid == sys(geteuid),
		    "statx f: size 8193, regular, 0644 (umask 022), 1 link (%ld, size %llu, mode "
		    "%x, nlink %u)", r, sx.size, sx.mode, sx.nlink);
	r = abi_fstatat(AT_FDCWD, "f", &st, 0);
	ktap_result(r == 0 && st.size == 8193 && (st.mode & S_IFMT) == S_IFREG && st.nlink == 1 &&
		    st.ino == sx.ino && st.blocks >= 8, "the ABI's stat: the same size, type, "
		    "inode, and blocks for two pages (%ld, size %lld, blocks %lld)", r,
		    (long long)st.size, (long long)st.blocks);
	r = xstatx(fd, "", AT_EMPTY_PATH, &sx);
	ktap_result(r == 0 && sx.size == 8193, "statx(fd, \"\", AT_EMPTY_PATH) (%ld)", r);
	r = xstatx(fd, "", 0, &sx);
	ktap_result(r == -ENOENT, "statx(fd, \"\", 0): -ENOENT (%ld)", r);
	sys(close, fd);

	/* O_TRUNC, O_APPEND, access modes */
	fd = xopen("f", O_WRONLY | O_TRUNC, 0);
	r = fd >= 0 ? xstatx(fd, "", AT_EMPTY_PATH, &sx) : fd;
	ktap_result(r == 0 && sx.size == 0, "O_TRUNC: size 0 (%ld)", r);
	r = sys(read, fd, buf, 1);
	ktap_result(r == -EBADF, "read on O_WRONLY: -EBADF (%ld)", r);
	sys(write, fd, "abc", 3);
	sys(close, fd);
	fd = xopen("f", O_WRONLY | O_APPEND, 0);
	sys(lseek, fd, 0, SEEK_SET);
	r = sys(write, fd, "def", 3);
	sys(close, fd);
	fd = xopen("f", O_RDONLY, 0);
	memset(buf, 0, 16);
	sys(read, fd, buf, 16);
	ktap_result(r == 3 && streq(buf, "abcdef"), "O_APPEND writes at the end: \"%s\"", buf);
	r = sys(write, fd, "x", 1);
	ktap_result(r == -EBADF, "write on O_RDONLY: -EBADF (%ld)", r);
	sys(close, fd);

	/* sendfile from f (at an offset, then at its own) into a new file; preadv/pwritev */
	fd = xopen("f", O_RDONLY, 0);
	fd2 = xopen("sf", O_CREAT | O_RDWR | O_TRUNC, 0644);
	{
		long long off64 = 1;
#if defined(__i386__) || defined(__arm__)
		r = sys(sendfile64, fd2, fd, &off64, 3);
#else
		r = sys(sendfile, fd2, fd, &off64, 3);
#endif
		memset(buf, 0, 16);
		xpread(fd2, buf, 16, 0);
		ktap_result(r == 3 && off64 == 4 && streq(buf, "bcd") && sys(lseek, fd, 0, SEEK_CUR) == 0,
			    "sendfile 3 bytes from offset 1: \"%s\", the offset moves to 4, the file's "
			    "stays 0 (%ld)", buf, r);
	}
	{
		struct { void *base; unsigned long len; } iov[2] = { { buf, 2 }, { buf + 8, 3 } };
		long lo = 1;

		memset(buf, 0, 16);
		r = sys(preadv, fd, iov, 2, lo, 0);	/* the offset's low and high words */
		ktap_result(r == 5 && !memcmp(buf, "bc", 2) && !memcmp(buf + 8, "def", 3),
			    "preadv at 1 into 2 + 3 bytes: \"bc\" \"def\" (%ld)", r);
		iov[0].base = "XY";
		iov[1].base = "Z";
		iov[1].len = 1;
		r = sys(pwritev, fd2, iov, 2, lo, 0);
		memset(buf, 0, 16);
		xpread(fd2, buf, 16, 0);
		ktap_result(r == 3 && streq(buf, "bXYZ"), "pwritev at 1: \"%s\" (%ld)", buf, r);
	}
	sys(close, fd);
	sys(close, fd2);
	sys(unlinkat, AT_FDCWD, "sf", 0);

	/* the walk's errno */
	r = xopen("f", O_RDONLY | O_DIRECTORY, 0);
	ktap_result(r == -ENOTDIR, "O_DIRECTORY on a file: -ENOTDIR (%ld)", r);
	r = xopen("f/x", O_RDONLY, 0);
	ktap_result(r == -ENOTDIR, "f/x under a file: -ENOTDIR (%ld)", r);
	r = xopen("f/", O_RDONLY, 0);
	ktap_result(r == -ENOTDIR, "f/ (a trailing slash on a file): -ENOTDIR (%ld)", r);
	r = xopen("nope", O_RDONLY, 0);
	ktap_result(r == -ENOENT, "a missing name: -ENOENT (%ld)", r);
	r = xopen("nope/x", O_RDWR | O_CREAT, 0644);
	ktap_result(r == -ENOENT, "O_CREAT under a missing directory: -ENOENT (%ld)", r);
	r = xopen(".", O_RDWR, 0);
	ktap_result(r == -EISDIR, "a directory O_RDWR: -EISDIR (%ld)", r);
	r = xopen("new/", O_RDWR | O_CREAT, 0644);
	ktap_result(r == -EISDIR, "O_CREAT with a trailing slash: -EISDIR (%ld)", r);
	memset(name, 'n', 256);
	name[256] = 0;
	r = xopen(name, O_RDONLY, 0);
	ktap_result(r == -ENAMETOOLONG, "a 256-byte component: -ENAMETOOLONG (%ld)", r);
	name[255] = 0;
	r = xopen(name, O_RDONLY, 0);
	ktap_result(r == -ENOENT, "a 255-byte component: -ENOENT (%ld)", r);
	for (int i = 0; i < 4100; i++)
		buf[i] = i % 2 ? '/' : '.';
	buf[4096] = 0;
	r = xopen(buf, O_RDONLY, 0);
	ktap_result(r == -ENAMETOOLONG, "a 4096-byte path: -ENAMETOOLONG (%ld)", r);
	buf[4095] = 0;
	r = xopen(buf, O_RDONLY, 0);
	ktap_result(r >= 0, "a 4095-byte path of \"./\": opens (%ld)", r);
	if (r >= 0)
		sys(close, r);
	r = xopen((const char *)8, O_RDONLY, 0);
	ktap_result(r == -EFAULT, "a path at an unmapped address: -EFAULT (%ld)", r);

	/* directories, . and .., symlinks */
	r = sys(mkdirat, AT_FDCWD, "d", 0755);
	r = r ? r : sys(mkdirat, AT_FDCWD, "d/e", 0755);
	fd = r ? r : xopen("d/e/g", O_CREAT | O_WRONLY, 0644);
	if (fd >= 0) {
		sys(write, fd, "gee", 3);
		sys(close, fd);
	}
	fd = xopen("d/../d/./e/../e/g", O_RDONLY, 0);
	memset(buf, 0, 8);
	r = fd >= 0 ? sys(read, fd, buf, 8) : fd;
	ktap_result(r == 3 && streq(buf, "gee"), "d/../d/./e/../e/g reads \"gee\" (%ld)", r);
	sys(close, fd);
	r = sys(symlinkat, "d/e/g", AT_FDCWD, "rel");
	fd = r ? r : xopen("rel", O_RDONLY, 0);
	memset(buf, 0, 8);
	r = fd >= 0 ? sys(read, fd, buf, 8) : fd;
	ktap_result(r == 3 && streq(buf, "gee"), "a relative symlink is followed (%ld)", r);
	sys(close, fd);
	snprintf(name, sizeof(name), "%s/d/e/g", base);
	r = sys(symlinkat, name, AT_FDCWD, "d/abs");
	fd = r ? r : xopen("d/abs", O_RDONLY, 0);
	ktap_result(fd >= 0, "an absolute symlink is followed (%ld)", fd);
	sys(close, fd);
	r = sys(symlinkat, "e", AT_FDCWD, "d/le");
	fd = r ? r : xopen("d/le/g", O_RDONLY, 0);
	ktap_result(fd >= 0, "a symlink to a directory in the middle of a path (%ld)", fd);
	sys(close, fd);
	r = xstatx(AT_FDCWD, "rel", AT_SYMLINK_NOFOLLOW, &sx);
	ktap_result(r == 0 && (sx.mode & S_IFMT) == S_IFLNK && sx.size == 5,
		    "statx AT_SYMLINK_NOFOLLOW: the link, size 5 (%ld, mode %x)", r, sx.mode);
	memset(buf, 0, 16);
	r = sys(readlinkat, AT_FDCWD, "rel", buf, 16);
	ktap_result(r == 5 && streq(buf, "d/e/g"), "readlinkat: \"d/e/g\", 5 (%ld)", r);
	r = sys(readlinkat, AT_FDCWD, "rel", buf, 3);
	ktap_result(r == 3, "readlinkat into 3 bytes: 3 (%ld)", r);
	r = sys(readlinkat, AT_FDCWD, "f", buf, 16);
	ktap_result(r == -EINVAL, "readlinkat on a file: -EINVAL (%ld)", r);
	r = xopen("rel", O_RDONLY | O_NOFOLLOW, 0);
	ktap_result(r == -ELOOP, "O_NOFOLLOW on a symlink: -ELOOP (%ld)", r);
	fd = xopen("rel", O_PATH | O_NOFOLLOW, 0);
	r = fd >= 0 ? sys(read, fd, buf, 1) : fd;
	ktap_result(r == -EBADF, "O_PATH|O_NOFOLLOW opens the link; read: -EBADF (%ld)", r);
	sys(close, fd);
	r = xopen("rel/", O_RDONLY, 0);
	ktap_result(r == -ENOTDIR, "rel/ (a link to a file, trailing slash): -ENOTDIR (%ld)", r);
	sys(symlinkat, "loop2", AT_FDCWD, "loop1");
	sys(symlinkat, "loop1", AT_FDCWD, "loop2");
	r = xopen("loop1", O_RDONLY, 0);
	ktap_result(r == -ELOOP, "a symlink loop: -ELOOP (%ld)", r);
	/* c0 -> f, c1 -> c0, ...: opening cN follows N + 1 links */
	sys(symlinkat, "f", AT_FDCWD, "c0");
	for (int i = 1; i <= 40; i++) {
		char target[16], link[16];

		snprintf(target, sizeof(target), "c%d", i - 1);
		snprintf(link, sizeof(link), "c%d", i);
		sys(symlinkat, target, AT_FDCWD, link);
	}
	fd = xopen("c39", O_RDONLY, 0);
	ktap_result(fd >= 0, "40 symlinks in a chain: followed (%ld)", fd);
	sys(close, fd);
	r = xopen("c40", O_RDONLY, 0);
	ktap_result(r == -ELOOP, "41 symlinks: -ELOOP (%ld)", r);

	/* getdents64 */
	for (int i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), "d/e/x%d", i);
		sys(close, xopen(name, O_CREAT | O_WRONLY, 0644));
	}
	fd = xopen("d/e", O_RDONLY | O_DIRECTORY, 0);
	long long second = -1;
	r = list_dir(fd, buf, sizeof(buf), &second);
	ktap_result(r == 6 && listed(buf, "g/8 ") && listed(buf, "x0/8 ") && listed(buf, "x1/8 ") &&
		    listed(buf, "x2/8 "),
		    "getdents64: ., .., g, x0, x1, x2 with their types (%ld: %s)", r, buf);
	/* resume after the second entry: the same names less the first two */
	r = xlseek64(fd, second) == second ? list_dir(fd, buf, sizeof(buf), 0) : -1;
	ktap_result(r == 4, "lseek to the second entry's d_off: 4 entries follow (%ld)", r);
	r = sys(getdents64, fd, buf, 10);
	sys(lseek, fd, 0, SEEK_SET);
	r = sys(getdents64, fd, buf, 10);
	ktap_result(r == -EINVAL, "getdents64 with a 10-byte buffer: -EINVAL (%ld)", r);
	r = sys(getdents64, fd, (void *)8, 1024);
	ktap_result(r == -EFAULT, "getdents64 into an unmapped buffer: -EFAULT (%ld)", r);
	fd2 = xopen("f", O_RDONLY, 0);
	r = sys(getdents64, fd2, buf, 1024);
	ktap_result(r == -ENOTDIR, "getdents64 on a file: -ENOTDIR (%ld)", r);
	sys(close, fd2);

	/* openat with directory fds, chdir, fchdir, getcwd */
	r = sys(openat, fd, "g", O_RDONLY, 0);
	ktap_result(r >= 0, "openat(dirfd of d/e, \"g\") (%ld)", r);
	sys(close, r);
	fd2 = xopen("f", O_RDONLY, 0);
	r = sys(openat, fd2, "g", O_RDONLY, 0);
	ktap_result(r == -ENOTDIR, "openat(a file's fd, \"g\"): -ENOTDIR (%ld)", r);
	sys(close, fd2);
	r = sys(openat, 999, "g", O_RDONLY, 0);
	ktap_result(r == -EBADF, "openat(999, \"g\"): -EBADF (%ld)", r);
	r = sys(chdir, "d/e");
	memset(buf, 0, 600);
	r = r ? r : sys(getcwd, buf, 600);
	snprintf(name, sizeof(name), "%s/d/e", base);
	ktap_result(r == (long)strlen(name) + 1 && streq(buf, name), "chdir d/e; getcwd: %s (%ld)",
		    buf, r);
	r = sys(getcwd, buf, 4);
	ktap_result(r == -ERANGE, "getcwd into 4 bytes: -ERANGE (%ld)", r);
	r = sys(chdir, "g");
	ktap_result(r == -ENOTDIR, "chdir to a file: -ENOTDIR (%ld)", r);
	r = sys(chdir, base);
	fd2 = xopen("d", O_RDONLY | O_DIRECTORY, 0);
	r = r ? r : sys(fchdir, fd2);
	r = r ? r : sys(getcwd, buf, 600);
	snprintf(name, sizeof(name), "%s/d", base);
	ktap_result(r > 0 && streq(buf, name), "fchdir to d: %s (%ld)", buf, r);
	sys(close, fd2);
	sys(close, fd);
	sys(chdir, base);

	/* ---- mounts and chroot: booted only ---- */
	if (!booted) {
		for (int i = 0; i < MOUNT_CHECKS; i++)
			ktap_result(1, "mounts and chroot # SKIP not booted as /init (qemu-user)");
		cleanup();
		return ktap_finish();
	}
	r = sys(mkdirat, AT_FDCWD, "mnt", 0755);
	r = r ? r : sys(mount, "tmpfs", "mnt", "tmpfs", 0, "size=64k");
	ktap_result(r == 0, "mount tmpfs size=64k on mnt (%ld)", r);
	fd = xopen("mnt/big", O_CREAT | O_WRONLY, 0644);
	memset(buf, 'b', 4096);
	long total = 0;
	while ((r = sys(write, fd, buf, 4096)) > 0)
		total += r;
	ktap_result(r == -ENOSPC && total == 65536, "filled to -ENOSPC after 64 KiB (%ld, %ld)",
		    r, total);
	r = sys(umount2, "mnt", 0);
	ktap_result(r == -EBUSY, "umount with a file open: -EBUSY (%ld)", r);
	sys(close, fd);
	r = sys(unlinkat, AT_FDCWD, "mnt/big", 0);
	fd = r ? r : xopen("mnt/big2", O_CREAT | O_WRONLY, 0644);
	total = 0;
	while ((r = sys(write, fd, buf, 4096)) > 0)
		total += r;
	ktap_result(total == 65536, "emptied, it takes 64 KiB again (%ld)", total);
	sys(close, fd);
	r = sys(umount2, "mnt", 0);
	ktap_result(r == 0 && xopen("mnt/big2", O_RDONLY, 0) == -ENOENT,
		    "umount: 0, the files are gone with it (%ld)", r);
	r = sys(mount, "none", "mnt", "nosuchfs", 0, 0);
	ktap_result(r == -ENODEV, "an unknown type: -ENODEV (%ld)", r);
	r = sys(mount, "tmpfs", "mnt", "tmpfs", MS_RDONLY, 0);
	r = r ? r : xopen("mnt/x", O_CREAT | O_WRONLY, 0644);
	ktap_result(r == -EROFS, "O_CREAT on a read-only tmpfs: -EROFS (%ld)", r);
	sys(umount2, "mnt", 0);
	r = sys(chroot, "d");
	memset(buf, 0, 600);
	r = r ? r : sys(getcwd, buf, 600);
	ktap_result(r > 0 && !memcmp(buf, "(unreachable)", 13),
		    "chroot d: the old cwd is \"%s\" (%ld)", buf, r);
	r = sys(chdir, "/");
	fd = r ? r : xopen("/../../e/g", O_RDONLY, 0);
	r = fd >= 0 ? sys(getcwd, buf, 600) : fd;
	ktap_result(r == 2 && streq(buf, "/"), "in the new root, /../../e/g opens and cwd is "
		    "\"%s\" (%ld)", buf, r);
	return ktap_finish();
}
