/*
 * libc_files_io: what the reading calls promise (issue 12, area ioperf), on every ABI, booted
 * and under qemu-user (Linux's answers; the x86_64 binary also natively on the host):
 *  - getdents64 and the old getdents: a buffer too small for one record is EINVAL; a buffer
 *    ending inside a record returns the whole records before it and the next call starts
 *    at that record; a buffer whose second page is unmapped returns the records that fit
 *    before the hole (EFAULT when not even the first does);
 *  - d_off/telldir positions stay valid while other names are created and removed, and a
 *    name renamed within the directory during a listing is not listed twice;
 *  - readv/writev take the vector as it was when the call began (a vector whose entries
 *    fault is EFAULT before any byte moves) and accept UIO_MAXIOV entries, not one more;
 *  - sendfile from a file into a pipe and into /dev/null moves the bytes (cat does it first);
 *  - RLIMIT_FSIZE is checked once per call: a writev that reaches the limit
 *    stops there without SIGXFSZ; the next write, starting at the limit, gets the signal;
 *  - atime: relatime (atime moves when not after mtime or ctime, or a day old, for files
 *    read and directories listed), O_NOATIME (only the owner: EPERM at open and F_SETFL
 *    for others), and, booted as init only (qemu-user would mount on the host), the
 *    noatime, strictatime, nodiratime mount flags and a remount that keeps them.
 */
#include "files_check.h"
#include <sys/mman.h>
/* sys/mount.h would pull in linux/mount.h, whose asm/ headers the host lacks for i386. */
int mount(const char *src, const char *dst, const char *type, unsigned long flags,
	  const void *data);
int umount(const char *target);
#define MS_REMOUNT	32
#define MS_NOATIME	1024
#define MS_NODIRATIME	2048
#define MS_RELATIME	(1 << 21)
#define MS_STRICTATIME	(1 << 24)
#include <sys/uio.h>
#include <sys/wait.h>
#include <sys/resource.h>
#include <signal.h>
#include <sys/sendfile.h>
#include <sys/sysmacros.h>
#include <limits.h>
#include <time.h>

#ifdef I386_NO_ASM_UNISTD
#define SYS_getdents	141
#define SYS_getdents64	220
#define SYS_readv	145
#define SYS_writev	146
#endif

#define NFILES 24

static int qemu_user;	/* not init: Linux's answers come from qemu-user or the host */
static int booted;	/* init on Ferry: its own promises beyond Linux's are checked too */

struct rec {
	char name[64];
	long long off;		/* d_off */
	int reclen;
};

/* Every record of one getdents64 call into buf: the count, or -errno. */
static int parse64(const char *buf, long n, struct rec *r, int max)
{
	int k = 0;

	for (long at = 0; at < n && k < max; k++) {
		unsigned short reclen;
		long long off;

		memcpy(&reclen, buf + at + 16, 2);
		memcpy(&off, buf + at + 8, 8);
		snprintf(r[k].name, sizeof(r[k].name), "%s", buf + at + 19);
		r[k].off = off;
		r[k].reclen = reclen;
		at += reclen;
	}
	return k;
}

static long gd64(int fd, void *buf, unsigned long n)
{
	return syscall(SYS_getdents64, fd, buf, n);
}

/* The whole directory at fd from its start, in getdents64's order. */
static int list_all(int fd, struct rec *r, int max)
{
	static char buf[16384];
	int k = 0;
	long n;

	lseek(fd, 0, SEEK_SET);
	while (k < max && (n = gd64(fd, buf, sizeof(buf))) > 0)
		k += parse64(buf, n, r + k, max - k);
	return k;
}

static int find(const struct rec *r, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(r[i].name, name))
			return i;
	return -1;
}

static void make_dir(const char *d, int n)
{
	char p[128];

	mkdir(d, 0755);
	for (int i = 0; i < n; i++) {
		snprintf(p, sizeof(p), "%s/file-%02d", d, i);
		put_file(p, "", 0644);
	}
}

