/*
 * execpages: what exec's mapping of a program from its file's pages must keep true
 * (fs/binfmt_elf.c, docs/processes.md "exec"). The probe copies itself into a file of its
 * own (/tmp/execpages.<pid>, or at / where there is no /tmp) and runs that copy:
 *   - .bss reads zero, including the first bytes of it that share the last file page of the
 *     data segment, where the file has other bytes (the probe finds them in its own ELF
 *     headers and says how many are not zero there);
 *   - two processes running the same file each see their own .data after writing it, and
 *     the file is unchanged (copy-on-write from the file's page, never into it);
 *   - ETXTBSY as Linux 6.1: opening a running program for writing, truncate() of it, and
 *     exec of a file that is open for writing; all three work again once the program has
 *     exited or the writer closed.
 * The same binary runs under qemu-user: the exec'd copies run on the host kernel, which gives
 * Linux's answers for the x86 ABIs; where the host cannot exec the ABI (ENOEXEC: arm64 and
 * arm on an x86 host) the checks that need an exec SKIP. Ferry must not SKIP.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define O_RDONLY	0
#define O_WRONLY	1
#define O_RDWR		2
#define O_CREAT		0100
#define O_TRUNC		01000
#define AT_FDCWD	-100
#define SIGCHLD		17
#define ENOEXEC		8
#define ETXTBSY		26
#define EEXIST		17
#define PAGE		4096UL
#define FAILED_EXEC	100		/* a child whose exec failed exits 100 + errno */

/* .data that the copies write, and .bss of more than a page: the checks read them. */
volatile unsigned long data_word = 0x5eed1234UL;
static volatile unsigned char bss_area[3 * PAGE];
extern char __bss_start[];		/* the linker's: where .bss starts */

static char path[64];

/* pread without pread64's per-ABI register pairs (32-bit ABIs split the offset). */
static long read_at(long fd, void *buf, unsigned long len, unsigned long off)
{
	if (sys(lseek, fd, off, 0) != (long)off)
		return -1;
	return sys(read, fd, buf, len);
}
static const char *self;

static void _exit_now(int code)
{
	sys(exit_group, code);
	for (;;)
		;
}

static long wait_status(long pid)
{
	int status = -1;

	if (pid < 0 || sys(wait4, pid, &status, 0, 0) != pid)
		return -1;
	return (status & 0x7f) ? 1000 + (status & 0x7f) : (status >> 8) & 0xff;
}

/* Where a child whose exec failed says so, when the parent waits for a byte from it. */
static long notify_fd = -1;

/* Fork; the child runs path with argv. The child's pid (its status through wait_status). */
static long start(char **argv)
{
	long pid = sys(clone, SIGCHLD, 0, 0, 0, 0);

	if (pid == 0) {
		char *envp[] = { 0 };
		long r = sys(execve, path, argv, envp);

		if (notify_fd >= 0)
			sys(write, notify_fd, "!", 1);
		_exit_now(FAILED_EXEC + (int)-r);
	}
	return pid;
}

static long run(char **argv)
{
	return wait_status(start(argv));
}

static int foreign(long st)
{
	return sys(getpid) != 1 && st == FAILED_EXEC + ENOEXEC;
}

static long parse_num(const char *s)
{
	long n = 0;

	while (*s >= '0' && *s <= '9')
		n = n * 10 + *s++ - '0';
	return n;
}

