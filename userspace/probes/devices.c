/*
 * The memory devices (issue 12): /dev/null (reads end of file, takes any write),
 * /dev/zero (reads zeroes, takes writes), /dev/full (reads zeroes, writes ENOSPC),
 * /dev/random and /dev/urandom (fresh bytes each read, writes accepted); lseek on them
 * succeeds; a read into an unmapped buffer is EFAULT; poll says they are always ready.
 * Every ABI; also under qemu-user (the host's devices are Linux's). Booted, it mounts
 * devtmpfs on /dev first.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define O_RDONLY	0
#define O_WRONLY	1
#define O_RDWR		2
#define EFAULT		14
#define ENOSPC		28
#define POLLIN		0x001
#define POLLOUT		0x004

struct pollfd {
	int fd;
	short events, revents;
};

static unsigned char buf[8192];

static long open_dev(const char *path, int flags)
{
	return sys(openat, -100, path, flags, 0);
}

static long seek_start(long fd, long off)
{
#if defined(__i386__) || defined(__arm__)
	long long res = -1;
	long r = sys(_llseek, fd, 0, off, &res, 0);

	return r < 0 ? r : (long)res;
#else
	return sys(lseek, fd, off, 0);
#endif
}

static int all_zero(const unsigned char *p, long n)
{
	for (long i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

int main(void)
{
	long fd, r, w, s;
	unsigned char a[64], b[64];

	ktap_plan(10);
	/* Booted as /init, /dev is ours to mount (Linux leaves it to init too); under qemu-user
	 * the host's /dev has the same devices. */
	if (sys(getpid) == 1) {
		sys(mkdirat, -100, "/dev", 0755);
		sys(mount, "devtmpfs", "/dev", "devtmpfs", 0, 0);
	}
	fd = open_dev("/dev/null", O_RDWR);
	r = sys(read, fd, buf, sizeof(buf));
	w = sys(write, fd, buf, 5000);
	s = seek_start(fd, 123);
	ktap_result(fd >= 0 && r == 0 && w == 5000 && s == 0,
		    "/dev/null: read 0, write 5000 takes 5000, lseek to 123 gives 0 (%ld %ld %ld %ld)",
		    fd, r, w, s);
	struct pollfd pfd = { fd, POLLIN | POLLOUT, 0 };
#ifdef __NR_poll
	r = sys(poll, &pfd, 1, 0);
#else
	struct { long s, ns; } zero_ts = { 0, 0 };
	r = sys(ppoll, &pfd, 1, &zero_ts, 0, 8);
#endif
	ktap_result(r == 1 && pfd.revents == (POLLIN | POLLOUT),
		    "/dev/null is always ready: POLLIN|POLLOUT (%ld: %#x)", r, pfd.revents);
	sys(close, fd);

	fd = open_dev("/dev/zero", O_RDWR);
	memset(buf, 0xa5, sizeof(buf));
	r = sys(read, fd, buf, sizeof(buf));
	w = sys(write, fd, buf, 100);
	ktap_result(fd >= 0 && r == sizeof(buf) && all_zero(buf, r) && w == 100,
		    "/dev/zero: a read of 8192 gives 8192 zeroes, a write of 100 takes 100 (%ld %ld)",
		    r, w);
	r = sys(read, fd, (void *)16, 10);
	ktap_result(r == -EFAULT, "/dev/zero into an unmapped address: -EFAULT (%ld)", r);
	sys(close, fd);

	fd = open_dev("/dev/full", O_RDWR);
	memset(buf, 0xa5, sizeof(buf));
	r = sys(read, fd, buf, 300);
	w = sys(write, fd, buf, 1);
	ktap_result(fd >= 0 && r == 300 && all_zero(buf, 300) && w == -ENOSPC,
		    "/dev/full: reads zeroes (%ld), a write is -ENOSPC (%ld)", r, w);
	sys(close, fd);

	fd = open_dev("/dev/urandom", O_RDONLY);
	r = sys(read, fd, a, sizeof(a));
	w = sys(read, fd, b, sizeof(b));
	ktap_result(fd >= 0 && r == 64 && w == 64 && memcmp(a, b, 64) && !all_zero(a, 64),
		    "/dev/urandom: two reads of 64, different (%ld %ld)", r, w);
	sys(close, fd);
	fd = open_dev("/dev/random", O_RDONLY);
	r = sys(read, fd, a, sizeof(a));
	ktap_result(fd >= 0 && r == 64 && memcmp(a, b, 64),
		    "/dev/random: a read of 64 (%ld)", r);
	sys(close, fd);
	fd = open_dev("/dev/urandom", O_WRONLY);
	w = sys(write, fd, "some bytes", 10);
	ktap_result(fd >= 0 && w == 10, "/dev/urandom takes a write of 10 (%ld)", w);
	sys(close, fd);

	fd = open_dev("/dev/urandom", O_RDONLY);
	r = sys(read, fd, buf, sizeof(buf));
	ktap_result(r == sizeof(buf), "/dev/urandom: a read of 8192 gives 8192 (%ld)", r);
	r = sys(read, fd, (void *)16, 10);
	ktap_result(r == -EFAULT, "/dev/urandom into an unmapped address: -EFAULT (%ld)", r);
	sys(close, fd);
	return ktap_finish();
}