static void getdents_buffers(void)
{
	struct rec all[NFILES + 2], r[4];
	char buf[512];
	long n;
	int fd, k;

	make_dir("d", NFILES);
	fd = open("d", O_RDONLY | O_DIRECTORY);
	k = list_all(fd, all, NFILES + 2);
	EQ(k, NFILES + 2);
	/* Too small for the first record: EINVAL, and the position stays. */
	lseek(fd, 0, SEEK_SET);
	FAILS(gd64(fd, buf, all[0].reclen - 1), EINVAL);
	/* The fd is looked at before the buffer (EBADF, ENOTDIR, not EFAULT), and a count of
	 * 2 GiB or more fits no record (Linux keeps it in an int). */
	FAILS(gd64(-1, (void *)16, sizeof(buf)), EBADF);
	{
		int f = open("d/file-00", O_RDONLY);

		FAILS(gd64(f, (void *)16, sizeof(buf)), ENOTDIR);
		close(f);
	}
	if (qemu_user && sizeof(long) == 4)	/* qemu-user allocates the count: ENOMEM */
		skip("a 2 GiB count fails EINVAL", "qemu-user's 32-bit getdents buffer");
	else
		FAILS(gd64(fd, buf, 0x80000000u), EINVAL);
	/* Ending one byte before the second record's end: the first record alone... */
	lseek(fd, 0, SEEK_SET);
	n = gd64(fd, buf, all[0].reclen + all[1].reclen - 1);
	EQ(n, all[0].reclen);
	parse64(buf, n, r, 1);
	check(!strcmp(r[0].name, all[0].name), "mid-record buffer: the first record", 0, 0);
	/* ... and the next call starts at the second. */
	n = gd64(fd, buf, sizeof(buf));
	parse64(buf, n, r, 1);
	check(n > 0 && !strcmp(r[0].name, all[1].name),
	      "the next call starts at the record cut off", n, 0);
	if (qemu_user && sizeof(long) == 4)	/* qemu-user cuts ext4's 64-bit hashes */
		skip("the same d_off as before", "qemu-user's 32-bit d_off");
	else
		EQ(r[0].off, all[1].off);
	/* A whole second read in small buffers meets every name once. */
	{
		int seen = 0, dup = 0, hits[NFILES + 2] = { 0 };

		lseek(fd, 0, SEEK_SET);
		while ((n = gd64(fd, buf, 100)) > 0) {
			int m = parse64(buf, n, r, 4);

			for (int i = 0; i < m; i++) {
				int at = find(all, k, r[i].name);

				if (at >= 0 && hits[at]++)
					dup++;
				seen++;
			}
		}
		EQ(seen, NFILES + 2);
		EQ(dup, 0);
	}
	/* A buffer whose second page is missing. */
	{
		long pg = sysconf(_SC_PAGESIZE);
		char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			       -1, 0);
		int fits = all[0].reclen + all[1].reclen / 2;	/* the first whole, half the next */
		int whole;

		munmap(m + pg, pg);
		lseek(fd, 0, SEEK_SET);
		errno = 0;
		n = gd64(fd, m + pg - fits, 4096);
		whole = qemu_user && n == -1 && errno == EFAULT;
		if (whole)	/* qemu-user checks the whole buffer before it calls the host */
			skip("a hole after one record: that record", "qemu-user refuses it whole");
		else
			EQ(n, all[0].reclen);
		n = gd64(fd, buf, sizeof(buf));
		parse64(buf, n, r, 1);
		if (whole)	/* and it has read the host's directory meanwhile */
			skip("the record that faulted comes next", "qemu-user refused the call");
		else
			check(n > 0 && !strcmp(r[0].name, all[1].name),
			      "the record that faulted comes next", n, 0);
		lseek(fd, 0, SEEK_SET);
		FAILS(gd64(fd, m + pg - 8, 4096), EFAULT);
		munmap(m, pg);
	}
	close(fd);
}

