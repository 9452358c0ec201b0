/*
 * files_review: checks for what a review of the VFS core found (issue 12), each failing on
 * the bug it guards. fchdir on a file with no name (a pipe, the console: ENOTDIR, not an
 * Oops); fstatat/statx(fd, "", AT_EMPTY_PATH) on a pipe and on stdout (glibc's fstat); tmpfs
 * files written far apart (one page near 2 GiB in many files, writes at 2^32, 2^62 and the
 * last byte below MAX_LFS_FILESIZE); O_TRUNC of an empty file moving mtime; pread/pwrite
 * whose end passes LLONG_MAX (EINVAL); lseek on a directory (SEEK_END: EINVAL); readlinkat
 * of "" on a non-symlink (ENOENT). Booted as /init it works in "/" (a tmpfs); under
 * qemu-user (Linux's answers) in a private directory in /dev/shm (a tmpfs too).
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define ENOENT 2
#define ENOTDIR 20
#define EINVAL 22

#define AT_FDCWD -100
#define AT_REMOVEDIR 0x200
#define AT_EMPTY_PATH 0x1000
#define O_RDONLY 0
#define O_RDWR 2
#define O_CREAT 0100
#define O_TRUNC 01000
#if defined(__arm__) || defined(__aarch64__)
#define O_DIRECTORY 040000
#define O_LARGEFILE_32 0400000
#else
#define O_DIRECTORY 0200000
#define O_LARGEFILE_32 0100000
#endif
#if defined(__i386__) || defined(__arm__)
#define O_LARGEFILE O_LARGEFILE_32
#else
#define O_LARGEFILE 0
#endif
#define SEEK_SET 0
#define SEEK_END 2
#define S_IFMT 0170000
#define S_IFIFO 0010000

#define LLONG_MAX 0x7fffffffffffffffLL

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

/* Only st_mode matters here: read it at each ABI's offset from a large enough buffer. */
#if defined(__x86_64__)
#define MODE_OFF 24
#define abi_fstatat(d, p, b, f) sys(newfstatat, d, p, b, f)
#elif defined(__aarch64__)
#define MODE_OFF 16
#define abi_fstatat(d, p, b, f) sys(newfstatat, d, p, b, f)
#else
#define MODE_OFF 16
#define abi_fstatat(d, p, b, f) sys(fstatat64, d, p, b, f)
#endif
static unsigned long long stbuf[32];

static unsigned int st_mode(void)
{
	unsigned int m;

	memcpy(&m, (char *)stbuf + MODE_OFF, 4);
	return m;
}

static long xstatx(int dfd, const char *p, int flags, struct statx *st)
{
	return sys(statx, dfd, p, flags, 0x7ff, st);
}

/* pread64/pwrite64 with the whole 64-bit offset on every ABI. */
static long xpread64(int fd, void *buf, unsigned long n, long long off)
{
#if defined(__i386__)
	return sys(pread64, fd, buf, n, (unsigned long)off, (unsigned long)(off >> 32));
#elif defined(__arm__)
	return sys(pread64, fd, buf, n, 0, (unsigned long)off, (unsigned long)(off >> 32));
#else
	return sys(pread64, fd, buf, n, off);
#endif
}

static long xpwrite64(int fd, const void *buf, unsigned long n, long long off)
{
#if defined(__i386__)
	return sys(pwrite64, fd, buf, n, (unsigned long)off, (unsigned long)(off >> 32));
#elif defined(__arm__)
	return sys(pwrite64, fd, buf, n, 0, (unsigned long)off, (unsigned long)(off >> 32));
#else
	return sys(pwrite64, fd, buf, n, off);
#endif
}

static long long xlseek64(int fd, long long off, int whence)
{
#if defined(__i386__) || defined(__arm__)
	long long result = -1;
	long r = sys(_llseek, fd, (unsigned long)(off >> 32), (unsigned long)off, &result, whence);

	return r ? r : result;
#else
	return sys(lseek, fd, off, whence);
#endif
}

static long xopen(const char *p, int flags, int mode)
{
	return sys(openat, AT_FDCWD, p, flags | O_LARGEFILE, mode);
}

#define SPARSE_FILES 80

