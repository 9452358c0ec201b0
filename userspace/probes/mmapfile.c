/*
 * mmap of files (issue 12's memory calls), on a tmpfs file the probe writes itself (in /tmp,
 * or at / where there is no /tmp):
 *   - MAP_SHARED: the file's pages themselves: a store is seen by read(), a write() by the
 *     mapping, a forked child's store by the parent;
 *   - MAP_PRIVATE: the file's data until written; a store stays the mapping's own; a page
 *     not written yet still follows the file;
 *   - Linux's errno: EACCES (shared writable on a read-only fd, any map of a write-only fd,
 *     mprotect(PROT_WRITE) of a shared read-only-fd mapping), ENODEV (a directory), EBADF,
 *     EINVAL (an unaligned offset); a mapping outlives close(); the tail of the last page
 *     reads zeroes; an offset maps from that page on;
 *   - /dev/zero: private zeroes, shared between parent and child;
 *   - msync: flags and range errno;
 *   - a page past the end of the file: SIGBUS with BUS_ADRERR and the address (a handler
 *     sees it), the process's death without one.
 * The same binary runs under qemu-user (Linux's answers) for x86_64 and arm64; for i386 and
 * arm qemu-user reserves the whole 32-bit guest space on the host, so an msync over a hole
 * finds the reservation there and returns 0 where Linux says ENOMEM (the native x86_64
 * run says ENOMEM; Ferry's 32-bit runs are held to it).
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_SHARED	1
#define MAP_PRIVATE	2
#define MAP_ANONYMOUS	0x20
#define O_RDONLY	0
#define O_WRONLY	1
#define O_RDWR		2
#define O_CREAT		0100
#define O_TRUNC		01000
#if defined(__aarch64__) || defined(__arm__)
#define O_DIRECTORY	040000
#else
#define O_DIRECTORY	0200000
#endif
#define AT_FDCWD	-100
#define EBADF		9
#define EACCES		13
#define ENODEV		19
#define EINVAL		22
#define ENOMEM		12
#define SIGCHLD		17
#define SIGBUS		7
#define BUS_ADRERR	2
#define SA_SIGINFO	4
#define SA_RESTORER	0x04000000
#define MS_ASYNC	1
#define MS_SYNC		4
#define PAGE		4096UL
#define FILE_LEN	(2 * PAGE + 100)
/* In /tmp where there is one (the host under qemu-user); else at the top of Ferry's tmpfs. */
static const char *path = "/tmp/mmapfile.dat";

static long map(unsigned long len, int prot, int flags, long fd, unsigned long off)
{
#if defined(__i386__) || defined(__arm__)
	if (off & (PAGE - 1))
		return -EINVAL;		/* mmap2 counts pages: it cannot ask for this */
	return sys(mmap2, 0, len, prot, flags, fd, off / PAGE);
#else
	return sys(mmap, 0, len, prot, flags, fd, off);
#endif
}

static int mapped(long r)
{
	return r > 0 || r < -4096;
}

static long open_file(int flags)
{
	return sys(openat, AT_FDCWD, path, flags, 0600);
}

/* One byte of the file at off, through read(). */
static int file_byte(long fd, unsigned long off)
{
	unsigned char c = 0xee;

	sys(lseek, fd, off, 0);
	return sys(read, fd, &c, 1) == 1 ? c : -1;
}

static void put_file_byte(long fd, unsigned long off, unsigned char c)
{
	sys(lseek, fd, off, 0);
	sys(write, fd, &c, 1);
}

static void _exit_now(int code)
{
	sys(exit_group, code);
	for (;;)
		;
}

/* rt_sigaction's struct as every ABI's kernel reads it (the mask is 8 bytes). */
struct k_sigaction {
	unsigned long handler, flags, restorer;
	unsigned long mask[8 / sizeof(long)];
};

/* siginfo_t's first fields: si_addr follows the three ints, at 16 on 64-bit ABIs, 12 on 32. */
struct fault_info {
	int si_signo, si_errno, si_code;
	void *si_addr;
};

static volatile unsigned char *bus_addr;
static int wait_child(long pid);

/* Never returns, so the restorer is never used (x86_64 still wants SA_RESTORER). */
static void bus_handler(int sig, struct fault_info *si, void *uc)
{
	_exit_now(sig == SIGBUS && si->si_signo == SIGBUS && si->si_code == BUS_ADRERR &&
		  si->si_addr == (void *)bus_addr ? 42 : 43);
}

