/*
 * exec as Linux does it (issue 11), on every ABI: execve and execveat of this program and of
 * the other ABI of the arch (/bin/other: x86_64 <-> i386, arm64 <-> arm) and back; "#!"
 * scripts parsed as binfmt_script parses them (interpreter, one optional argument with its
 * inner blanks, the line cut at 256 bytes, no newline, "#!" alone, scripts naming scripts up
 * to Linux's depth, then ELOOP); argv/envp limits (MAX_ARG_STRLEN, a quarter of
 * RLIMIT_STACK between 32 pages and 6 MiB, less a pointer a string, the path counted too:
 * E2BIG one byte past them); EFAULT for bad pointers; ENOENT, EACCES, ENOEXEC, ENOTDIR,
 * ELOOP, EINVAL, EBADF; argv[0] "" for an empty argv; and what survives exec: close-on-exec
 * files close, the others stay (with their offset), TLS and the old memory are gone, caught
 * signals go back to SIG_DFL while ignored ones stay ignored.
 *
 * The probe is also the program it runs: with EXEC_CHILD=<mode> in its environment it is the
 * exec'd side, checks what it was given (EXEC_ARGV = "argc:argv[0]|argv[1]|...", EXEC_EXECFN
 * = the AT_EXECFN string) and exits 42 when all is as expected (64 or 32 in mode "abi": its
 * pointer width). A failed exec in a forked child exits 100 + errno.
 *
 * The boot tests (tests/boot/cases.py, "exec") put the other files in the initramfs:
 * /bin/other, the scripts /bin/s_*, /bin/loop_*, /bin/c1..c6, a non-ELF /bin/data, a
 * non-executable copy /bin/noexec, and a dynamically linked /bin/dynamic. Under qemu-user
 * (Linux's answers: the exec itself is the host kernel's) those checks are SKIPs, and so is
 * what needs the exec of a foreign ABI to succeed.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define SIGCHLD		17
#define SIGUSR1		10
#define SIGUSR2		12
#define AT_FDCWD	-100
#define AT_EMPTY_PATH	0x1000
#define O_RDONLY	0
#define O_CLOEXEC	02000000
#define SEEK_SET	0
#define SEEK_CUR	1
#define RLIMIT_STACK	3
#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_PRIVATE	2
#define MAP_FIXED	0x10
#define MAP_ANONYMOUS	0x20
#define ENOENT		2
#define E2BIG		7
#define ENOEXEC		8
#define EBADF		9
#define EACCES		13
#define EFAULT		14
#define ENOTDIR		20
#define EINVAL		22
#define ENOSYS		38
#define ELOOP		40

#define MAX_ARG_STRLEN	(32 * 4096)	/* one string, its NUL included */
#define KPTR		8	/* Linux counts each string's pointer at the kernel's width:
				 * 8 bytes on every kernel here (Ferry's, and the host's under
				 * qemu-user), 32-bit programs included */
#define OK		42	/* the exec'd side: everything as expected */
#define FAILED_EXEC	100	/* + errno: the exec in a forked child failed */
#define OLD_MAP		0x5a000000UL	/* memory the caller had; gone after exec */

struct rlimit64 {
	unsigned long long cur, max;
};

/* rt_sigaction's struct on all four ABIs (each has sa_restorer; an 8-byte mask). */
struct ksigaction {
	unsigned long handler, flags, restorer;
	unsigned int mask[2];
};

static const char *self;	/* this program's path (AT_EXECFN) */
static int under_host;		/* not init: qemu-user, where the host kernel execs */