/* The old getdents (x86_64, i386, arm): the same rules for its own record size. */
static void old_getdents(void)
{
#ifdef SYS_getdents
	struct rec all[NFILES + 2];
	char buf[512];
	int fd = open("d", O_RDONLY | O_DIRECTORY), k = list_all(fd, all, NFILES + 2);
	int ls = sizeof(long);
	int r0 = (2 * ls + 2 + (int)strlen(all[0].name) + 2 + ls - 1) & ~(ls - 1);
	int r1 = (2 * ls + 2 + (int)strlen(all[1].name) + 2 + ls - 1) & ~(ls - 1);

	EQ(k, NFILES + 2);
	lseek(fd, 0, SEEK_SET);
	FAILS(syscall(SYS_getdents, fd, buf, r0 - 1), EINVAL);
	lseek(fd, 0, SEEK_SET);
	EQ(syscall(SYS_getdents, fd, buf, r0 + r1 - 1), r0);
	EQ(buf[r0 - 1], all[0].name[0] == '.' ? DT_DIR : DT_REG);	/* d_type: the last byte */
	close(fd);
#endif
}

/* Positions stay valid while other names come and go; a rename is not listed twice. */
static void positions(void)
{
	struct rec all[NFILES + 2], rest[NFILES * 2];
	char buf[16384], p[128];
	int fd, k, mid, before_seen = 0, after_missing = 0, n;

	make_dir("p", NFILES);
	fd = open("p", O_RDONLY | O_DIRECTORY);
	k = list_all(fd, all, NFILES + 2);
	mid = k / 2;
	/* Remove two names before the cut and two well after it, add three. */
	for (int i = 0; i < k; i++) {
		if (all[i].name[0] == '.')
			continue;
		if (i == mid - 2 || i == mid - 3 || i == mid + 3 || i == mid + 4) {
			snprintf(p, sizeof(p), "p/%.60s", all[i].name);
			unlink(p);
		}
	}
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "p/new-%d", i);
		put_file(p, "", 0644);
	}
	EQ(lseek(fd, all[mid].off, SEEK_SET), all[mid].off);
	n = 0;
	for (long r; (r = gd64(fd, buf, sizeof(buf))) > 0; )
		n += parse64(buf, r, rest + n, NFILES * 2 - n);
	for (int i = 0; i < n; i++) {
		int at = find(all, k, rest[i].name);

		if (at >= 0 && at <= mid)
			before_seen++;
	}
	for (int i = mid + 1; i < k; i++)
		if (i != mid + 3 && i != mid + 4 && find(rest, n, all[i].name) < 0)
			after_missing++;
	check(before_seen == 0, "after lseek(d_off): no name from before the cut", before_seen,
	      0);
	check(after_missing == 0, "after lseek(d_off): every name still there after the cut",
	      after_missing, 0);
	close(fd);

	/* A name renamed within the directory after it was listed. */
	fd = open("p", O_RDONLY | O_DIRECTORY);
	n = parse64(buf, gd64(fd, buf, 3 * 40), rest, 3);
	if (!booted) {
		skip("a name renamed during a listing is listed once",
		     "Linux leaves it unspecified (ext4's hash order may list it again)");
	} else {
		int twice = 0;
		char from[80], to[80];

		snprintf(from, sizeof(from), "p/%s", rest[n - 1].name);
		snprintf(to, sizeof(to), "p/zz-renamed");
		WORKS(rename(from, to));
		for (long r; (r = gd64(fd, buf, sizeof(buf))) > 0; ) {
			struct rec more[NFILES * 2];
			int m = parse64(buf, r, more, NFILES * 2);

			twice += find(more, m, "zz-renamed") >= 0;
		}
		EQ(twice, 0);
	}
	close(fd);
}

