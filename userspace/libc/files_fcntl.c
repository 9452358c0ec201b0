/*
 * files_fcntl: descriptors as Linux hands them out: dup/dup2/dup3 (the lowest free slot,
 * a shared offset, EINVAL for dup3 onto itself, O_CLOEXEC), fcntl (F_DUPFD with its lower
 * bound, F_DUPFD_CLOEXEC, F_GETFD/F_SETFD, F_GETFL/F_SETFL changing only O_APPEND and
 * O_NONBLOCK, EINVAL for an unknown command), fcntl64 on the 32-bit ABIs, close_range
 * (CLOSE_RANGE_CLOEXEC, CLOSE_RANGE_UNSHARE, its EINVALs) and RLIMIT_NOFILE (EMFILE, and
 * EBADF for dup2 past it), and the pipe sizes fcntl passes to the pipe. Needs no writable
 * file system: it opens its own executable.
 * KTAP; exits 1 if any check failed.
 */
#include "files_check.h"
#include <sys/resource.h>

#ifndef CLOSE_RANGE_UNSHARE
#define CLOSE_RANGE_UNSHARE	(1U << 1)
#define CLOSE_RANGE_CLOEXEC	(1U << 2)
#endif

static long close_range_(unsigned int lo, unsigned int hi, unsigned int flags)
{
	return syscall(SYS_close_range, lo, hi, flags);
}

static int self_fd(const char *self)
{
	int fd = open(self, O_RDONLY);

	if (fd < 0)
		printf("# cannot open %s: %s\n", self, strerror(errno));
	return fd;
}

static void test_dup(const char *self)
{
	int fd = self_fd(self), d, d2;

	d = dup(fd);
	EQ(d, fd + 1);
	EQ(lseek(fd, 5, SEEK_SET), 5);
	EQ(lseek(d, 0, SEEK_CUR), 5);			/* one open file, one offset */
	EQ(fcntl(d, F_GETFD), 0);			/* dup never copies FD_CLOEXEC */
	FAILS(dup(-1), EBADF);
	FAILS(dup(4000), EBADF);
	EQ(dup2(fd, fd), fd);
	FAILS(dup2(4000, 4000), EBADF);
	FAILS(dup2(fd, -1), EBADF);
	d2 = dup2(fd, 40);
	EQ(d2, 40);
	EQ(dup2(d, 40), 40);				/* closes what 40 was, silently */
	EQ(lseek(40, 0, SEEK_CUR), 5);
	FAILS(dup3(fd, fd, 0), EINVAL);
	FAILS(dup3(fd, 41, 1), EINVAL);
	FAILS(dup3(4000, 41, 0), EBADF);
	EQ(dup3(fd, 41, O_CLOEXEC), 41);
	EQ(fcntl(41, F_GETFD), FD_CLOEXEC);
	EQ(dup3(fd, 41, 0), 41);
	EQ(fcntl(41, F_GETFD), 0);
	WORKS(close(40));
	WORKS(close(41));
	FAILS(close(41), EBADF);
	WORKS(close(d));
	WORKS(close(fd));
}

static void test_fcntl(const char *self)
{
	int fd = self_fd(self), fl;
	struct rlimit rl;

	EQ(fcntl(fd, F_DUPFD, 20), 20);
	EQ(fcntl(fd, F_DUPFD, 20), 21);
	EQ(fcntl(21, F_GETFD), 0);
	EQ(fcntl(fd, F_DUPFD_CLOEXEC, 20), 22);
	EQ(fcntl(22, F_GETFD), FD_CLOEXEC);
	getrlimit(RLIMIT_NOFILE, &rl);
	FAILS(fcntl(fd, F_DUPFD, (int)rl.rlim_cur), EINVAL);
	FAILS(fcntl(fd, F_DUPFD, -1), EINVAL);
	EQ(fcntl(fd, F_SETFD, FD_CLOEXEC), 0);
	EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	EQ(fcntl(fd, F_SETFD, 0xfe), 0);		/* only bit 0 means anything */
	EQ(fcntl(fd, F_GETFD), 0);
	fl = fcntl(fd, F_GETFL);
	EQ(fl & O_ACCMODE, O_RDONLY);
	EQ(fl & (O_APPEND | O_NONBLOCK), 0);
	EQ(fcntl(fd, F_SETFL, fl | O_APPEND | O_NONBLOCK | O_RDWR), 0);
	fl = fcntl(fd, F_GETFL);
	EQ(fl & O_ACCMODE, O_RDONLY);			/* the access mode never changes */
	EQ(fl & (O_APPEND | O_NONBLOCK), O_APPEND | O_NONBLOCK);
	EQ(fcntl(21, F_GETFL) & (O_APPEND | O_NONBLOCK), O_APPEND | O_NONBLOCK);	/* shared */
	EQ(fcntl(fd, F_SETFL, 0), 0);
	EQ(fcntl(fd, F_GETFL) & (O_APPEND | O_NONBLOCK), 0);
	FAILS(fcntl(fd, 9999), EINVAL);
	FAILS(fcntl(fd, 1031 + 1000), EINVAL);
	FAILS(fcntl(4000, F_GETFD), EBADF);
	FAILS(fcntl(-1, F_GETFL), EBADF);
#ifdef SYS_fcntl64
	EQ(syscall(SYS_fcntl64, fd, F_DUPFD, 30), 30);
	EQ(syscall(SYS_fcntl64, 30, F_GETFD), 0);
	FAILS(syscall(SYS_fcntl64, fd, 9999), EINVAL);
	EQ(syscall(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 30), 31);
	EQ(syscall(SYS_fcntl, 31, F_GETFD), FD_CLOEXEC);
	close(30);
	close(31);
#endif
	close(20);
	close(21);
	close(22);
	close(fd);
}