static const char *env(const char *name)
{
	size_t n = strlen(name);

	for (char **e = environ; *e; e++)
		if (!memcmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return 0;
}

static long to_long(const char *s)
{
	long v = 0;

	while (*s >= '0' && *s <= '9')
		v = v * 10 + *s++ - '0';
	return v;
}

static void *map(unsigned long addr, unsigned long len, int flags)
{
#if defined(__i386__) || defined(__arm__)
	long r = sys(mmap2, addr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags,
		     -1, 0);
#else
	long r = sys(mmap, addr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | flags,
		     -1, 0);
#endif
	return FAILED(r) ? 0 : (void *)r;
}

/* ---- the exec'd side ------------------------------------------------------------------ */

/* "argc:argv[0]|argv[1]|..." of what this program was given, against EXEC_ARGV. */
static int argv_as_expected(int argc, char **argv)
{
	static char got[4096];
	const char *want = env("EXEC_ARGV"), *execfn = env("EXEC_EXECFN");
	const char *at_execfn = (const char *)getauxval(AT_EXECFN);
	int n = snprintf(got, sizeof(got), "%d:", argc);

	for (int i = 0; i < argc && n < (int)sizeof(got); i++)
		n += snprintf(got + n, sizeof(got) - n, "%s%s", i ? "|" : "", argv[i]);
	if (want && strcmp(got, want)) {
		char expected[300];

		got[299] = 0;			/* the probe's printf has no precision */
		snprintf(expected, sizeof(expected), "%s", want);
		printf("# exec'd: argv %s, expected %s\n", got, expected);
		return 0;
	}
	if (execfn && (!at_execfn || strcmp(execfn, at_execfn))) {
		printf("# exec'd: AT_EXECFN %s, expected %s\n", at_execfn ? at_execfn : "(none)",
		       execfn);
		return 0;
	}
	return 1;
}

static int tls_is_reset(void)
{
#if defined(__x86_64__)
	unsigned long fs = 1, gs = 1;

	sys(arch_prctl, 0x1003 /* ARCH_GET_FS */, &fs);
	sys(arch_prctl, 0x1004 /* ARCH_GET_GS */, &gs);
	if (fs || gs)
		printf("# exec'd: FS base %#lx, GS base %#lx, expected 0\n", fs, gs);
	return !fs && !gs;
#elif defined(__i386__)
	struct {
		unsigned int entry_number, base_addr, limit, flags;
	} d = { -1u, 0, 0xfffff, 1 | 1 << 4 | 1 << 6 };
	unsigned int gs, fs;
	long r;

	__asm__ __volatile__("movl %%gs, %0" : "=r"(gs));
	__asm__ __volatile__("movl %%fs, %0" : "=r"(fs));
	/* The caller took every TLS slot: after exec the first one is free again. */
	r = sys(set_thread_area, &d);
	if (gs || fs || r || (d.entry_number != 12 && d.entry_number != 6))
		printf("# exec'd: %%gs %#x %%fs %#x, set_thread_area %ld slot %u\n", gs, fs, r,
		       d.entry_number);
	return !gs && !fs && !r && (d.entry_number == 12 || d.entry_number == 6);
#elif defined(__aarch64__)
	unsigned long rw, ro;

	__asm__ __volatile__("mrs %0, tpidr_el0" : "=r"(rw));
	__asm__ __volatile__("mrs %0, tpidrro_el0" : "=r"(ro));
	if (rw || ro)
		printf("# exec'd: TPIDR_EL0 %#lx TPIDRRO_EL0 %#lx, expected 0\n", rw, ro);
	return !rw && !ro;
#elif defined(__arm__)
	unsigned long ro, rw;

	__asm__ __volatile__("mrc p15, 0, %0, c13, c0, 3" : "=r"(ro));	/* TPIDRURO */
	__asm__ __volatile__("mrc p15, 0, %0, c13, c0, 2" : "=r"(rw));	/* TPIDRURW */
	if (rw || ro)
		printf("# exec'd: TPIDRURO %#lx TPIDRURW %#lx, expected 0\n", ro, rw);
	return !rw && !ro;
#endif
}

static int exec_child(const char *mode, int argc, char **argv)
{
	if (!strcmp(mode, "e2big"))
		return 43;		/* the strings got through; nothing to compare */
	if (!argv_as_expected(argc, argv))
		return 1;
	if (!strcmp(mode, "argv"))
		return OK;
	if (!strcmp(mode, "abi"))
		return sizeof(void *) * 8;
	if (!strcmp(mode, "back")) {	/* and on to the program named in EXEC_BACK */
		char *av[] = { (char *)env("EXEC_BACK"), "back", 0 };
		char want[300];

		snprintf(want, sizeof(want), "EXEC_ARGV=2:%s|back", av[0]);
		char *ev[] = { "EXEC_CHILD=abi", want, 0 };
		long r = sys(execve, av[0], av, ev);
		printf("# exec'd: execve(%s) back: %ld\n", av[0], r);
		return 2;
	}
	if (!strcmp(mode, "fds")) {	/* argv[1] had O_CLOEXEC, argv[2] did not (offset 5) */
		long a = sys(lseek, to_long(argv[1]), 0, SEEK_CUR);
		long b = sys(lseek, to_long(argv[2]), 0, SEEK_CUR);

		if (a != -EBADF || b != 5)
			printf("# exec'd: lseek of the O_CLOEXEC fd %ld, of the other %ld\n", a, b);
		return a == -EBADF && b == 5 ? OK : 1;
	}
	if (!strcmp(mode, "tls"))
		return tls_is_reset() ? OK : 1;
	if (!strcmp(mode, "mem")) {	/* the caller's mapping is not ours */
		long r = sys(gettimeofday, OLD_MAP, 0);

		if (r != -EFAULT)
			printf("# exec'd: gettimeofday into the old mapping: %ld\n", r);
		return r == -EFAULT ? OK : 1;
	}
	if (!strcmp(mode, "sig")) {	/* SIGUSR1 was caught, SIGUSR2 ignored */
		struct ksigaction one, two;

		memset(&one, 0xff, sizeof(one));
		memset(&two, 0xff, sizeof(two));
		sys(rt_sigaction, SIGUSR1, 0, &one, 8);
		sys(rt_sigaction, SIGUSR2, 0, &two, 8);
		if (one.handler != 0 || two.handler != 1)
			printf("# exec'd: SIGUSR1 handler %#lx SIGUSR2 %#lx\n", one.handler,
			       two.handler);
		return one.handler == 0 && two.handler == 1 ? OK : 1;
	}
	printf("# exec'd: unknown mode %s\n", mode);
	return 1;
}

/* ---- the caller's side ---------------------------------------------------------------- */

static long wait_status(long pid)
{
	int status = -1;

	if (FAILED(pid))
		return -1000;
	sys(wait4, pid, &status, 0, 0);
	return status & 0x7f ? -(status & 0x7f) : (status >> 8) & 0xff;
}

/* fork, exec there (execveat when dfd != AT_FDCWD or flags), return the exit code. */
static long spawn_at(int dfd, const char *path, char **argv, char **envp, int flags)
{
	long pid = sys(clone, SIGCHLD, 0, 0, 0, 0);

	if (pid == 0) {
		long r = dfd == AT_FDCWD && !flags ? sys(execve, path, argv, envp)
						     : sys(execveat, dfd, path, argv, envp, flags);
		exit(FAILED_EXEC + (int)-r);
	}
	return wait_status(pid);
}

static long spawn(const char *path, char **argv, char **envp)
{
	return spawn_at(AT_FDCWD, path, argv, envp, 0);
}

/*
 * An exec that must fail, tried in a forked child so that a kernel which lets it through
 * does not replace the probe: -errno, or the status of what ran (this program, given
 * NOT_TO_RUN, exits 1 at once).
 */
#define NOT_TO_RUN	"--must-not-run"
static long try_exec_at(int dfd, const char *path, int flags)
{
	char *av[] = { (char *)path, NOT_TO_RUN, 0 };
	char *ev[] = { "EXEC_CHILD=argv", "EXEC_ARGV=(must not run)", 0 };
	long st = spawn_at(dfd, path, av, ev, flags);

	return st >= FAILED_EXEC ? -(st - FAILED_EXEC) : st;
}

static long try_exec(const char *path)
{
	return try_exec_at(AT_FDCWD, path, 0);
}

/* The host cannot run this ABI (qemu-user on another arch): the exec said ENOEXEC. */
static int foreign(long st)
{
	return under_host && st == FAILED_EXEC + ENOEXEC;
}

static void check_ran(long st, long want, const char *what)
{
	if (foreign(st))
		ktap_result(1, "%s # SKIP the host cannot exec this ABI (ENOEXEC)", what);
	else
		ktap_result(st == want, "%s (status %ld)", what, st);
}

static void check_errno(long r, long want, const char *what)
{
	ktap_result(r == -want, "%s: -%ld (%ld)", what, want, r);
}

/* Checks that need the initramfs' files: a SKIP under qemu-user, where they do not exist. */
static int have_files;

static int skip_without_files(const char *what)
{
	if (have_files)
		return 0;
	ktap_result(1, "%s # SKIP the initramfs files are not here (not booted as init with them: qemu-user, or natively)", what);
	return 1;
}

static char want_argv[1024], want_execfn[300];

/* The environment an exec'd copy checks against: mode, argv, and AT_EXECFN if given. */
static char **child_env(const char *mode, const char *argv_text, const char *execfn)
{
	static char m[64];
	static char *e[5];
	int n = 0;

	snprintf(m, sizeof(m), "EXEC_CHILD=%s", mode);
	e[n++] = m;
	snprintf(want_argv, sizeof(want_argv), "EXEC_ARGV=%s", argv_text);
	e[n++] = want_argv;
	if (execfn) {
		snprintf(want_execfn, sizeof(want_execfn), "EXEC_EXECFN=%s", execfn);
		e[n++] = want_execfn;
	}
	e[n] = 0;
	return e;
}

static char *argv3(const char *a, const char *b, const char *c)
{
	static char text[1024];

	snprintf(text, sizeof(text), "%s%s%s%s%s", a, b ? "|" : "", b ? b : "", c ? "|" : "",
		 c ? c : "");
	return text;
}

/* ---- argument limits ----------------------------------------------------------------- */

static char *strbuf;			/* 6 MiB + for the big argument lists */
#define STRBUF_SIZE	(7UL << 20)

/* Linux's limit on all the strings (with the path): a quarter of the soft RLIMIT_STACK,
 * at least 32 pages, at most 6 MiB (three quarters of the 8 MiB default). */
static unsigned long strings_limit(void)
{
	struct rlimit64 r;
	unsigned long long q;

	if (sys(prlimit64, 0, RLIMIT_STACK, 0, &r))
		return 0;
	q = r.cur / 4;
	if (q > 6UL << 20)
		q = 6UL << 20;
	if (q < 32 * 4096)
		q = 32 * 4096;
	return q;
}

/*
 * Exec this program, in a forked child, with argv = { self, fill... } and envp =
 * { "EXEC_CHILD=e2big" } so that the path, the strings and their pointers come to exactly
 * 'total' bytes against the limit: 43 when it ran, or -errno when the exec failed.
 */
static long exec_with_total(unsigned long total)
{
	static char *av[128];
	static char *ev[] = { "EXEC_CHILD=e2big", 0 };
	unsigned long fixed = 2 * (strlen(self) + 1) + strlen(ev[0]) + 1;
	unsigned long rest;
	int n = 1, fills;

	/* Each fill string at most 64 KiB; their count decides the pointers' share. */
	fills = (int)(total / 65536) + 1;
	rest = total - fixed - (unsigned long)(fills + 1 + 1) * KPTR;	/* argv + envp pointers */
	if (total < fixed + 4096 || fills > 120 || rest > STRBUF_SIZE)
		return -1000;
	av[0] = (char *)self;
	char *p = strbuf;
	for (int i = 0; i < fills; i++) {
		unsigned long len = rest / fills + (i == 0 ? rest % fills : 0);	/* NUL included */

		memset(p, 'a' + i % 26, len - 1);
		p[len - 1] = 0;
		av[n++] = p;
		p += len;
	}
	av[n] = 0;
	long st = spawn(self, av, ev);
	return st >= FAILED_EXEC ? -(st - FAILED_EXEC) : st;
}

/* At the limit the exec works, one byte more is E2BIG: with the limit of soft RLIMIT_STACK. */
static void check_limit(const char *what)
{
	unsigned long lim = strings_limit();
	long at = exec_with_total(lim);
	long over = exec_with_total(lim + 1);

	if (under_host && at == -ENOEXEC)
		at = 43;		/* the strings got through; the host cannot run the ABI */
	ktap_result(at == 43 && over == -E2BIG,
		    "%s: strings of %lu bytes with their pointers and the path run (%ld), "
		    "one byte more: -E2BIG (%ld)", what, lim, at, over);
}

static void check_limits(void)
{
	static const unsigned long long soft[] = { 1UL << 20, 256UL << 10, 64UL << 20 };
	static const char *names[] = { "RLIMIT_STACK 1 MiB -> a quarter, 256 KiB",
				       "RLIMIT_STACK 256 KiB -> the floor, 32 pages",
				       "RLIMIT_STACK 64 MiB -> the ceiling, 6 MiB" };
	struct rlimit64 old, now;

	check_limit("the limit at the RLIMIT_STACK this ran with");
	sys(prlimit64, 0, RLIMIT_STACK, 0, &old);
	for (int i = 0; i < 3; i++) {
		struct rlimit64 r = { soft[i], old.max };

		sys(prlimit64, 0, RLIMIT_STACK, &r, 0);
		sys(prlimit64, 0, RLIMIT_STACK, 0, &now);
		if (now.cur != soft[i])	/* qemu-user keeps RLIMIT_STACK to itself */
			ktap_result(1, "%s # SKIP RLIMIT_STACK did not move (%llu): qemu-user "
				    "does not pass it on", names[i], now.cur);
		else
			check_limit(names[i]);
	}
	sys(prlimit64, 0, RLIMIT_STACK, &old, 0);
}

static void check_string_length(void)
{
	char *av[] = { (char *)self, strbuf, 0 };
	char *ev[] = { "EXEC_CHILD=e2big", 0 };
	char *ev_big[] = { "EXEC_CHILD=e2big", strbuf, 0 };
	long st, r;

	memset(strbuf, 's', MAX_ARG_STRLEN);
	strbuf[MAX_ARG_STRLEN - 1] = 0;		/* 131071 bytes and the NUL */
	st = spawn(self, av, ev);
	if (foreign(st))
		st = 43;
	ktap_result(st == 43, "an argument of MAX_ARG_STRLEN (131072) bytes with its NUL runs "
		    "(status %ld)", st);
	strbuf[MAX_ARG_STRLEN - 1] = 's';
	strbuf[MAX_ARG_STRLEN] = 0;		/* one more */
	/* In a child too: a kernel that let these through would run the program. */
	r = spawn(self, av, ev);
	check_errno(FAILED_EXEC - r, E2BIG, "an argument one byte longer");
	r = spawn(self, (char **)ev, ev_big);
	check_errno(FAILED_EXEC - r, E2BIG,
		    "an environment string one byte longer than MAX_ARG_STRLEN");
}

/* ---- what exec leaves behind ---------------------------------------------------------- */

static void set_tls(void)
{
#if defined(__x86_64__)
	sys(arch_prctl, 0x1002 /* ARCH_SET_FS */, 0x12345000UL);
	sys(arch_prctl, 0x1001 /* ARCH_SET_GS */, 0x23456000UL);
#elif defined(__i386__)
	static unsigned int area[4];

	for (int i = 0; i < 3; i++) {	/* every TLS slot */
		struct {
			unsigned int entry_number, base_addr, limit, flags;
		} d = { -1u, (unsigned int)area, 0xfffff, 1 | 1 << 4 | 1 << 6 };

		if (!sys(set_thread_area, &d) && i == 0)
			__asm__ __volatile__("movw %w0, %%gs" : : "r"(d.entry_number * 8 + 3));
	}
#elif defined(__aarch64__)
	__asm__ __volatile__("msr tpidr_el0, %0" : : "r"(0x12345000UL));
#elif defined(__arm__)
	sysnr(0x0f0005 /* __ARM_NR_set_tls */, 0x12345000UL);
	__asm__ __volatile__("mcr p15, 0, %0, c13, c0, 2" : : "r"(0x23456000UL));
#endif
}

static void check_inheritance(void)
{
	char text[64];
	long st, pid;

	/* close-on-exec */
	long a = sys(openat, AT_FDCWD, self, O_RDONLY | O_CLOEXEC, 0);
	long b = sys(openat, AT_FDCWD, self, O_RDONLY, 0);
	char fa[16], fb[16];

	sys(lseek, b, 5, SEEK_SET);
	snprintf(fa, sizeof(fa), "%ld", a);
	snprintf(fb, sizeof(fb), "%ld", b);
	char *av[] = { (char *)self, fa, fb, 0 };
	snprintf(text, sizeof(text), "3:%s|%s|%s", self, fa, fb);
	st = spawn(self, av, child_env("fds", text, 0));
	check_ran(st, OK, "close-on-exec: the O_CLOEXEC fd is gone (EBADF), the other stays "
		  "at offset 5");
	sys(close, a);
	sys(close, b);

	/* TLS */
	char *av1[] = { (char *)self, 0 };
	snprintf(text, sizeof(text), "1:%s", self);
	pid = sys(clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		set_tls();
		exit(FAILED_EXEC - (int)sys(execve, self, av1, child_env("tls", text, 0)));
	}
	check_ran(wait_status(pid), OK, "the thread pointer is reset by exec (x86_64 FS/GS "
		  "bases, i386 %gs and TLS slots, arm64 TPIDR_EL0/TPIDRRO_EL0, arm TPIDRURO/URW)");

	/* a fresh address space */
	pid = sys(clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		char *m = map(OLD_MAP, 4096, MAP_FIXED);

		if (!m)
			exit(3);
		m[0] = 1;
		exit(FAILED_EXEC - (int)sys(execve, self, av1, child_env("mem", text, 0)));
	}
	check_ran(wait_status(pid), OK, "a fresh address space: the caller's mapping is gone "
		  "(EFAULT there)");

	/* signal handlers */
	struct ksigaction act = { (unsigned long)check_inheritance, 0, 0, { 0, 0 } };
	long r = sys(rt_sigaction, SIGUSR1, 0, 0, 8);

	if (r == -ENOSYS) {
		ktap_result(1, "caught signals go back to SIG_DFL, ignored ones stay ignored "
			    "# SKIP no rt_sigaction yet (-ENOSYS)");
		return;
	}
	pid = sys(clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		struct ksigaction ign = { 1 /* SIG_IGN */, 0, 0, { 0, 0 } };

		sys(rt_sigaction, SIGUSR1, &act, 0, 8);
		sys(rt_sigaction, SIGUSR2, &ign, 0, 8);
		exit(FAILED_EXEC - (int)sys(execve, self, av1, child_env("sig", text, 0)));
	}
	check_ran(wait_status(pid), OK, "caught signals go back to SIG_DFL, ignored ones stay "
		  "ignored");
}

/* ---- execveat ---------------------------------------------------------------------------- */

static void check_execveat(void)
{
	char dir[256], text[600], execfn[300];
	const char *base = self;
	long st, r;

	for (const char *p = self; *p; p++)
		if (*p == '/')
			base = p + 1;
	if (base - self >= (long)sizeof(dir))
		base = self + sizeof(dir) - 1;
	memcpy(dir, self, base - self);
	dir[base - self] = 0;
	if (!dir[0])
		snprintf(dir, sizeof(dir), ".");
	if (under_host && sys(execveat, -1, "", 0, 0, 0x4) == -ENOSYS) {
		for (int i = 0; i < 7; i++)
			ktap_result(1, "execveat # SKIP qemu-user has no execveat (-ENOSYS)");
		return;
	}

	long fd = sys(openat, AT_FDCWD, self, O_RDONLY, 0);
	char *av[] = { "via-fd", "x y", 0 };
	snprintf(execfn, sizeof(execfn), "/dev/fd/%ld", fd);
	st = spawn_at(fd, "", av, child_env("argv", "2:via-fd|x y", execfn), AT_EMPTY_PATH);
	check_ran(st, OK, "execveat(fd of the program, \"\", AT_EMPTY_PATH): argv as given, "
		  "AT_EXECFN /dev/fd/N");

	long dfd = sys(openat, AT_FDCWD, dir, O_RDONLY, 0);
	snprintf(execfn, sizeof(execfn), "/dev/fd/%ld/%s", dfd, base);
	snprintf(text, sizeof(text), "1:%s", base);
	char *av2[] = { (char *)base, 0 };
	st = spawn_at(dfd, base, av2, child_env("argv", text, execfn), 0);
	check_ran(st, OK, "execveat(directory fd, relative name): AT_EXECFN /dev/fd/N/name");

	r = try_exec_at(AT_FDCWD, self, 0x4);
	check_errno(r, EINVAL, "execveat with an unknown flag");
	r = try_exec_at(fd, "", 0);
	check_errno(r, ENOENT, "execveat(fd, \"\") without AT_EMPTY_PATH");
	r = try_exec_at(fd, "x", 0);
	check_errno(r, ENOTDIR, "execveat(fd of a file, relative name)");
	r = try_exec_at(999, "x", 0);
	check_errno(r, EBADF, "execveat(fd 999, relative name)");
	r = try_exec_at(dfd, "", AT_EMPTY_PATH);
	check_errno(r, EACCES, "execveat(directory fd, \"\", AT_EMPTY_PATH)");
	sys(close, fd);
	sys(close, dfd);
}

/* ---- scripts and the initramfs' files ------------------------------------------------- */

static void check_script(const char *path, const char *want, const char *what)
{
	char *av[] = { "script-argv0", "a1", 0 };
	long st;

	if (skip_without_files(what))
		return;
	st = spawn(path, av, child_env("argv", want, path));
	ktap_result(st == OK, "%s (status %ld)", what, st);
}

static void check_exec_errno(const char *path, long want, const char *what)
{
	if (skip_without_files(what))
		return;
	check_errno(try_exec(path), want, what);
}

static void check_files(void)
{
	char text[600];
	long st;

	/* The other ABI of the arch, and back. */
	const char *other = sizeof(void *) == 8 ? "32" : "64";
	char *av[] = { "/bin/other", "abi", 0 };
	if (!skip_without_files("exec of the other ABI of the arch")) {
		st = spawn("/bin/other", av, child_env("abi", "2:/bin/other|abi", "/bin/other"));
		ktap_result(st == to_long(other), "exec of the other ABI: it runs as a %s-bit "
			    "program (status %ld)", other, st);
	}
	if (!skip_without_files("and from there back to this ABI")) {
		char back[300];
		char *av2[] = { "/bin/other", "there", 0 };
		char **e = child_env("back", "2:/bin/other|there", 0);

		snprintf(back, sizeof(back), "EXEC_BACK=%s", self);
		e[2] = back;
		e[3] = 0;
		st = spawn("/bin/other", av2, e);
		ktap_result(st == (long)sizeof(void *) * 8, "and from there back: a %d-bit "
			    "program again (status %ld)", (int)sizeof(void *) * 8, st);
	}

	/* "#!" scripts: interpreter, optional argument, the script's path, then argv[1..] */
	check_script("/bin/s_noarg", "3:/init|/bin/s_noarg|a1",
		     "#!/init: argv = interpreter, script path, the rest");
	check_script("/bin/s_arg", "4:/init|one  two|/bin/s_arg|a1",
		     "#! \\t /init \\t one  two \\t : blanks around go, the argument keeps its "
		     "inner blanks as one word");
	check_script("/bin/s_nonl", "3:/init|/bin/s_nonl|a1", "#!/init with no newline at all");
	{
		char x[300];

		memset(x, 'x', 247);
		x[247] = 0;
		snprintf(text, sizeof(text), "4:/init|%s|/bin/s_long|a1", x);
	}
	check_script("/bin/s_long", text, "a line longer than 256 bytes: the argument is cut "
		     "at byte 255 of the file (247 of its 300 bytes)");
	check_script("/bin/s_longblank", "3:/init|/bin/s_longblank|a1",
		     "the interpreter, then blanks past byte 256: no argument");
	check_exec_errno("/bin/s_longinterp", ENOEXEC,
			 "an interpreter path cut by the 256-byte limit");
	check_exec_errno("/bin/s_bang", EACCES,
			 "\"#!\" alone (no newline): the interpreter \"\" is the working directory");
	check_exec_errno("/bin/s_blank", ENOEXEC, "\"#!  \\n\": no interpreter");
	check_exec_errno("/bin/loop_a", ELOOP, "two scripts naming each other");
	check_script("/bin/c2", "7:/init|/bin/c6|/bin/c5|/bin/c4|/bin/c3|/bin/c2|a1",
		     "five scripts in a chain run, each one's path before the last");
	check_exec_errno("/bin/c1", ELOOP, "six scripts in a chain");
	if (!skip_without_files("a script by a relative path: the path as given")) {
		char *av3[] = { "rel", "a1", 0 };

		st = spawn("bin/s_noarg", av3, child_env("argv", "3:/init|bin/s_noarg|a1",
							  "bin/s_noarg"));
		ktap_result(st == OK, "a script by a relative path: the path as given (status "
			    "%ld)", st);
	}

	/* A script through execveat: its path is /dev/fd/N, which an O_CLOEXEC fd makes
	 * unreachable for the interpreter: Linux refuses that with ENOENT. */
	if (!skip_without_files("execveat(fd of a script, \"\", AT_EMPTY_PATH): the script's "
				"path is /dev/fd/N")) {
		char *av3[] = { "fd-script", "a1", 0 };
		long fd = sys(openat, AT_FDCWD, "/bin/s_noarg", O_RDONLY, 0);
		char execfn[32];

		snprintf(execfn, sizeof(execfn), "/dev/fd/%ld", fd);
		snprintf(text, sizeof(text), "3:/init|%s|a1", execfn);
		st = spawn_at(fd, "", av3, child_env("argv", text, execfn), AT_EMPTY_PATH);
		ktap_result(st == OK, "execveat(fd of a script, \"\", AT_EMPTY_PATH): the script's "
			    "path is /dev/fd/N (status %ld)", st);
		sys(close, fd);
	}
	if (!skip_without_files("the same through an O_CLOEXEC fd: -ENOENT")) {
		long fd = sys(openat, AT_FDCWD, "/bin/s_noarg", O_RDONLY | O_CLOEXEC, 0);

		check_errno(try_exec_at(fd, "", AT_EMPTY_PATH), ENOENT,
			    "the same through an O_CLOEXEC fd: the interpreter could not open it");
		sys(close, fd);
	}

	/* Files exec refuses. */
	check_exec_errno("/bin/data", ENOEXEC, "an executable file that is neither ELF nor #!");
	check_exec_errno("/bin/noexec", EACCES, "an ELF without execute permission");
	check_exec_errno("/bin/dynamic", ENOEXEC,
			 "a dynamically linked ELF (the console names its interpreter)");
}

/* ---- the plain cases -------------------------------------------------------------------- */

static void check_basics(void)
{
	char text[600];
	long st, r;
	char *av[] = { (char *)self, "two words", "", "3", 0 };

	snprintf(text, sizeof(text), "4:%s|two words||3", self);
	st = spawn(self, av, child_env("argv", text, self));
	check_ran(st, OK, "execve: argv as given (an empty string too), AT_EXECFN the path");

	char *none[] = { 0 };
	st = spawn(self, none, child_env("argv", "1:", self));
	check_ran(st, OK, "an empty argv: argv[0] is \"\" (Linux 5.18+)");
	st = spawn(self, 0, child_env("argv", "1:", self));
	check_ran(st, OK, "a NULL argv: the same");

	/* the other ABI as a program of this one: exec of a 32-bit from 64-bit etc. in
	 * check_files; here the errors */
	check_errno(try_exec("/no/such/file"), ENOENT, "a missing file");
	check_errno(try_exec(""), ENOENT, "an empty path");
	snprintf(text, sizeof(text), "%s/x", self);
	check_errno(try_exec(text), ENOTDIR, "a path through a file");
	check_errno(try_exec("/"), EACCES, "a directory");
	r = sys(execve, self, (char **)16, environ);
	check_errno(r, EFAULT, "argv at an unmapped address");
	r = sys(execve, self, av, (char **)16);
	check_errno(r, EFAULT, "envp at an unmapped address");
	char *bad[] = { (char *)self, (char *)16, 0 };
	r = sys(execve, self, bad, environ);
	check_errno(r, EFAULT, "a string pointer inside argv at an unmapped address");
	r = sys(execve, (char *)16, av, environ);
	check_errno(r, EFAULT, "the path at an unmapped address");
#if defined(__x86_64__) || defined(__aarch64__)
	r = sys(execve, self, (char **)0x8000000000000000UL, environ);
	check_errno(r, EFAULT, "argv at a non-canonical (kernel-half) address");
#else
	ktap_result(1, "argv at a non-canonical address # SKIP a 32-bit program has none");
#endif
	r = sys(execve, "/no/such/file", (char **)16, environ);
	if (under_host && r == -EFAULT)
		ktap_result(1, "a missing file and a bad argv: the file is looked up first # SKIP "
			    "qemu-user reads argv before the host kernel looks (-EFAULT)");
	else
		check_errno(r, ENOENT, "a missing file and a bad argv: the file is looked up first");
}

int main(int argc, char **argv)
{
	const char *mode = env("EXEC_CHILD");

	if (argc > 1 && !strcmp(argv[1], NOT_TO_RUN))
		return 1;		/* an exec that should have failed did not */
	if (mode)
		return exec_child(mode, argc, argv);
	self = (const char *)getauxval(AT_EXECFN);
	under_host = sys(getpid) != 1;
	long probe = sys(openat, AT_FDCWD, "/bin/other", O_RDONLY, 0);
	have_files = !under_host && probe >= 0;
	if (probe >= 0)
		sys(close, probe);
	strbuf = map(0, STRBUF_SIZE, 0);

	ktap_plan(13 + 3 + 4 + 4 + 7 + 19);
	check_basics();			/* 13 */
	if (!strbuf) {
		ktap_result(0, "mmap of %lu bytes for the big argument lists", STRBUF_SIZE);
		return ktap_finish();
	}
	check_string_length();		/* 3 */
	check_limits();			/* 4 */
	check_inheritance();		/* 4 */
	check_execveat();		/* 7 */
	check_files();			/* 19 */
	return ktap_finish();
}