/* A child that reads bus_addr, with the SIGBUS handler or without: its wait status. */
static int read_past_end(int with_handler)
{
	long pid = sys(clone, SIGCHLD, 0, 0, 0, 0);

	if (pid == 0) {
		struct k_sigaction sa = {
			.handler = (unsigned long)bus_handler, .flags = SA_SIGINFO | SA_RESTORER,
			.restorer = (unsigned long)bus_handler,
		};

		if (with_handler)
			sys(rt_sigaction, SIGBUS, &sa, 0, 8);
		(void)*bus_addr;
		_exit_now(0);
	}
	return wait_child(pid);
}

static int wait_child(long pid)
{
	int status = -1;

	if (pid < 0 || sys(wait4, pid, &status, 0, 0) != pid)
		return -1;
	return status;
}

int main(void)
{
	static unsigned char buf[FILE_LEN];
	volatile unsigned char *m, *p;
	long fd, ro, wo, dir, r1, r2, r3, pid;
	int st;

	ktap_plan(15);
	for (unsigned long i = 0; i < FILE_LEN; i++)
		buf[i] = 'A' + i / PAGE;
	fd = open_file(O_RDWR | O_CREAT | O_TRUNC);
	if (fd == -2) {
		path = "/mmapfile.dat";
		fd = open_file(O_RDWR | O_CREAT | O_TRUNC);
	}
	if (fd < 0 || sys(write, fd, buf, FILE_LEN) != (long)FILE_LEN) {
		ktap_result(0, "create %s: %ld", path, fd);
		return ktap_finish();
	}

	m = (volatile unsigned char *)map(3 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!mapped((long)m)) {
		ktap_result(0, "MAP_SHARED of the file: %ld", (long)m);
		return ktap_finish();
	}
	ktap_result(m[0] == 'A' && m[PAGE] == 'B' && m[2 * PAGE + 99] == 'C' &&
		    m[2 * PAGE + 100] == 0 && m[3 * PAGE - 1] == 0,
		    "MAP_SHARED reads the file; the last page's tail past the end reads zeroes");
	m[10] = 'x';
	put_file_byte(fd, PAGE + 5, 'y');
	ktap_result(file_byte(fd, 10) == 'x' && m[PAGE + 5] == 'y',
		    "MAP_SHARED: a store is seen by read(), a write() by the mapping");
	pid = sys(clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		m[20] = 'c';
		_exit_now(0);
	}
	st = wait_child(pid);
	ktap_result(st == 0 && m[20] == 'c' && file_byte(fd, 20) == 'c',
		    "MAP_SHARED: a forked child's store is seen by the parent and in the file");

	p = (volatile unsigned char *)map(3 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	ktap_result(mapped((long)p) && p[10] == 'x' && p[PAGE + 5] == 'y',
		    "MAP_PRIVATE reads the file's current data");
	p[30] = 'p';
	ktap_result(p[30] == 'p' && m[30] == 'A' && file_byte(fd, 30) == 'A',
		    "MAP_PRIVATE: a store stays the mapping's own (file and shared map unchanged)");
	put_file_byte(fd, PAGE + 6, 'z');
	ktap_result(p[PAGE + 6] == 'z' && p[31] == 'A',
		    "MAP_PRIVATE: a page not written yet follows the file; the written one is a copy");
	sys(munmap, (long)p, 3 * PAGE);

	p = (volatile unsigned char *)map(PAGE, PROT_READ, MAP_SHARED, fd, PAGE);
	r1 = map(PAGE, PROT_READ, MAP_SHARED, fd, 100);
	ktap_result(mapped((long)p) && p[0] == 'B' && p[5] == 'y' && r1 == -EINVAL,
		    "offset one page: the file's second page; an unaligned offset EINVAL (%ld)", r1);

	ro = open_file(O_RDONLY);
	wo = open_file(O_WRONLY);
	r1 = map(PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
	r2 = map(PAGE, PROT_READ, MAP_PRIVATE, wo, 0);
	r3 = map(PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
	ktap_result(r1 == -EACCES && r2 == -EACCES && mapped(r3),
		    "EACCES: shared writable on a read-only fd (%ld), a write-only fd (%ld); "
		    "private writable on a read-only fd works", r1, r2);
	r1 = map(PAGE, PROT_READ, MAP_SHARED, ro, 0);
	r2 = mapped(r1) ? sys(mprotect, r1, PAGE, PROT_READ | PROT_WRITE) : 0;
	ktap_result(mapped(r1) && r2 == -EACCES,
		    "shared map of a read-only fd: mprotect(PROT_WRITE) EACCES (%ld)", r2);

	dir = sys(openat, AT_FDCWD, "/", O_RDONLY | O_DIRECTORY, 0);
	r1 = map(PAGE, PROT_READ, MAP_PRIVATE, dir, 0);
	r2 = map(PAGE, PROT_READ, MAP_PRIVATE, -1, 0);
	r3 = map(PAGE, PROT_READ, MAP_PRIVATE, 1000, 0);
	ktap_result(r1 == -ENODEV && r2 == -EBADF && r3 == -EBADF,
		    "a directory ENODEV (%ld); fd -1 and a closed fd EBADF (%ld %ld)", r1, r2, r3);

	p = (volatile unsigned char *)map(PAGE, PROT_READ, MAP_SHARED, ro, 0);
	sys(close, ro);
	ktap_result(mapped((long)p) && p[10] == 'x', "a mapping outlives close() of its fd");

	{
		long z = sys(openat, AT_FDCWD, "/dev/zero", O_RDWR, 0);
		volatile unsigned char *zp, *zs;

		zp = (volatile unsigned char *)map(2 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE, z, 0);
		zs = (volatile unsigned char *)map(PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, z, 0);
		if (mapped((long)zp) && mapped((long)zs)) {
			zp[5] = 9;
			pid = sys(clone, SIGCHLD, 0, 0, 0, 0);
			if (pid == 0) {
				zs[7] = 42;
				zp[5] = 1;
				_exit_now(0);
			}
			st = wait_child(pid);
		}
		if (z == -2)	/* ENOENT: the tree has no /dev/zero node (yet) */
			ktap_result(1, "/dev/zero # SKIP no /dev/zero in this tree");
		else
			ktap_result(mapped((long)zp) && mapped((long)zs) && zp[PAGE] == 0 &&
				    zp[5] == 9 && zs[7] == 42, "/dev/zero: private zeroes, a shared "
				    "map shared with a child (fd %ld: %ld %ld)", z, (long)zp, (long)zs);
	}

	/* Four pages over a file of three: the fourth has no file page behind it. */
	p = (volatile unsigned char *)map(4 * PAGE, PROT_READ, MAP_SHARED, fd, 0);
	if (mapped((long)p)) {
		int with, without;

		bus_addr = p + 3 * PAGE + 8;
		with = read_past_end(1);
		without = read_past_end(0);
		ktap_result(with == 42 << 8 && (without & 0x7f) == SIGBUS,
			    "a read past the file's last page: SIGBUS, BUS_ADRERR at that address; "
			    "no handler: killed by SIGBUS (%#x %#x)", with, without);
		sys(munmap, (long)p, 4 * PAGE);
	} else {
		ktap_result(0, "map four pages of the file: %ld", (long)p);
	}

	r1 = sys(msync, (long)m, 3 * PAGE, MS_SYNC);
	r2 = sys(msync, (long)m, PAGE, MS_SYNC | MS_ASYNC);
	r3 = sys(msync, (long)m + 1, PAGE, MS_SYNC);
	ktap_result(r1 == 0 && r2 == -EINVAL && r3 == -EINVAL && sys(msync, (long)m, PAGE, 8) == -EINVAL,
		    "msync: MS_SYNC 0; MS_SYNC|MS_ASYNC, an unaligned start, an unknown flag EINVAL");
	sys(munmap, (long)m + PAGE, PAGE);
	r1 = sys(msync, (long)m, 3 * PAGE, MS_SYNC);
	r2 = sys(msync, (long)m, 3 * PAGE, MS_ASYNC);
	ktap_result(r1 == -ENOMEM && r2 == -ENOMEM, "msync over a hole: ENOMEM (%ld %ld)", r1, r2);

	sys(close, fd);
	sys(unlinkat, AT_FDCWD, path, 0);
	return ktap_finish();
}
