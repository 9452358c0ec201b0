/*
 * files_attr: the calls that change a file's metadata, as root: chmod/fchmod/fchmodat,
 * chown/fchown/lchown/fchownat (and the 16-bit i386/arm calls: -1 leaves an id alone, an
 * id past 16 bits is refused by none of them but reads back as 65534), the set-user-ID and
 * set-group-ID bits chown clears, utimensat (UTIME_NOW, UTIME_OMIT, AT_SYMLINK_NOFOLLOW,
 * futimens, its EINVALs) and the old utime/utimes/futimesat where the ABI has them,
 * truncate/ftruncate with truncate64/ftruncate64's split offsets on the 32-bit ABIs,
 * faccessat/faccessat2/access, statfs/fstatfs (statfs64 on 32-bit) of a tmpfs it mounts,
 * sync/syncfs/fsync/fdatasync. KTAP; exits 1 if any check failed.
 */
#include "files_check.h"
#include <sys/time.h>
#include <sys/statfs.h>
#include <utime.h>
#include <time.h>

int mount(const char *src, const char *dst, const char *type, unsigned long flags,
	  const void *data);
int umount2(const char *target, int flags);

#define TMPFS_MAGIC 0x01021994

static struct stat st_of(const char *p)
{
	struct stat st;

	memset(&st, 0, sizeof(st));
	lstat(p, &st);
	return st;
}

static void test_chmod(void)
{
	int fd;

	put_file("f", "0123456789", 0644);
	WORKS(chmod("f", 0640));
	EQ(mode_of("f"), S_IFREG | 0640);
	fd = open("f", O_RDONLY);
	WORKS(fchmod(fd, 04755));
	EQ(mode_of("f"), S_IFREG | 04755);
	WORKS(fchmod(fd, 0177777));			/* the type bits are ignored */
	EQ(mode_of("f"), S_IFREG | 07777);
	WORKS(fchmodat(AT_FDCWD, "f", 0644, 0));
	EQ(mode_of("f"), S_IFREG | 0644);
	FAILS(fchmod(4000, 0644), EBADF);
	FAILS(chmod("nope", 0644), ENOENT);
	FAILS(chmod("f/", 0644), ENOTDIR);
	FAILS(syscall(SYS_fchmodat, AT_FDCWD, (char *)8, 0644), EFAULT);
	WORKS(symlink("f", "s"));
	WORKS(chmod("s", 0604));			/* follows the link */
	EQ(mode_of("f"), S_IFREG | 0604);
	EQ(mode_of("s"), S_IFLNK | 0777);
	WORKS(mkdir("d", 0755));
	WORKS(chmod("d", 01777));
	EQ(mode_of("d"), S_IFDIR | 01777);
	close(fd);
}

