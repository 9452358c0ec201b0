/*
 * Pipes as files of the VFS (issue 12): a pipe end is a FIFO (fstat), cannot seek
 * (ESPIPE), answers FIONREAD, F_GETPIPE_SZ and F_SETPIPE_SZ (its rounding, EBUSY, EPERM,
 * EINVAL), and /proc/self/fd names it pipe:[ino]; named FIFOs made with mknodat open as
 * Linux opens them: O_NONBLOCK readers at once, O_NONBLOCK writers with no reader ENXIO,
 * O_RDWR never waits, and a blocking writer waits for a reader from another process.
 * Every ABI; also under qemu-user. It makes its FIFO in /tmp and removes it.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define SIGCHLD		17
#define ESPIPE		29
#define ENXIO		6
#define EBUSY		16
#define EPERM		1
#define EINVAL		22
#define EBADF		9
#define O_RDONLY	0
#define O_WRONLY	1
#define O_RDWR		2
#define O_NONBLOCK	04000
#define AT_FDCWD	-100
#define S_IFIFO		0010000
#define S_IFMT		0170000
#define FIONREAD	0x541B
#define F_SETPIPE_SZ	1031
#define F_GETPIPE_SZ	1032

static char buf[70000];

static long do_fork(void)
{
	return sys(clone, SIGCHLD, 0, 0, 0, 0);
}

static int wait_status(long pid)
{
	int st = -1;

	sys(wait4, pid, &st, 0, 0);
	return st;
}

static void _exit_now(int code)
{
	sys(exit_group, code);
	for (;;)
		;
}

static long seek_cur(long fd)
{
#if defined(__i386__) || defined(__arm__)
	long long res;

	return sys(_llseek, fd, 0, 0, &res, 1);
#else
	return sys(lseek, fd, 0, 1);
#endif
}

/* fstat's st_mode, at the offset each ABI's struct stat (stat64 on i386 and arm) has it. */
static int mode_of(long fd)
{
	unsigned char st[256];

#if defined(__i386__) || defined(__arm__)
	if (sys(fstat64, fd, st) < 0)
		return -1;
	return *(unsigned int *)(st + 16);
#elif defined(__x86_64__)
	if (sys(fstat, fd, st) < 0)
		return -1;
	return *(unsigned int *)(st + 24);
#else
	if (sys(fstat, fd, st) < 0)
		return -1;
	return *(unsigned int *)(st + 16);
#endif
}

static void check_pipe_files(void)
{
	int p[2], n = -1;
	long r;

	sys(pipe2, p, 0);
	int m0 = mode_of(p[0]), m1 = mode_of(p[1]);

	ktap_result((m0 & S_IFMT) == S_IFIFO && (m1 & S_IFMT) == S_IFIFO && (m0 & 0777) == 0600,
		    "fstat: both ends are FIFOs, mode 0600 (%#x, %#x)", m0, m1);
	r = seek_cur(p[0]);
	ktap_result(r == -ESPIPE, "lseek on a pipe: -ESPIPE (%ld)", r);
	sys(write, p[1], buf, 5000);
	r = sys(ioctl, p[0], FIONREAD, &n);
	ktap_result(r == 0 && n == 5000, "FIONREAD: 5000 bytes waiting (%ld, %d)", r, n);

	r = sys(fcntl, p[0], F_GETPIPE_SZ);
	ktap_result(r == 65536, "F_GETPIPE_SZ: 65536 (%ld)", r);
	r = sys(fcntl, p[1], F_SETPIPE_SZ, 5000);
	long g = sys(fcntl, p[0], F_GETPIPE_SZ);
	ktap_result(r == 8192 && g == 8192, "F_SETPIPE_SZ 5000 rounds up to 8192 pages' worth (%ld, %ld)",
		    r, g);
	r = sys(fcntl, p[1], F_SETPIPE_SZ, 0);
	ktap_result(r == -EBUSY, "F_SETPIPE_SZ below the 5000 bytes held (two pages): -EBUSY (%ld)", r);
	sys(read, p[0], buf, sizeof(buf));
	r = sys(fcntl, p[1], F_SETPIPE_SZ, 0);
	ktap_result(r == 4096, "F_SETPIPE_SZ 0 once empty: one page, 4096 (%ld)", r);
	r = sys(fcntl, p[1], F_SETPIPE_SZ, 0x80000000UL + 1);
	ktap_result(r == -EINVAL, "F_SETPIPE_SZ above 2 GiB: -EINVAL (%ld)", r);
	long dir = sys(openat, AT_FDCWD, "/", O_RDONLY, 0);

	r = sys(fcntl, dir, F_GETPIPE_SZ);
	sys(close, dir);
	ktap_result(r == -EBADF, "F_GETPIPE_SZ on a file that is not a pipe: -EBADF (%ld)", r);
	/* A one-page pipe is full after one page. */
	sys(fcntl, p[1], 4, O_NONBLOCK);	/* F_SETFL */
	r = sys(write, p[1], buf, 10000);
	ktap_result(r == 4096, "a one-page pipe takes 4096 bytes of a 10000-byte write (%ld)", r);

	char path[64], link[64];

	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
	memset(link, 0, sizeof(link));
	r = sys(readlinkat, AT_FDCWD, path, link, sizeof(link) - 1);
	ktap_result(r > 7 && !memcmp(link, "pipe:[", 6) && link[r - 1] == ']',
		    "/proc/self/fd of a pipe end reads \"%s\"", r > 0 ? link : "?");
	sys(close, p[0]);
	sys(close, p[1]);
}