int main(void)
{
	int booted = sys(getpid) == 1;
	char base[64], name[32], c;
	struct statx sx;
	int p[2];
	long r, fd, bad;
	long long end;

	ktap_plan(19);
	if (booted) {
		snprintf(base, sizeof(base), "/");
	} else {
		snprintf(base, sizeof(base), "/dev/shm/files_review.%ld", sys(getpid));
		sys(mkdirat, AT_FDCWD, base, 0700);
	}
	r = sys(chdir, base);
	ktap_result(r == 0, "chdir %s (%ld)", base, r);

	/* ---- files with no name ---- */
	r = sys(pipe2, p, 0);
	ktap_result(r == 0, "pipe2 (%ld)", r);
	r = sys(fchdir, p[0]);
	ktap_result(r == -ENOTDIR, "fchdir on a pipe: -ENOTDIR (%ld)", r);
	r = sys(fchdir, 1);
	ktap_result(r == -ENOTDIR, "fchdir on stdout: -ENOTDIR (%ld)", r);
	memset(stbuf, 0, sizeof(stbuf));
	r = abi_fstatat(p[0], "", stbuf, AT_EMPTY_PATH);
	ktap_result(r == 0 && (st_mode() & S_IFMT) == S_IFIFO,
		    "fstatat(pipe, \"\", AT_EMPTY_PATH): a FIFO (%ld, mode %o)", r, st_mode());
	memset(&sx, 0, sizeof(sx));
	r = xstatx(p[1], "", AT_EMPTY_PATH, &sx);
	ktap_result(r == 0 && (sx.mode & S_IFMT) == S_IFIFO,
		    "statx(pipe, \"\", AT_EMPTY_PATH): a FIFO (%ld, mode %o)", r, sx.mode);
	r = abi_fstatat(1, "", stbuf, AT_EMPTY_PATH);
	ktap_result(r == 0, "fstatat(stdout, \"\", AT_EMPTY_PATH): 0 (%ld)", r);
	r = xstatx(1, "", AT_EMPTY_PATH, &sx);
	ktap_result(r == 0, "statx(stdout, \"\", AT_EMPTY_PATH): 0 (%ld)", r);
	r = abi_fstatat(p[0], "x", stbuf, 0);
	ktap_result(r == -ENOTDIR, "fstatat(pipe, \"x\"): -ENOTDIR (%ld)", r);
	sys(close, p[0]);
	sys(close, p[1]);

	/* ---- tmpfs files written far apart ---- */
	bad = 0;
	for (int i = 0; i < SPARSE_FILES && !bad; i++) {
		snprintf(name, sizeof(name), "fr_sparse%d", i);
		fd = xopen(name, O_CREAT | O_RDWR | O_TRUNC, 0600);
		r = fd < 0 ? fd : xpwrite64(fd, "x", 1, (2LL << 30) - 4096);
		if (r != 1)
			bad = r ? r : -1;
		if (fd >= 0)
			sys(close, fd);
	}
	ktap_result(!bad, "%d files with one byte at 2 GiB - 4 KiB (%ld)", SPARSE_FILES, bad);
	for (int i = 0; i < SPARSE_FILES; i++) {
		snprintf(name, sizeof(name), "fr_sparse%d", i);
		sys(unlinkat, AT_FDCWD, name, 0);
	}
	fd = xopen("fr_far", O_CREAT | O_RDWR | O_TRUNC, 0600);
	r = xpwrite64(fd, "a", 1, 1LL << 32);
	r = r == 1 ? xpwrite64(fd, "b", 1, 1LL << 62) : r;
	c = 0;
	r = r == 1 ? xpread64(fd, &c, 1, 1LL << 32) : r;
	ktap_result(r == 1 && c == 'a', "pwrite at 2^32 and 2^62, pread at 2^32: 'a' (%ld)", r);
	r = xpread64(fd, &c, 1, 1LL << 62);
	ktap_result(r == 1 && c == 'b', "pread at 2^62: 'b' (%ld)", r);
	r = xpwrite64(fd, "z", 1, LLONG_MAX - 1);
	end = r == 1 ? xlseek64(fd, 0, SEEK_END) : r;
	ktap_result(end == LLONG_MAX, "a byte at LLONG_MAX - 1: the size is LLONG_MAX (%lld)", end);
	r = xpwrite64(fd, "z", 1, LLONG_MAX);
	ktap_result(r == -EINVAL, "pwrite of 1 at LLONG_MAX: -EINVAL (%ld)", r);
	r = xpread64(fd, &c, 16, LLONG_MAX - 4);
	ktap_result(r == -EINVAL, "pread of 16 at LLONG_MAX - 4: -EINVAL (%ld)", r);
	r = xpwrite64(fd, "0123456789abcdef", 16, LLONG_MAX - 4);
	ktap_result(r == -EINVAL, "pwrite of 16 at LLONG_MAX - 4: -EINVAL (%ld)", r);

	/* ---- O_TRUNC of an empty file moves mtime ---- */
	{
		long fd2 = xopen("fr_empty", O_CREAT | O_RDWR | O_TRUNC, 0600);
		struct statx_ts before;
		static const long nap[2] = { 0, 20000000 };

		r = fd2 < 0 ? fd2 : xstatx(fd2, "", AT_EMPTY_PATH, &sx);
		before = sx.mtime;
		sys(close, fd2);
		sys(nanosleep, nap, 0);
		fd2 = r ? r : xopen("fr_empty", O_RDWR | O_TRUNC, 0);
		r = fd2 < 0 ? fd2 : xstatx(fd2, "", AT_EMPTY_PATH, &sx);
		ktap_result(r == 0 && (sx.mtime.tv_sec > before.tv_sec ||
				       (sx.mtime.tv_sec == before.tv_sec &&
					sx.mtime.tv_nsec > before.tv_nsec)),
			    "O_TRUNC of an empty file moves mtime (%ld)", r);
		if (fd2 >= 0)
			sys(close, fd2);
		sys(unlinkat, AT_FDCWD, "fr_empty", 0);
	}

	/* ---- readlinkat "" on a non-symlink ---- */
	r = sys(readlinkat, fd, "", name, sizeof(name));
	ktap_result(r == -ENOENT, "readlinkat(file, \"\"): -ENOENT (%ld)", r);
	sys(close, fd);
	sys(unlinkat, AT_FDCWD, "fr_far", 0);

	/* ---- lseek on a directory ---- */
	fd = xopen(".", O_RDONLY | O_DIRECTORY, 0);
	r = xlseek64(fd, 0, SEEK_END);
	ktap_result(r == -EINVAL, "lseek(dir, 0, SEEK_END): -EINVAL (%ld)", r);
	sys(close, fd);

	if (!booted) {
		sys(chdir, "/");
		sys(unlinkat, AT_FDCWD, base, AT_REMOVEDIR);
	}
	return ktap_finish();
}