static void test_chown(void)
{
	struct stat st;
	int fd;

	WORKS(chown("f", 1000, 1001));
	st = st_of("f");
	EQ(st.st_uid, 1000);
	EQ(st.st_gid, 1001);
	WORKS(chown("f", -1, 1002));
	st = st_of("f");
	EQ(st.st_uid, 1000);
	EQ(st.st_gid, 1002);
	WORKS(lchown("s", 1003, 1003));			/* the link itself */
	EQ(st_of("s").st_uid, 1003);
	EQ(st_of("f").st_uid, 1000);
	WORKS(fchownat(AT_FDCWD, "s", 1004, -1, AT_SYMLINK_NOFOLLOW));
	EQ(st_of("s").st_uid, 1004);
	WORKS(fchownat(AT_FDCWD, "s", 1005, -1, 0));
	EQ(st_of("f").st_uid, 1005);
	FAILS(fchownat(AT_FDCWD, "s", 0, 0, 0x1), EINVAL);
	fd = open("f", O_RDONLY);
	WORKS(fchown(fd, 0, 0));
	EQ(st_of("f").st_uid, 0);
	WORKS(fchownat(fd, "", 7, 7, AT_EMPTY_PATH));
	EQ(st_of("f").st_gid, 7);
	FAILS(fchownat(fd, "", 7, 7, 0), ENOENT);
	FAILS(fchown(4000, 0, 0), EBADF);
	/* chown takes set-user-ID away, and set-group-ID where group execute is on,
	 * even from root and even when the ids stay the same. */
	WORKS(chmod("f", 06755));
	WORKS(chown("f", 0, 0));
	EQ(mode_of("f"), S_IFREG | 0755);
	WORKS(chmod("f", 02644));			/* no group execute: kept */
	WORKS(fchown(fd, -1, -1));
	EQ(mode_of("f"), S_IFREG | 02644);
	WORKS(chmod("d", 06755));			/* directories keep theirs */
	WORKS(chown("d", 1, 1));
	EQ(mode_of("d"), S_IFDIR | 06755);
	WORKS(chmod("f", 0644));
#ifdef SYS_chown32
	/* The 16-bit calls: (u16)-1 leaves an id alone. */
	WORKS(syscall(SYS_chown, "f", 1000, 0xffff));
	EQ(st_of("f").st_uid, 1000);
	EQ(st_of("f").st_gid, 0);
	WORKS(syscall(SYS_chown, "f", 0xffff, 7));
	EQ(st_of("f").st_uid, 1000);
	EQ(st_of("f").st_gid, 7);
	WORKS(syscall(SYS_lchown, "s", 5, 0xffff));
	EQ(st_of("s").st_uid, 5);
	WORKS(syscall(SYS_fchown, fd, 9, 9));
	EQ(st_of("f").st_gid, 9);
	WORKS(syscall(SYS_chown32, "f", 70000, 70001));
	EQ(st_of("f").st_uid, 70000);
	EQ(st_of("f").st_gid, 70001);
	WORKS(syscall(SYS_fchown32, fd, -1, 0));
	EQ(st_of("f").st_uid, 70000);
	EQ(st_of("f").st_gid, 0);
	WORKS(syscall(SYS_lchown32, "s", 0, 0));
	EQ(st_of("s").st_uid, 0);
#endif
	WORKS(chown("f", 0, 0));
	close(fd);
}