/* readv/writev: the vector read once, checked whole; UIO_MAXIOV entries and no more. */
static void vectors(void)
{
	static struct iovec v[1025];
	char a[4] = "abc", b[8];
	int fd = open("v", O_RDWR | O_CREAT | O_TRUNC, 0644);
	struct iovec bad[2] = { { a, 3 }, { (void *)8, 3 } };	/* user range, unmapped */
	struct iovec *volatile badvec = (struct iovec *)8;

	for (int i = 0; i < 1025; i++)
		v[i] = (struct iovec){ a, 1 };
	EQ(writev(fd, v, 1024), 1024);
	FAILS(writev(fd, v, 1025), EINVAL);
	FAILS(writev(fd, badvec, 2), EFAULT);	/* the vector itself unreadable */
	EQ(lseek(fd, 0, SEEK_END), 1024);			/* and nothing written */
	EQ(writev(fd, bad, 2), 3);	/* a buffer that faults ends the call: the bytes before */
	lseek(fd, 0, SEEK_SET);
	{
		struct iovec r[2] = { { b, 2 }, { b + 2, 3 } };

		EQ(readv(fd, r, 2), 5);
		check(!memcmp(b, "aaaaa", 5), "readv filled both buffers", 0, 0);
	}
	close(fd);
}

static struct timespec atime_of(const char *p)
{
	struct stat st;

	stat(p, &st);
	return st.st_atim;
}