/* Copy the file at from into path, mode 0755: the program the checks run. */
static int copy_self(const char *from)
{
	static char buf[4096];
	long in = sys(openat, AT_FDCWD, from, O_RDONLY, 0), out, n;

	if (in < 0)
		return 0;
	out = sys(openat, AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (out < 0)
		return 0;
	while ((n = sys(read, in, buf, sizeof(buf))) > 0)
		if (sys(write, out, buf, n) != n)
			return 0;
	sys(close, in);
	sys(close, out);
	return n == 0;
}

/*
 * The bytes of the file that share the last file page of the segment holding .bss's start,
 * from .bss's start to the page's end: the loader must show zeroes there, never them.
 * *nonzero counts the file's bytes there that are not zero, and the result those that the
 * process's memory shows: none, or a stray few, when the tail was zeroed (the library's
 * own .bss variables live there and may hold anything, a byte of the file's at its place
 * among them by chance: qemu-arm's run shows 2 of 2,350), nearly all when it was not.
 * -1 when the file cannot be read.
 */
static long tail_leaks(const char *file, long *nonzero)
{
	static unsigned char page[PAGE];
	unsigned long bss = (unsigned long)__bss_start, off = 0;
	long fd = sys(openat, AT_FDCWD, file, O_RDONLY, 0), n, leaked = 0;
	unsigned char eh[64];
	unsigned long phoff, phnum, phentsize, i;

	*nonzero = 0;
	if (fd < 0)
		return -1;
	if (!(bss & (PAGE - 1)) || read_at(fd, eh, sizeof(eh), 0) != sizeof(eh)) {
		sys(close, fd);
		return -1;
	}
#if __SIZEOF_POINTER__ == 8
	phoff = *(unsigned long *)(eh + 32);
	phentsize = *(unsigned short *)(eh + 54);
	phnum = *(unsigned short *)(eh + 56);
#else
	phoff = *(unsigned int *)(eh + 28);
	phentsize = *(unsigned short *)(eh + 42);
	phnum = *(unsigned short *)(eh + 44);
#endif
	for (i = 0; i < phnum && phentsize <= 56; i++) {
		unsigned char ph[56];
		unsigned long type, offset, vaddr, filesz;

		if (read_at(fd, ph, phentsize, phoff + i * phentsize) != (long)phentsize)
			break;
		type = *(unsigned int *)ph;
#if __SIZEOF_POINTER__ == 8
		offset = *(unsigned long *)(ph + 8);
		vaddr = *(unsigned long *)(ph + 16);
		filesz = *(unsigned long *)(ph + 32);
#else
		offset = *(unsigned int *)(ph + 4);
		vaddr = *(unsigned int *)(ph + 8);
		filesz = *(unsigned int *)(ph + 16);
#endif
		if (type == 1 && filesz && vaddr <= bss && bss <= vaddr + filesz)
			off = offset + (bss - vaddr);
	}
	n = off ? read_at(fd, page, PAGE - (off & (PAGE - 1)), off) : -1;
	sys(close, fd);
	if (n < 0)
		return -1;
	for (long j = 0; j < n; j++) {
		unsigned char m = *(volatile unsigned char *)(bss + j);

		*nonzero += page[j] != 0;
		leaked += page[j] != 0 && m == page[j];
	}
	return leaked;
}

static int tail_zeroed(long leaked, long nonzero)
{
	return nonzero > 0 && leaked >= 0 && leaked * 2 < nonzero;
}

static int bss_area_zero(void)
{
	for (unsigned long i = 0; i < sizeof(bss_area); i++)
		if (bss_area[i])
			return 0;
	return 1;
}

/*
 * The exec'd copy: argv[1] says what to do.
 *   bss                 exit 0 when .bss is all zero
 *   cow VALUE RFD WFD    check .data is the file's, write VALUE into it, write a byte to WFD,
 *                        wait for a byte on RFD, exit 0 when .data still holds VALUE
 *   wait RFD WFD         write a byte to WFD, wait for one on RFD, exit 0
 */
static int child(int argc, char **argv)
{
	char c = 0;

	if (!strcmp(argv[1], "bss")) {
		long nonzero, leaked = tail_leaks(argv[0], &nonzero);

		return tail_zeroed(leaked, nonzero) && bss_area_zero() ? 0 : 1;
	}
	if (!strcmp(argv[1], "cow") && argc == 5) {
		unsigned long v = parse_num(argv[2]);
		int fresh = data_word == 0x5eed1234UL;

		data_word = v;
		sys(write, parse_num(argv[4]), &c, 1);
		sys(read, parse_num(argv[3]), &c, 1);
		return fresh && data_word == v ? 0 : 2;
	}
	if (!strcmp(argv[1], "wait") && argc == 4) {
		sys(write, parse_num(argv[3]), &c, 1);
		sys(read, parse_num(argv[2]), &c, 1);
		return 0;
	}
	return 3;
}

static void num(char *buf, long n)
{
	snprintf(buf, 16, "%ld", n);
}

static void check_bss(void)
{
	char *av[] = { path, "bss", 0 };
	long nonzero, leaked = tail_leaks(self, &nonzero), st;

	ktap_result(tail_zeroed(leaked, nonzero) && bss_area_zero(),
		    "init's .bss is zero: %ld of the %ld non-zero file bytes sharing its first page "
		    "show", leaked, nonzero);
	st = run(av);
	if (foreign(st))
		ktap_result(1, "an exec'd copy's .bss is zero # SKIP the host cannot exec this ABI");
	else
		ktap_result(st == 0, "an exec'd copy's .bss is zero, the file's bytes past its "
			    "data not shown (status %ld)", st);
}

/* A hash (FNV-1a) of the whole file at path, -1 if it cannot be read. */
static long file_hash(void)
{
	static unsigned char buf[PAGE];
	unsigned long h = 2166136261UL;
	long fd = sys(openat, AT_FDCWD, path, O_RDONLY, 0), n, total = 0;

	if (fd < 0)
		return -1;
	while ((n = sys(read, fd, buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i++)
			h = (h ^ buf[i]) * 16777619UL;
		total += n;
	}
	sys(close, fd);
	return n < 0 || !total ? -1 : (long)(h & 0x7fffffff);
}

/* Two copies of the same file at once, each writing its .data. */
static void check_cow(void)
{
	int go[2], ready[2];
	char r[16], w[16], c;
	long a, b, sa, sb;
	long h1 = file_hash(), h2;

	sys(pipe2, go, 0);
	sys(pipe2, ready, 0);
	num(r, go[0]);
	num(w, ready[1]);
	char *av1[] = { path, "cow", "111", r, w, 0 };
	char *av2[] = { path, "cow", "222", r, w, 0 };

	notify_fd = ready[1];
	a = start(av1);
	if (sys(read, ready[0], &c, 1) != 1)
		a = -1;
	b = start(av2);
	if (sys(read, ready[0], &c, 1) != 1)
		b = -1;
	/* both wrote their .data and wait: let them check it */
	sys(write, go[1], "xx", 2);
	sys(close, go[1]);
	sys(close, ready[1]);
	notify_fd = -1;
	sa = wait_status(a);
	sb = wait_status(b);
	if (foreign(sa)) {
		ktap_result(1, "two copies each keep their own .data # SKIP the host cannot exec this ABI");
	} else {
		ktap_result(sa == 0 && sb == 0,
			    "two copies of one file each start from the file's .data and keep their own "
			    "(statuses %ld %ld)", sa, sb);
	}
	h2 = file_hash();
	ktap_result(h1 >= 0 && h2 == h1 && data_word == 0x5eed1234UL,
		    "the file and this process's .data are unchanged by the copies' writes "
		    "(file hash %lx, then %lx)", h1, h2);
	sys(close, go[0]);
	sys(close, ready[0]);
}

static void check_txtbsy(void)
{
	int go[2], ready[2];
	char r[16], w[16], c;
	long pid, fd, t, st, after, fd2;

	sys(pipe2, go, 0);
	sys(pipe2, ready, 0);
	num(r, go[0]);
	num(w, ready[1]);
	char *av[] = { path, "wait", r, w, 0 };

	notify_fd = ready[1];
	pid = start(av);
	notify_fd = -1;
	if (sys(read, ready[0], &c, 1) != 1 || c == '!') {
		sys(close, ready[1]);
		st = wait_status(pid);
		if (foreign(st)) {
			ktap_result(1, "write-open of a running program # SKIP the host cannot exec this ABI");
			ktap_result(1, "truncate of a running program # SKIP the host cannot exec this ABI");
			ktap_result(1, "read-only O_TRUNC open of a running program # SKIP the host cannot exec this ABI");
			ktap_result(1, "write-open after it exited # SKIP the host cannot exec this ABI");
		} else {
			ktap_result(0, "the copy did not start (status %ld)", st);
			ktap_result(0, "truncate of a running program");
			ktap_result(0, "read-only O_TRUNC open of a running program");
			ktap_result(0, "write-open after it exited");
		}
	} else {
		fd = sys(openat, AT_FDCWD, path, O_WRONLY, 0);
		ktap_result(fd == -ETXTBSY, "open(O_WRONLY) of a running program: -ETXTBSY (%ld)", fd);
		if (fd >= 0)
			sys(close, fd);
		t = sys(truncate, path, 0);
		ktap_result(t == -ETXTBSY, "truncate() of a running program: -ETXTBSY (%ld)", t);
		/* O_TRUNC cuts the file even without write mode: Linux takes write access first. */
		fd = sys(openat, AT_FDCWD, path, O_RDONLY | O_TRUNC, 0);
		ktap_result(fd == -ETXTBSY, "open(O_RDONLY|O_TRUNC) of a running program: -ETXTBSY (%ld)", fd);
		if (fd >= 0)
			sys(close, fd);
		sys(write, go[1], "x", 1);
		st = wait_status(pid);
		fd = sys(openat, AT_FDCWD, path, O_RDWR, 0);
		ktap_result(st == 0 && fd >= 0, "open(O_RDWR) once it exited: %ld (status %ld)", fd, st);
		if (fd >= 0)
			sys(close, fd);
	}
	sys(close, go[0]);
	sys(close, go[1]);
	sys(close, ready[0]);
	sys(close, ready[1]);

	/* A file open for writing cannot be exec'd; once closed it can. */
	char *bss[] = { path, "bss", 0 };

	fd2 = sys(openat, AT_FDCWD, path, O_RDWR, 0);
	st = run(bss);
	ktap_result(fd2 >= 0 && st == FAILED_EXEC + ETXTBSY,
		    "execve of a file open for writing: -ETXTBSY (status %ld)", st);
	sys(close, fd2);
	after = run(bss);
	if (foreign(after))
		ktap_result(1, "execve once the writer closed # SKIP the host cannot exec this ABI");
	else
		ktap_result(after == 0, "execve once the writer closed (status %ld)", after);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return child(argc, argv);
	self = (const char *)getauxval(AT_EXECFN);
	long tmp = sys(mkdirat, AT_FDCWD, "/tmp", 0777);

	if (tmp < 0 && tmp != -EEXIST)
		snprintf(path, sizeof(path), "/execpages.%ld", sys(getpid));
	else
		snprintf(path, sizeof(path), "/tmp/execpages.%ld", sys(getpid));
	ktap_plan(1 + 2 + 2 + 6);
	if (!copy_self(self)) {
		ktap_result(0, "copy %s to %s", self, path);
		return ktap_finish();
	}
	ktap_result(1, "copied %s to %s", self, path);
	check_bss();		/* 2 */
	check_cow();		/* 2 */
	check_txtbsy();		/* 5 */
	sys(unlinkat, AT_FDCWD, path, 0);
	return ktap_finish();
}