static void check_fifo(void)
{
	char path[64];
	long r, rd, wr, pid;
	int st;

	sys(mkdirat, AT_FDCWD, "/tmp", 01777);
	snprintf(path, sizeof(path), "/tmp/ferry_fifo.%ld", sys(getpid));
	r = sys(mknodat, AT_FDCWD, path, S_IFIFO | 0600, 0);
	ktap_result(r == 0, "mknodat a FIFO: 0 (%ld)", r);

	wr = sys(openat, AT_FDCWD, path, O_WRONLY | O_NONBLOCK, 0);
	ktap_result(wr == -ENXIO, "O_WRONLY|O_NONBLOCK with no reader: -ENXIO (%ld)", wr);
	rd = sys(openat, AT_FDCWD, path, O_RDONLY | O_NONBLOCK, 0);
	ktap_result(rd >= 0, "O_RDONLY|O_NONBLOCK with no writer: opens at once (%ld)", rd);
	r = sys(read, rd, buf, 10);
	ktap_result(r == 0, "...and reads 0: no writer (%ld)", r);
	wr = sys(openat, AT_FDCWD, path, O_WRONLY | O_NONBLOCK, 0);
	long w = sys(write, wr, "fifo", 4);
	r = sys(read, rd, buf, 10);
	ktap_result(wr >= 0 && w == 4 && r == 4 && !memcmp(buf, "fifo", 4),
		    "with a reader, a writer opens; 4 bytes go through (%ld %ld %ld)", wr, w, r);
	sys(close, wr);
	sys(close, rd);

	long rw = sys(openat, AT_FDCWD, path, O_RDWR, 0);
	ktap_result(rw >= 0, "O_RDWR opens without waiting (%ld)", rw);
	sys(close, rw);

	/* A blocking writer waits for a reader, who comes 80 ms later from another process. */
	pid = do_fork();
	if (pid == 0) {
		long fd = sys(openat, AT_FDCWD, path, O_WRONLY, 0);

		if (fd < 0)
			_exit_now(1);
		_exit_now(sys(write, fd, "hi", 2) == 2 ? 0 : 2);
	}
	sleep_ms(80);
	long early = sys(wait4, pid, &st, 1 /* WNOHANG */, 0);	/* 0: still in its open */
	rd = sys(openat, AT_FDCWD, path, O_RDONLY, 0);
	r = sys(read, rd, buf, 10);
	long eof = sys(read, rd, buf + 10, 10);
	st = wait_status(pid);
	ktap_result(early == 0 && rd >= 0 && r == 2 && eof == 0 && st == 0,
		    "a blocking writer's open waits for a reader (%ld after 80 ms): \"hi\", then EOF (%ld %ld %ld, status %#x)",
		    early, rd, r, eof, st);
	sys(close, rd);
	r = sys(unlinkat, AT_FDCWD, path, 0);
	ktap_result(r == 0, "unlink the FIFO (%ld)", r);
}

int main(void)
{
	/* Booted as init: /proc as Linux's inits mount it (for /proc/self/fd). */
	if (sys(getpid) == 1) {
		sys(mkdirat, AT_FDCWD, "/proc", 0555);
		if (sys(mount, "proc", "/proc", "proc", 0, 0))
			printf("pipes_vfs: mount proc on /proc failed\n");
	}
	ktap_plan(19);
	check_pipe_files();
	check_fifo();
	return ktap_finish();
}