static int same(struct timespec a, struct timespec b)
{
	return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

static void read_file(const char *p, int flags)
{
	char c[8];
	int fd = open(p, O_RDONLY | flags);

	if (read(fd, c, sizeof(c)) < 0)
		printf("# read %s: %s\n", p, strerror(errno));
	close(fd);
}

static void set_times(const char *p, time_t atime, time_t mtime)
{
	struct timespec t[2] = { { atime, 0 }, { mtime, 0 } };

	utimensat(AT_FDCWD, p, t, 0);
}

static void atime_rules(void)
{
	struct timespec now, before;
	struct stat st;
	int fd;

	clock_gettime(CLOCK_REALTIME, &now);
	put_file("a", "data", 0644);
	/* atime not after mtime: a read moves it. */
	set_times("a", now.tv_sec - 100, now.tv_sec - 50);
	read_file("a", 0);
	check(atime_of("a").tv_sec > now.tv_sec - 50, "relatime: atime <= mtime moves", 0, 0);
	/* atime after mtime and ctime (set in the future), not a day old: it stays. */
	set_times("a", now.tv_sec + 1000, now.tv_sec - 50);
	read_file("a", 0);
	EQ(atime_of("a").tv_sec, now.tv_sec + 1000);
	/* atime after mtime but not after ctime (utimensat made ctime now): it moves. (The
	 * day rule alone cannot be reached from user space: ctime is always "now" after
	 * utimensat, so a day-old atime is before it.) */
	set_times("a", now.tv_sec - 2 * 86400, now.tv_sec - 3 * 86400);
	read_file("a", 0);
	check(atime_of("a").tv_sec >= now.tv_sec - 10, "relatime: atime <= ctime moves", 0, 0);
	/* O_NOATIME by the owner: allowed, and the read leaves atime alone. */
	set_times("a", now.tv_sec - 100, now.tv_sec - 50);
	before = atime_of("a");
	read_file("a", O_NOATIME);
	check(same(atime_of("a"), before), "O_NOATIME read leaves atime", 0, 0);
	/* A directory listed: its atime moves by the same rules. */
	mkdir("dl", 0755);
	set_times("dl", now.tv_sec - 100, now.tv_sec - 50);
	fd = open("dl", O_RDONLY | O_DIRECTORY);
	{
		char buf[256];

		gd64(fd, buf, sizeof(buf));
	}
	close(fd);
	check(atime_of("dl").tv_sec > now.tv_sec - 50, "getdents moves a directory's atime", 0,
	      0);
	/* O_NOATIME from someone who does not own the file: EPERM at open and F_SETFL. */
	chmod("a", 0644);
	stat(".", &st);
	chmod(".", 0755);
	if (fork() == 0) {
		int e1, e2, fd2;

		if (setresgid(1000, 1000, 1000) || setresuid(1000, 1000, 1000))
			_exit(99);
		errno = 0;
		e1 = open("a", O_RDONLY | O_NOATIME) < 0 ? errno : 0;
		fd2 = open("a", O_RDONLY);
		errno = 0;
		e2 = fcntl(fd2, F_SETFL, O_NOATIME) < 0 ? errno : 0;
		_exit((e1 == EPERM) | (e2 == EPERM) << 1 | (fd2 >= 0) << 2);
	} else {
		int status = 0;

		wait(&status);
		EQ(WEXITSTATUS(status), 7);
	}
	chmod(".", st.st_mode & 07777);
}

/* The mount flags: only as init (under qemu-user the mount would be the host's). */
static void mount_flags(void)
{
	struct timespec now, before;

	if (qemu_user) {
		skip("noatime, strictatime, nodiratime, remount", "not init: would mount on the host");
		return;
	}
	clock_gettime(CLOCK_REALTIME, &now);
	mkdir("m", 0755);
	/* noatime: nothing moves. */
	WORKS(mount("none", "m", "tmpfs", MS_NOATIME, NULL));
	put_file("m/f", "x", 0644);
	mkdir("m/d", 0755);
	set_times("m/f", now.tv_sec - 100, now.tv_sec - 50);
	before = atime_of("m/f");
	read_file("m/f", 0);
	check(same(atime_of("m/f"), before), "noatime: a read leaves atime", 0, 0);
	/* A remount naming no atime flag keeps noatime (Linux's path_mount). */
	WORKS(mount("none", "m", NULL, MS_REMOUNT, NULL));
	read_file("m/f", 0);
	check(same(atime_of("m/f"), before), "remount keeps noatime", 0, 0);
	/* strictatime: every read moves it, even with atime after mtime and ctime. */
	WORKS(mount("none", "m", NULL, MS_REMOUNT | MS_STRICTATIME, NULL));
	set_times("m/f", now.tv_sec + 1000, now.tv_sec - 50);
	read_file("m/f", 0);
	check(atime_of("m/f").tv_sec < now.tv_sec + 1000, "strictatime: a read moves atime", 0, 0);
	/* nodiratime: a listing leaves a directory's atime, a read still moves a file's. */
	WORKS(mount("none", "m", NULL, MS_REMOUNT | MS_NODIRATIME, NULL));
	set_times("m/d", now.tv_sec - 100, now.tv_sec - 50);
	before = atime_of("m/d");
	{
		char buf[256];
		int fd = open("m/d", O_RDONLY | O_DIRECTORY);

		gd64(fd, buf, sizeof(buf));
		close(fd);
	}
	check(same(atime_of("m/d"), before), "nodiratime: getdents leaves atime", 0, 0);
	set_times("m/f", now.tv_sec - 100, now.tv_sec - 50);
	read_file("m/f", 0);
	check(atime_of("m/f").tv_sec > now.tv_sec - 50, "nodiratime: a file read moves atime",
	      0, 0);
	/* relatime's day rule with atime after mtime and ctime: made by reading (atime = now,
	 * after both) and then asking nothing more of the clock than a second read. */
	WORKS(mount("none", "m", NULL, MS_REMOUNT | MS_RELATIME, NULL));
	set_times("m/f", now.tv_sec - 100, now.tv_sec - 50);
	usleep(20000);		/* past ctime's clock tick (Linux's file times are coarse) */
	read_file("m/f", 0);
	before = atime_of("m/f");
	read_file("m/f", 0);
	check(same(atime_of("m/f"), before), "relatime: a second read leaves atime", 0, 0);
	WORKS(umount("m"));
}

/*
 * A child under RLIMIT_FSIZE 512 with a SIGXFSZ handler noting the step it came in:
 * writev({512}, {10}) writes 512 with no signal (Linux checks the limit once per call, not
 * per segment); sendfile of 1000 bytes writes 512 and raises SIGXFSZ (Linux's splice writes
 * the rest of its chunk again and meets the limit); a write at the limit fails EFBIG with it.
 * Its exit status names the first step that went wrong (0: none).
 */
static volatile sig_atomic_t xfsz_step;
static int fsz_step;

static void on_xfsz(int sig)
{
	(void)sig;
	xfsz_step = fsz_step;
}

static void fsize_limit(void)
{
	static char big[1000];
	int status;
	pid_t pid;

	memset(big, 'f', sizeof(big));
	pid = fork();
	if (pid == 0) {
		struct rlimit r = { 512, 512 };
		struct iovec v[2] = { { big, 512 }, { big, 10 } };
		int fd = open("fsz", O_RDWR | O_CREAT | O_TRUNC, 0644);
		int in = open("fsz-in", O_RDWR | O_CREAT | O_TRUNC, 0644);
		int out = open("fsz-out", O_RDWR | O_CREAT | O_TRUNC, 0644);

		if (write(in, big, sizeof(big)) != sizeof(big) || lseek(in, 0, SEEK_SET))
			_exit(9);
		signal(SIGXFSZ, on_xfsz);
		setrlimit(RLIMIT_FSIZE, &r);
		fsz_step = 1;
		if (writev(fd, v, 2) != 512 || xfsz_step)
			_exit(1);
		fsz_step = 2;	/* sendfile across the limit: the part below it, and the signal */
		if (sendfile(out, in, NULL, sizeof(big)) != 512 || xfsz_step != 2)
			_exit(2);
		xfsz_step = 0;
		fsz_step = 3;
		if (write(fd, big, 1) != -1 || errno != EFBIG || xfsz_step != 3)
			_exit(3);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "RLIMIT_FSIZE: writev stops at the limit unsignalled, sendfile signals, a write "
	      "gets SIGXFSZ and EFBIG (status: first failed step)", status, 0);
	unlink("fsz");
	unlink("fsz-in");
	unlink("fsz-out");
}

/* sendfile into a pipe and into /dev/null: the bytes go (Linux splices), the offset moves. */
static void sendfile_targets(void)
{
	int in = open("sf", O_RDWR | O_CREAT | O_TRUNC, 0644), p[2], null;
	char buf[16] = "";
	off_t off = 2;

	EQ(write(in, "sendfile!", 9), 9);
	lseek(in, 0, SEEK_SET);
	if (pipe2(p, O_NONBLOCK)) {	/* a failed sendfile must not leave the read waiting */
		check(0, "pipe for sendfile", errno, 0);
		return;
	}
	EQ(sendfile(p[1], in, NULL, 1 << 24), 9);
	EQ(read(p[0], buf, sizeof(buf)), 9);
	check(!memcmp(buf, "sendfile!", 9), "sendfile into a pipe carries the file's bytes", 0, 0);
	EQ(sendfile(p[1], in, NULL, 1 << 24), 0);		/* at the end: nothing more */
	/* A null device node of our own: booted as init from a bare initramfs, /dev has only
	 * the console (nothing mounted devtmpfs); elsewhere the system's /dev/null. */
	null = -1;
	if (mknod("null", S_IFCHR | 0666, makedev(1, 3)) == 0)
		null = open("null", O_WRONLY);		/* fails on a nodev mount */
	if (null < 0)
		null = open("/dev/null", O_WRONLY);
	EQ(sendfile(null, in, &off, 100), 7);
	EQ(off, 9);
	close(null);
	unlink("null");
	close(p[0]);
	close(p[1]);
	close(in);
	unlink("sf");
}

int main(int argc, char **argv)
{
	booted = getpid() == 1;
	qemu_user = !booted && !(argc > 1 && !strcmp(argv[1], "mounts"));
	if (getpid() == 1) {
		mkdir("/proc", 0555);
		mount("proc", "/proc", "proc", 0, NULL);
	}
	enter_tmp("files-io");
	getdents_buffers();
	old_getdents();
	positions();
	vectors();
	fsize_limit();
	sendfile_targets();
	atime_rules();
	mount_flags();
	return finish("libc_files_io");
}