/* fcntl hands the pipe commands to the pipe; on other files they are EBADF, as Linux. */
static void test_pipe_sizes(const char *self)
{
	int p[2], fd = self_fd(self);

	if (pipe(p)) {
		skip("F_GETPIPE_SZ", "no pipe");
		close(fd);
		return;
	}
	EQ(fcntl(p[0], F_GETPIPE_SZ), 65536);
	EQ(fcntl(p[1], F_SETPIPE_SZ, 8192), 8192);
	EQ(fcntl(p[0], F_GETPIPE_SZ), 8192);
	FAILS(fcntl(fd, F_GETPIPE_SZ), EBADF);
	EQ(fcntl(p[1], F_GETFL) & O_ACCMODE, O_WRONLY);
	close(p[0]);
	close(p[1]);
	close(fd);
}

static void test_close_range(const char *self)
{
	int fd = self_fd(self);

	for (int i = 50; i < 56; i++)
		dup2(fd, i);
	FAILS(close_range_(10, 9, 0), EINVAL);
	FAILS(close_range_(50, 60, 0x1), EINVAL);
	FAILS(close_range_(50, 60, 0x80), EINVAL);
	EQ(close_range_(50, 52, CLOSE_RANGE_CLOEXEC), 0);
	EQ(fcntl(50, F_GETFD), FD_CLOEXEC);
	EQ(fcntl(52, F_GETFD), FD_CLOEXEC);
	EQ(fcntl(53, F_GETFD), 0);
	EQ(close_range_(51, 53, 0), 0);
	EQ(fcntl(50, F_GETFD), FD_CLOEXEC);
	FAILS(fcntl(51, F_GETFD), EBADF);
	FAILS(fcntl(53, F_GETFD), EBADF);
	EQ(fcntl(54, F_GETFD), 0);
	EQ(close_range_(54, ~0U, CLOSE_RANGE_UNSHARE), 0);
	FAILS(fcntl(54, F_GETFD), EBADF);
	FAILS(fcntl(55, F_GETFD), EBADF);
	EQ(fcntl(50, F_GETFD), FD_CLOEXEC);
	EQ(close_range_(1000, 2000, 0), 0);		/* nothing open there: fine */
	EQ(close_range_(50, 50, 0), 0);
	FAILS(fcntl(50, F_GETFD), EBADF);
	close(fd);
}

static void test_nofile(const char *self)
{
	struct rlimit rl, small = { 16, 16 };
	int fd = self_fd(self), last = -1, r;

	getrlimit(RLIMIT_NOFILE, &rl);
	setrlimit(RLIMIT_NOFILE, &small);
	while ((r = dup(fd)) >= 0)
		last = r;
	EQ(last, 15);
	FAILS(dup(fd), EMFILE);
	FAILS(fcntl(fd, F_DUPFD, 0), EMFILE);
	FAILS(dup2(fd, 16), EBADF);
	FAILS(dup3(fd, 16, 0), EBADF);
	FAILS(fcntl(fd, F_DUPFD, 16), EINVAL);
	FAILS(open(self, O_RDONLY), EMFILE);
	EQ(close_range_(fd + 1, ~0U, 0), 0);
	EQ(dup(fd), fd + 1);
	close(fd + 1);
	close(fd);
	setrlimit(RLIMIT_NOFILE, &rl);
}

int main(int argc, char **argv)
{
	(void)argc;
	ktap_start();
	test_dup(argv[0]);
	test_fcntl(argv[0]);
	test_pipe_sizes(argv[0]);
	test_close_range(argv[0]);
	test_nofile(argv[0]);
	return finish("files_fcntl");
}