static void test_utimens(void)
{
	struct timespec ts[2] = { { 1000000000, 123456789 }, { 1500000000, 987654321 } };
	struct timespec omit[2] = { { 0, UTIME_OMIT }, { 7, 0 } };
	struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
	struct timespec now[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
	struct stat st;
	struct timeval tv[2] = { { 2000, 5 }, { 3000, 6 } };
	struct utimbuf ub = { 4000, 5000 };
	struct timespec rt;
	time_t t0;
	int fd;

	/* clock_gettime, not time(): the reference clock the kernel's "now" must not be behind. */
	clock_gettime(CLOCK_REALTIME, &rt);
	t0 = rt.tv_sec;

	WORKS(utimensat(AT_FDCWD, "f", ts, 0));
	st = st_of("f");
	EQ(st.st_atim.tv_sec, 1000000000);
	EQ(st.st_atim.tv_nsec, 123456789);
	EQ(st.st_mtim.tv_sec, 1500000000);
	EQ(st.st_mtim.tv_nsec, 987654321);
	check(st.st_ctim.tv_sec >= t0, "utimensat sets ctime to now", st.st_ctim.tv_sec, t0);
	WORKS(utimensat(AT_FDCWD, "f", omit, 0));
	st = st_of("f");
	EQ(st.st_atim.tv_sec, 1000000000);
	EQ(st.st_mtim.tv_sec, 7);
	EQ(st.st_mtim.tv_nsec, 0);
	WORKS(utimensat(AT_FDCWD, "f", now, 0));
	st = st_of("f");
	check(st.st_atim.tv_sec >= t0, "UTIME_NOW", st.st_atim.tv_sec, t0);
	EQ(st.st_mtim.tv_sec, 7);
	WORKS(utimensat(AT_FDCWD, "f", NULL, 0));
	check(st_of("f").st_mtim.tv_sec >= t0, "NULL times: now", st_of("f").st_mtim.tv_sec, t0);
	FAILS(utimensat(AT_FDCWD, "f", bad, 0), EINVAL);
	bad[0].tv_nsec = -1;
	FAILS(utimensat(AT_FDCWD, "f", bad, 0), EINVAL);
	FAILS(utimensat(AT_FDCWD, "f", ts, 0x1), EINVAL);
	FAILS(utimensat(AT_FDCWD, "nope", ts, 0), ENOENT);
	FAILS(syscall(SYS_utimensat, AT_FDCWD, "f", (struct timespec *)8, 0), EFAULT);
	WORKS(utimensat(AT_FDCWD, "s", ts, AT_SYMLINK_NOFOLLOW));
	EQ(st_of("s").st_mtim.tv_sec, 1500000000);
	EQ(st_of("f").st_mtim.tv_sec != 1500000000, 1);
	fd = open("f", O_RDONLY);
	WORKS(futimens(fd, ts));
	EQ(st_of("f").st_mtim.tv_sec, 1500000000);
	/* The kernel's utimensat with a NULL path names the descriptor itself. */
	ts[1].tv_sec = 1600000000;
	WORKS(syscall(SYS_utimensat, fd, NULL, ts, 0));
	EQ(st_of("f").st_mtim.tv_sec, 1600000000);
	FAILS(syscall(SYS_utimensat, AT_FDCWD, NULL, ts, 0), EFAULT);
	FAILS(syscall(SYS_utimensat, 4000, NULL, ts, 0), EBADF);
	close(fd);
	WORKS(utimes("f", tv));
	st = st_of("f");
	EQ(st.st_atim.tv_sec, 2000);
	EQ(st.st_atim.tv_nsec, 5000);
	EQ(st.st_mtim.tv_nsec, 6000);
	WORKS(utime("f", &ub));
	st = st_of("f");
	EQ(st.st_atim.tv_sec, 4000);
	EQ(st.st_mtim.tv_sec, 5000);
	EQ(st.st_mtim.tv_nsec, 0);
	WORKS(futimesat(AT_FDCWD, "f", tv));
	EQ(st_of("f").st_mtim.tv_sec, 3000);
	tv[0].tv_usec = 1000000;
	FAILS(utimes("f", tv), EINVAL);
#ifdef SYS_utime
	{
		long t32[2] = { 6000, 7000 };	/* i386/x86_64's struct utimbuf of longs */

		WORKS(syscall(SYS_utime, "f", t32));
		EQ(st_of("f").st_mtim.tv_sec, 7000);
	}
#endif
}

static void test_truncate(void)
{
	char buf[16];
	int fd, ro;

	WORKS(truncate("f", 4));
	EQ(st_of("f").st_size, 4);
	WORKS(truncate("f", 8));
	fd = open("f", O_RDWR);
	memset(buf, 'x', sizeof(buf));
	EQ(read(fd, buf, sizeof(buf)), 8);
	EQ(memcmp(buf, "0123\0\0\0\0", 8), 0);		/* what grew reads as zeroes */
	WORKS(ftruncate(fd, 0));
	EQ(st_of("f").st_size, 0);
	FAILS(truncate("f", -1), EINVAL);
	FAILS(ftruncate(fd, -1), EINVAL);
	FAILS(truncate("d", 0), EISDIR);
	FAILS(truncate("nope", 0), ENOENT);
	FAILS(truncate("", 0), ENOENT);
	ro = open("f", O_RDONLY);
	FAILS(ftruncate(ro, 0), EINVAL);		/* not open for writing */
	FAILS(ftruncate(4000, 0), EBADF);
	close(ro);
	ro = open("d", O_RDONLY | O_DIRECTORY);
	FAILS(ftruncate(ro, 0), EINVAL);
	close(ro);
	/* Past 4 GiB: truncate64/ftruncate64's two halves on the 32-bit ABIs. */
	WORKS(ftruncate64(fd, 0x100000010LL));
	EQ(st_of("f").st_size == 0x100000010LL, 1);
	WORKS(truncate64("f", 0x80000001LL));
	EQ(st_of("f").st_size == 0x80000001LL, 1);
	EQ(lseek(fd, 0x80000000LL, SEEK_SET) == 0x80000000LL, 1);
	EQ(read(fd, buf, 4), 1);
	WORKS(ftruncate(fd, 0));
#ifdef SYS_truncate64
	/* The plain 32-bit calls: a compat_off_t, so 0x80000000 is negative. */
	FAILS(syscall(SYS_truncate, "f", 0x80000000UL), EINVAL);
	FAILS(syscall(SYS_ftruncate, fd, 0x80000000UL), EINVAL);
	WORKS(syscall(SYS_ftruncate, fd, 0x7fffffffUL));
	EQ(st_of("f").st_size, 0x7fffffff);
	WORKS(ftruncate(fd, 0));
#endif
	close(fd);
}

static void test_access(void)
{
	WORKS(access("f", F_OK));
	WORKS(access("f", R_OK | W_OK));
	WORKS(chmod("f", 0444));
	WORKS(access("f", W_OK));			/* root writes anyway */
	FAILS(access("f", X_OK), EACCES);		/* but executes only with an x bit */
	WORKS(chmod("f", 0010));
	WORKS(access("f", X_OK | R_OK));
	WORKS(access("d", X_OK));
	FAILS(access("nope", F_OK), ENOENT);
	FAILS(access("f/", F_OK), ENOTDIR);
	FAILS(access("f", 8), EINVAL);
	FAILS(faccessat(AT_FDCWD, "f", R_OK, 0x1), EINVAL);
	FAILS(syscall(SYS_faccessat, AT_FDCWD, "f", 8), EINVAL);
	WORKS(syscall(SYS_faccessat2, AT_FDCWD, "f", R_OK, AT_EACCESS));
	WORKS(syscall(SYS_faccessat2, AT_FDCWD, "s", F_OK, AT_SYMLINK_NOFOLLOW));
	FAILS(syscall(SYS_faccessat2, AT_FDCWD, "dang", F_OK, 0), ENOENT);
	FAILS(syscall(SYS_faccessat2, AT_FDCWD, "f", R_OK, 0x1), EINVAL);
	WORKS(chmod("f", 0644));
}

static void test_statfs_sync(void)
{
	struct statfs sf;
	int fd;

	WORKS(symlink("nowhere", "dang"));
	FAILS(statfs("nope", &sf), ENOENT);
	FAILS(syscall(SYS_statfs, "f", (struct statfs *)8), EFAULT);
	FAILS(fstatfs(4000, &sf), EBADF);
	fd = open("f", O_RDWR);
	WORKS(fsync(fd));
	WORKS(fdatasync(fd));
	WORKS(syncfs(fd));
	sync();
	FAILS(fsync(4000), EBADF);
	FAILS(syncfs(4000), EBADF);
	close(fd);
	if (mkdir("m", 0755) || mount("none", "m", "tmpfs", 0, "size=1m")) {
		skip("statfs of a tmpfs", "cannot mount a tmpfs");
		return;
	}
	/* tmpfs's uid=, gid= and mode= are 32-bit numbers, and (uid_t)-1 names no one. */
	FAILS(mount("none", "m", "tmpfs", 0, "uid=4294967296"), EINVAL);
	FAILS(mount("none", "m", "tmpfs", 0, "gid=4294967295"), EINVAL);
	FAILS(mount("none", "m", "tmpfs", 0, "mode=77777777777"), EINVAL);
	memset(&sf, 0, sizeof(sf));
	WORKS(statfs("m", &sf));
	EQ(sf.f_type, TMPFS_MAGIC);
	EQ(sf.f_bsize, 4096);
	EQ(sf.f_blocks, 256);
	EQ(sf.f_bfree, 256);
	EQ(sf.f_namelen, 255);
	put_file("m/x", "some data", 0644);
	fd = open("m/x", O_RDONLY);
	memset(&sf, 0, sizeof(sf));
	WORKS(fstatfs(fd, &sf));
	EQ(sf.f_type, TMPFS_MAGIC);
	EQ(sf.f_bfree, 255);
	EQ(sf.f_frsize, 4096);
	close(fd);
	WORKS(umount2("m", 0));
	WORKS(rmdir("m"));
}

int main(void)
{
	enter_tmp("attr");
	test_chmod();
	test_chown();
	test_utimens();
	test_truncate();
	test_access();
	test_statfs_sync();
	return finish("files_attr");
}
