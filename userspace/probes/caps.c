/*
 * The tracer's captures beyond the metadata's plain rules (issue 15's capture gaps), for the
 * boot test tests/boot/cases_ktrace.py (caps_*): iovec data (writev, readv, pwritev,
 * preadv), ioctl arguments by request, prctl's name, uname's whole utsname, futex
 * timeouts, clone3's clone_args, execve's envp count and wait4's status. The same calls on
 * every ABI with the same values, so strace's text of this program on the host
 * (tests/host/fixtures/kfix/caps.strace) is what the decoded trace must print; results
 * that depend on the machine (pids, addresses, the node name) are compared loosely there.
 * Run as "caps kid" (its own exec) it exits 3 at once.
 */
#include <ferry/probe.h>

#define SIGCHLD		17
#define PR_SET_NAME	15
#define PR_GET_NAME	16
#define TCSETS		0x5402
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541b
#define FUTEX_WAIT	0
#define FUTEX_WAKE	1
#define FUTEX_PRIVATE	128

struct iov { void *base; unsigned long len; };	/* struct iovec of the ABI's width */
struct ts { long sec, nsec; };			/* the ABI's futex timespec: old_timespec32
						 * on i386 and arm, __kernel_timespec on 64-bit */
struct termios_k {				/* the kernel's struct termios: 36 bytes */
	unsigned int iflag, oflag, cflag, lflag;
	unsigned char line, cc[19];
};

static void exit_now(int code)
{
	sys(exit_group, code);
	for (;;)
		;
}

static void iov_calls(int *p)
{
	static char a[] = "hello ";
	static char b[] = "world, this is a longer segment of more than 64 bytes of text ok\n";
	static char r1[4], r2[100], r3[8];
	struct iov v[2] = { { a, 6 }, { b, sizeof(b) - 1 } };
	struct iov w[3] = { { r1, 4 }, { r2, 100 }, { r3, 8 } };

	sys(writev, p[1], v, 2);
	sys(readv, p[0], w, 3);
	sys(write, p[1], "xyz", 3);
	sys(readv, p[0], w, 3);
	sys(readv, 99, w, 1);
	sys(writev, 99, v, 1);
	sys(pwritev, p[1], v, 1, 0, 0);
	sys(preadv, p[0], w, 1, 0, 0);
}

static void ioctl_calls(int *p)
{
	struct termios_k t = { 0x500, 0x5, 0xbf, 0x8a3b, 0, { 3, 28, 127, 21, 4 } };
	unsigned short ws[4] = { 24, 80, 0, 0 };
	int n = -1;

	sys(ioctl, p[0], TIOCGWINSZ, ws);
	sys(ioctl, p[0], TIOCSWINSZ, ws);
	sys(ioctl, p[0], TCSETS, &t);
	sys(write, p[1], "abcde", 5);
	sys(ioctl, p[0], FIONREAD, &n);
	sys(ioctl, p[0], 0x12345678, 0x1000);
}

static void misc_calls(void)
{
	static char nm[16];
	static char uts[390];
	static int word;
	struct ts ts = { 0, 1000 };

	sys(prctl, PR_SET_NAME, "capsname", 0, 0, 0);
	sys(prctl, PR_GET_NAME, nm, 0, 0, 0);
	sys(prctl, PR_SET_NAME, "averyveryverylongname", 0, 0, 0);
	sys(uname, uts);
	sys(futex, &word, FUTEX_WAIT, 1, &ts, 0, 0);
	sys(futex, &word, FUTEX_WAIT | FUTEX_PRIVATE, 0, &ts, 0, 0);
	sys(futex, &word, FUTEX_WAKE, 1, 0, 0, 0);
}

int main(int argc, char **argv)
{
	static char *kid_argv[] = { "caps", "kid", 0 };
	static char *kid_envp[] = { "A=1", "B=2", "C=3", 0 };
	static unsigned long long cargs[11];	/* struct clone_args, version 2: 88 bytes */
	int p[2], status = 0;
	long pid;

	if (argc > 1 && !strcmp(argv[1], "kid"))
		return 3;
	if (sys(pipe2, p, 0))
		return 1;
	iov_calls(p);
	ioctl_calls(p);
	misc_calls();
	cargs[4] = SIGCHLD;			/* exit_signal */
	pid = sys(clone3, cargs, sizeof(cargs));
	if (pid == 0) {
		sys(execve, "/bin/capskid", kid_argv, kid_envp);
		exit_now(127);
	}
	if (pid < 0 || sys(wait4, pid, &status, 0, 0) != pid || status != 3 << 8) {
		printf("caps: child %ld, status %#x, expected exit 3\n", pid, status);
		return 1;
	}
	printf("caps: done\n");
	return 0;
}
