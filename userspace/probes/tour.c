/*
 * A syscall tour: the same sequence of requests on every ABI, written the way a libc for
 * that ABI would make them (open on x86, openat on arm64; mmap2 and _llseek on i386 and arm), so a
 * trace comparison shows both what is equal and what only differs in name. Also the error
 * cases: a bad fd, a bad pointer, a missing file, an unknown syscall number.
 * Exits 0; the trace is the point (make compare).
 */
#include <ferry/probe.h>
#include <stdint.h>

struct iov {
	void *base;
	size_t len;
};

struct ts64 {
	long long sec, nsec;
};

#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_PRIVATE 2
#define MAP_ANONYMOUS 0x20
#define AT_FDCWD -100

static long open_ro(const char *path)
{
#if defined(__NR_open)
	return sys(open, path, 0, 0);
#else
	return sys(openat, AT_FDCWD, path, 0, 0);
#endif
}

static long map_anon(size_t len)
{
#if defined(__i386__) || defined(__arm__)
	return sys(mmap2, 0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#else
	return sys(mmap, 0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
#endif
}

static long seek_set(long fd, long off)
{
#if defined(__i386__) || defined(__arm__)
	long long result;

	return sys(_llseek, fd, 0, off, &result, 0) ? -1 : (long)result;
#else
	return sys(lseek, fd, off, 0);
#endif
}

int main(int argc, char **argv)
{
	static char greeting[] = "tour: hello\n";
	char a[] = "tour: ", b[] = "writev\n";
	struct iov iov[2] = { { a, sizeof(a) - 1 }, { b, sizeof(b) - 1 } };
	char name[65 * 6], magic[4];
	struct ts64 ts;
	long fd, brk0, p;

	/* process identity */
	sys(getpid);
	sys(getppid);
	sys(gettid);
#if defined(__i386__) || defined(__arm__)
	sys(getuid32);
#else
	sys(getuid);
#endif
	sys(uname, name);

	/* output */
	sys(write, 1, greeting, sizeof(greeting) - 1);
	sys(writev, 1, iov, 2);

	/* time */
#if defined(__i386__) || defined(__arm__)
	sys(clock_gettime64, 1, &ts);
#else
	sys(clock_gettime, 1, &ts);
#endif

	/* memory */
	brk0 = sys(brk, 0);
	sys(brk, brk0 + 8192);
	p = map_anon(3 * 4096);
	if ((unsigned long)p < -4095UL) {	/* i386 addresses above 2 GiB look negative */
		((char *)p)[0] = 1;
		sys(munmap, p, 3 * 4096);
	}

	/* files */
	fd = open_ro(argv[0]);		/* this program itself: exists on every kernel */
	if (fd >= 0) {
		sys(read, fd, magic, 4);
		seek_set(fd, 1);
		sys(read, fd, magic, 3);
		sys(close, fd);
	}

	/* error cases */
	open_ro("/no/such/file");		/* ENOENT */
	sys(write, 42, greeting, 1);		/* EBADF */
	sys(write, 1, (void *)16, 8);		/* EFAULT */
	sys(close, 42);				/* EBADF */
	sysnr(0x7ffff);				/* ENOSYS */

	printf("tour: done\n");
	return 0;
}
