/*
 * The terminal (issue 12), driven from the host: tests/boot/tty_session.py types into this
 * probe through a real terminal line (the guest's serial port on a socket, or a host
 * pseudo-terminal under qemu-user for Linux's answers) and compares every byte that comes
 * back: echoes, erasures, the probe's results. Each "@@ NAME" line asks the driver for that
 * step's input (tty_session.py's STEPS); the probe checks what read(2) returned.
 *
 * A child of the first process does the work as a session leader (setsid + TIOCSCTTY on
 * fd 0), so on both sides its parent is outside its session and the job-control rules
 * (orphaned groups) are the same. Every ABI; the 32-bit ones reach the ioctls through
 * compat_sys_ioctl.
 *
 * Job control (issue 13): keys typed on the line (^C, ^\, ^Z) reach a sleeping foreground
 * job; background readers and writers get SIGTTIN/SIGTTOU (EIO when ignored, or from an
 * orphaned group); the session leader's exit hangs the terminal up (SIGHUP to the
 * foreground group, the terminal leaves the session) and a stopped group it leaves
 * orphaned gets SIGHUP + SIGCONT. Background I/O goes through /dev/tty, never fd 0: booted
 * Linux exempts /dev/console (fd 0 there) from job control.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGKILL		9
#define SIGCHLD		17
#define SIGCONT		18
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define EINTR		4
#define EIO		5
#define WUNTRACED	2
#define WCONTINUED	8
#define O_NONBLOCK	04000
#define SA_RESTORER	0x04000000
#define SA_SIGINFO	0x00000004
#define SIG_DFL		0UL
#define SIG_IGN		1UL
#define EBADF		9
#define EFAULT		14
#define EINVAL		22
#define ENOTTY		25
#define EAGAIN		11
#define ENXIO		6
#define AT_FDCWD	-100
#define O_RDWR		2
#define O_NOCTTY	0400

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSF		0x5404
#define TCFLSH		0x540B
#define TIOCSCTTY	0x540E
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCOUTQ	0x5411
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541B
#define FIONBIO		0x5421
#define TIOCNOTTY	0x5422
#define FIONCLEX	0x5450
#define FIOCLEX		0x5451

/* struct termios as the kernel takes it (36 bytes on every ABI). */
struct kernel_termios {
	unsigned int c_iflag, c_oflag, c_cflag, c_lflag;
	unsigned char c_line, c_cc[19];
};
#define VINTR 0
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VWERASE 14
#define IGNCR	0000200
#define ICRNL	0000400
#define IXON	0002000
#define OPOST	0000001
#define ONLCR	0000004
#define ISIG	0000001
#define ICANON	0000002
#define ECHO	0000010
#define ECHOE	0000020
#define ECHOK	0000040
#define ECHONL	0000100
#define ECHOCTL	0001000
#define ECHOKE	0004000
#define IEXTEN	0100000
#define TOSTOP	0000400

#define STD_IFLAG	(ICRNL | IXON)
#define STD_OFLAG	(OPOST | ONLCR)
#define STD_LFLAG	(ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN)
static const unsigned char std_cc[19] = "\003\034\177\025\004\0\1\0\021\023\032\0\022\017\027\026\0";

struct winsize {
	unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};

static struct kernel_termios base;

static long ioctl(int fd, unsigned long cmd, unsigned long arg)
{
	return sys(ioctl, fd, cmd, arg);
}

static void prompt(const char *step)
{
	printf("@@ %s\n", step);
}

/* Bytes as C escapes, so a result line shows exactly what read returned. */
static const char *shown(const char *buf, long n)
{
	static char out[256];
	int o = 0;

	for (long i = 0; i < n && o < (int)sizeof(out) - 5; i++) {
		unsigned char c = buf[i];

		if (c == '\n') {
			out[o++] = '\\';
			out[o++] = 'n';
		} else if (c < 0x20 || c >= 0x7f || c == '\\') {
			o += snprintf(out + o, sizeof(out) - o, "\\x%02x", c);
		} else {
			out[o++] = c;
		}
	}
	out[o] = 0;
	return out;
}

static void set_modes(unsigned int iflag, unsigned int oflag, unsigned int lflag, int vmin,
		      int vtime)
{
	struct kernel_termios t = base;

	t.c_iflag = iflag;
	t.c_oflag = oflag;
	t.c_lflag = lflag;
	t.c_cc[VMIN] = vmin;
	t.c_cc[VTIME] = vtime;
	ioctl(0, TCSETS, (unsigned long)&t);
}

/* One step: ask for its input, read once, check the bytes. */
static void read_count(const char *step, long count, const char *want, long want_n,
		       const char *what)
{
	char buf[128];
	long n;

	prompt(step);
	n = sys(read, 0, buf, count);
	ktap_result(n == want_n && (n <= 0 || !memcmp(buf, want, n)), "%s: read %ld \"%s\"",
		    what, n, n > 0 ? shown(buf, n) : "");
}

static void read_step(const char *step, const char *want, long want_n, const char *what)
{
	read_count(step, 128, want, want_n, what);
}

static void canonical(void)
{
	set_modes(STD_IFLAG, STD_OFLAG, STD_LFLAG, 1, 0);
	read_step("erase", "abc\n", 4, "VERASE takes back one byte, ECHOE rubs it out");
	read_step("kill", "ok\n", 3, "VKILL takes back the line, ECHOKE rubs it out");
	read_step("werase", "one three\n", 10, "VWERASE takes back a word");
	read_step("eof", "", 0, "VEOF at a line's start: end of file");
	read_step("eof-mid", "ab", 2, "VEOF inside a line ends it without itself");
	read_step("ctl", "a\001b\n", 4, "ECHOCTL echoes ^A");
	read_step("cr", "cr\n", 3, "ICRNL turns CR into NL");
	read_count("eol-split", 2, "lo", 2, "a line read in pieces: first part");
	{
		char buf[16];
		long n = sys(read, 0, buf, sizeof(buf));

		ktap_result(n == 5 && !memcmp(buf, "ng!!\n", 5), "the rest of the line: read %ld",
			    n);
	}
	set_modes(STD_IFLAG | IGNCR, STD_OFLAG, STD_LFLAG, 1, 0);
	read_step("igncr", "xy\n", 3, "IGNCR drops CR");
	set_modes(STD_IFLAG, STD_OFLAG, ISIG | ICANON | IEXTEN, 1, 0);
	read_step("noecho", "secret\n", 7, "without ECHO nothing is echoed");
	set_modes(STD_IFLAG, STD_OFLAG, ISIG | ICANON | IEXTEN | ECHONL, 1, 0);
	read_step("echonl", "hid\n", 4, "ECHONL echoes only the newline");
	set_modes(STD_IFLAG, STD_OFLAG, ISIG | ICANON | ECHO | IEXTEN, 1, 0);
	read_step("echo-noechoe", "ac\n", 3, "ECHO without ECHOE echoes the erase character");
	set_modes(STD_IFLAG, STD_OFLAG, STD_LFLAG, 1, 0);
}

static void noncanonical(void)
{
	long long t0, dt;
	char buf[16];
	long n;
	int cnt = -1;

	set_modes(STD_IFLAG, STD_OFLAG, ISIG | IEXTEN, 1, 0);
	read_step("min1", "k", 1, "VMIN 1 VTIME 0: one byte");
	set_modes(STD_IFLAG, STD_OFLAG, ISIG | IEXTEN, 3, 0);
	read_step("min3", "xyz", 3, "VMIN 3 VTIME 0: waits for three");

	set_modes(STD_IFLAG, STD_OFLAG, ISIG | IEXTEN, 0, 0);
	n = sys(read, 0, buf, sizeof(buf));
	ktap_result(n == 0, "VMIN 0 VTIME 0 with nothing typed: read %ld", n);

	set_modes(STD_IFLAG, STD_OFLAG, ISIG | IEXTEN, 0, 3);
	t0 = now_ms();
	n = sys(read, 0, buf, sizeof(buf));
	dt = now_ms() - t0;
	ktap_result(n == 0 && dt >= 250, "VMIN 0 VTIME 3 with nothing typed: read %ld after 0.3 s%s",
		    n, dt >= 250 ? "" : " (too soon)");

	set_modes(STD_IFLAG, STD_OFLAG, ISIG | IEXTEN, 2, 3);
	read_step("min2time3", "q", 1, "VMIN 2 VTIME 3: one byte, then the timer");

	set_modes(STD_IFLAG, STD_OFLAG, ISIG | IEXTEN | ECHO | ECHOCTL, 1, 0);
	read_step("raw-echo", "\n", 1, "non-canonical ECHOCTL echoes a typed NL as ^J");

	set_modes(STD_IFLAG, STD_OFLAG, ISIG | IEXTEN, 1, 0);
	{
		int on = 1, off = 0;
		long r1 = ioctl(0, FIONBIO, (unsigned long)&on);

		n = sys(read, 0, buf, sizeof(buf));
		ioctl(0, FIONBIO, (unsigned long)&off);
		ktap_result(r1 == 0 && n == -EAGAIN, "FIONBIO: read with nothing typed: %ld", n);
	}

	set_modes(STD_IFLAG, STD_OFLAG, ISIG | IEXTEN, 4, 0);
	prompt("inq");
	sleep_ms(1500);
	ioctl(0, FIONREAD, (unsigned long)&cnt);
	ktap_result(cnt == 4, "FIONREAD in non-canonical mode: %d", cnt);
	ioctl(0, TCFLSH, 0);
	cnt = -1;
	ioctl(0, FIONREAD, (unsigned long)&cnt);
	ktap_result(cnt == 0, "TCFLSH TCIFLUSH empties the input: %d", cnt);

	set_modes(STD_IFLAG, STD_OFLAG, ISIG | ICANON | IEXTEN, 1, 0);
	prompt("inq-canon");
	sleep_ms(1500);
	cnt = -1;
	ioctl(0, FIONREAD, (unsigned long)&cnt);
	ktap_result(cnt == 3, "FIONREAD in canonical mode counts whole lines: %d", cnt);
	ioctl(0, TCFLSH, 0);

	set_modes(STD_IFLAG, 0, STD_LFLAG, 1, 0);
	sys(write, 1, "raw\nout\n", 8);
	set_modes(STD_IFLAG, STD_OFLAG, STD_LFLAG, 1, 0);
	ktap_result(1, "without OPOST a NL goes out alone");
}

struct pollfd {
	int fd;
	short events, revents;
};
#define POLLIN	0x1
#define POLLOUT	0x4

static long poll_ms(struct pollfd *p, long ms)
{
	struct timespec64 ts = { ms / 1000, (ms % 1000) * 1000000 };

#if defined(__i386__) || defined(__arm__)
	return sys(ppoll_time64, p, 1, &ts, 0, 8);
#else
	return sys(ppoll, p, 1, &ts, 0, 8);
#endif
}

/* poll: no line yet is not readable; a typed line wakes the poller. */
static void poll_tty(void)
{
	struct pollfd p = { 0, POLLIN, 0 };
	char buf[8];
	long r;

	set_modes(STD_IFLAG, STD_OFLAG, ISIG | ICANON | IEXTEN, 1, 0);
	r = poll_ms(&p, 0);
	ktap_result(r == 0 && p.revents == 0, "poll POLLIN with no line: %ld, revents %#x", r,
		    p.revents);
	p.events = POLLIN | POLLOUT;
	r = poll_ms(&p, 0);
	ktap_result(r == 1 && p.revents == POLLOUT, "poll POLLOUT: always writable (%#x)",
		    p.revents);
	p.events = POLLIN;
	p.revents = 0;
	prompt("poll");
	r = poll_ms(&p, 20000);
	ktap_result(r == 1 && p.revents == POLLIN, "a typed line wakes poll: %ld, revents %#x", r,
		    p.revents);
	r = sys(read, 0, buf, sizeof(buf));
	ktap_result(r == 2 && buf[0] == 'z', "and read returns it: %ld", r);
	set_modes(STD_IFLAG, STD_OFLAG, STD_LFLAG, 1, 0);
}

static void errors(void)
{
	struct kernel_termios t;
	int cnt;

	ktap_result(ioctl(99, TCGETS, (unsigned long)&t) == -EBADF, "TCGETS on a closed fd: EBADF");
	ktap_result(ioctl(0, TCGETS, 1) == -EFAULT, "TCGETS to a bad pointer: EFAULT");
	ktap_result(ioctl(0, TIOCGWINSZ, 1) == -EFAULT, "TIOCGWINSZ to a bad pointer: EFAULT");
	ktap_result(ioctl(0, TCFLSH, 7) == -EINVAL, "TCFLSH 7: EINVAL");
	ktap_result(ioctl(0, FIOCLEX, 0) == 0 && ioctl(0, FIONCLEX, 0) == 0, "FIOCLEX, FIONCLEX");
	cnt = -1;
	ktap_result(ioctl(0, TIOCOUTQ, (unsigned long)&cnt) == 0 && cnt == 0,
		    "TIOCOUTQ: nothing waits to be sent");
}

static void winsize(void)
{
	struct winsize ws = { 24, 80, 0, 0 }, got = { 0 };
	long r = ioctl(0, TIOCSWINSZ, (unsigned long)&ws);

	ioctl(0, TIOCGWINSZ, (unsigned long)&got);
	ktap_result(r == 0 && got.ws_row == 24 && got.ws_col == 80,
		    "TIOCGWINSZ after TIOCSWINSZ: %ux%u", got.ws_row, got.ws_col);
}

static void dev_tty(void)
{
	long fd = sys(openat, AT_FDCWD, "/dev/tty", O_RDWR);
	int pgrp = -1;

	ktap_result(fd >= 0, "open /dev/tty: the controlling terminal (%s)",
		    fd >= 0 ? "an fd" : "failed");
	if (fd < 0)
		return;
	sys(write, fd, "via /dev/tty\n", 13);
	ktap_result(ioctl(fd, TIOCGPGRP, (unsigned long)&pgrp) == 0 && pgrp == sys(getpgid, 0),
		    "TIOCGPGRP through /dev/tty: our group");
	sys(close, fd);
}

/* ^C: the foreground job (a child in its own group) dies of SIGINT; we are in the background. */
static void interrupt(void)
{
	int status = 0, pgrp = -1;
	long pid = sys(clone, SIGCHLD, 0, 0, 0, 0), r;
	char c;

	if (pid == 0) {
		int fg = -1;

		sys(setpgid, 0, 0);
		/* Read only once in the foreground: a background read would raise SIGTTIN,
		 * which stops the child on Linux, and ^C would then never end it. */
		while (ioctl(0, TIOCGPGRP, (unsigned long)&fg) == 0 && fg != sys(getpid))
			sleep_ms(10);
		sys(read, 0, &c, 1);
		sys(exit_group, 3);	/* not reached: ^C comes first */
	}
	sys(setpgid, pid, pid);
	r = ioctl(0, TIOCSPGRP, (unsigned long)&pid);
	ioctl(0, TIOCGPGRP, (unsigned long)&pgrp);
	ktap_result(r == 0 && pgrp == pid, "TIOCSPGRP makes the child's group the foreground");
	set_modes(STD_IFLAG, STD_OFLAG, STD_LFLAG, 1, 0);
	prompt("intr");
	sys(wait4, pid, &status, 0, 0);
	ktap_result((status & 0x7f) == SIGINT, "^C killed the foreground job with SIGINT (status %#x)",
		    status);
	r = ioctl(0, TIOCSPGRP, (unsigned long)&pgrp);
	ktap_result(r == -ENOTTY, "TIOCSPGRP from an orphaned background group: %ld", r);
	r = ioctl(0, TIOCNOTTY, 0);
	ktap_result(r == 0, "TIOCNOTTY by the session leader: %ld", r);
	r = ioctl(0, TIOCGPGRP, (unsigned long)&pgrp);
	ktap_result(r == -ENOTTY, "TIOCGPGRP without a controlling terminal: %ld", r);
	r = sys(openat, AT_FDCWD, "/dev/tty", O_RDWR);
	ktap_result(r == -ENXIO, "open /dev/tty without one: %ld", r);
	r = ioctl(0, TIOCSCTTY, 0);
	pgrp = -1;
	ioctl(0, TIOCGPGRP, (unsigned long)&pgrp);
	ktap_result(r == 0 && pgrp == sys(getpgid, 0), "TIOCSCTTY again: foreground is ours");
}


/* ---- job control (issue 13) ------------------------------------------------------------ */

/* Handlers return through our own restorer on every ABI (x86_64 requires one). */
#if defined(__x86_64__)
__asm__(".text\n.globl restore_rt\nrestore_rt:\n\tmov $15, %rax\n\tsyscall\n\thlt\n");
#elif defined(__i386__)
__asm__(".text\n.globl restore_rt\nrestore_rt:\n\tmov $173, %eax\n\tint $0x80\n\thlt\n");
#elif defined(__aarch64__)
__asm__(".text\n.globl restore_rt\nrestore_rt:\n\tmov x8, #139\n\tsvc #0\n");
#else
__asm__(".text\n.arm\n.globl restore_rt\nrestore_rt:\n\tmov r7, #173\n\tsvc #0\n");
#endif
extern char restore_rt[];

struct ksigaction {
	unsigned long handler, flags, restorer;
	unsigned int mask[2];
};

static volatile int caught[32];		/* how many times each signal's handler ran */
static int report_fd = -1;		/* report(): where a handler writes its letter */

static void note(int sig)
{
	caught[sig]++;
}

/* For a process whose results another prints: 'h' for SIGHUP, 'c' for SIGCONT. */
static void report(int sig)
{
	char c = sig == SIGHUP ? 'h' : 'c';

	sys(write, report_fd, &c, 1);
}

/* SA_SIGINFO: the rt frame on every ABI, which restore_rt's rt_sigreturn expects. */
static void on(int sig, unsigned long handler)
{
	struct ksigaction sa = { handler, SA_RESTORER | SA_SIGINFO, (unsigned long)restore_rt,
				 { 0, 0 } };

	sys(rt_sigaction, sig, &sa, 0, 8);
}

/* nanosleep as each ABI's own call takes it (old_timespec32 on the 32-bit ones). */
static long nap(long sec)
{
	struct { long tv_sec, tv_nsec; } ts = { sec, 0 };

	return sys(nanosleep, &ts, 0);
}

static long open_tty(void)
{
	return sys(openat, AT_FDCWD, "/dev/tty", O_RDWR);
}

static long wait_for(long pid, int options)
{
	int status = -1;

	if (sys(wait4, pid, &status, options, 0) != pid)
		return -1;
	return status;
}

/*
 * A job: a child in a process group of its own (0 in the child, its pid in the parent),
 * made the foreground group when fg. The child starts with SIGTTOU at its default and,
 * for fg, goes on once the terminal names its group.
 */
static long job(int fg)
{
	long pid = sys(clone, SIGCHLD, 0, 0, 0, 0);

	if (pid == 0) {
		int g = -1;

		on(SIGTTOU, SIG_DFL);
		sys(setpgid, 0, 0);
		/* At most 3 s: a parent that could not hand the terminal over fails its
		 * checks rather than hanging the run. */
		for (int i = 0; fg && i < 600 && ioctl(0, TIOCGPGRP, (unsigned long)&g) == 0 &&
				g != sys(getpid); i++)
			sleep_ms(5);
		return 0;
	}
	sys(setpgid, pid, pid);
	if (fg)
		ioctl(0, TIOCSPGRP, (unsigned long)&pid);
	return pid;
}

/* Back to the foreground: from the background, as a shell does, with SIGTTOU ignored. */
static long take_terminal(void)
{
	int me = sys(getpgid, 0);

	return ioctl(0, TIOCSPGRP, (unsigned long)&me);
}

/* ^C, ^\ and ^Z typed on the line while the foreground job sleeps in nanosleep. */
static void keys(void)
{
	long pid, r, st;

	on(SIGTTOU, SIG_IGN);		/* we take the terminal back from the background */

	pid = job(1);
	if (pid == 0) {
		prompt("intr-sleep");
		nap(20);
		sys(exit_group, 3);
	}
	st = wait_for(pid, 0);
	ktap_result(st == SIGINT, "^C typed on the line ends the sleeping foreground job: "
		    "SIGINT (status %#lx)", st);
	r = take_terminal();
	ktap_result(r == 0, "ignoring SIGTTOU, an orphaned background group takes the "
		    "terminal back: %ld", r);

	pid = job(1);
	if (pid == 0) {
		on(SIGINT, (unsigned long)note);
		prompt("intr-handler");
		r = nap(20);
		sys(exit_group, (caught[SIGINT] == 1) | (r == -EINTR) << 1);
	}
	st = wait_for(pid, 0);
	ktap_result(st == 0x300, "^C with a handler: it runs once and nanosleep returns EINTR "
		    "(status %#lx)", st);
	take_terminal();

	pid = job(1);
	if (pid == 0) {
		/* A handler: SIGQUIT's default would dump a core (and qemu-user says so). */
		on(SIGQUIT, (unsigned long)note);
		prompt("quit");
		r = nap(20);
		sys(exit_group, (caught[SIGQUIT] == 1) | (r == -EINTR) << 1);
	}
	st = wait_for(pid, 0);
	ktap_result(st == 0x300, "^\\ sends it SIGQUIT: the handler runs, nanosleep returns EINTR "
		    "(status %#lx)", st);
	take_terminal();

	pid = job(1);
	if (pid == 0) {
		prompt("susp");
		for (;;)
			nap(20);
	}
	st = wait_for(pid, WUNTRACED);
	ktap_result(st == (0x7f | SIGTSTP << 8), "^Z stops it: wait4 WUNTRACED %#lx", st);
	sys(kill, pid, SIGCONT);
	st = wait_for(pid, WCONTINUED);
	ktap_result(st == 0xffff, "SIGCONT continues it: wait4 WCONTINUED %#lx", st);
	sys(kill, pid, SIGKILL);
	st = wait_for(pid, 0);
	ktap_result(st == SIGKILL, "and SIGKILL ends it (status %#lx)", st);
	take_terminal();
}

/* Readers and writers in a background group (not orphaned: we, its parent, are outside it
 * in the same session), through /dev/tty. */
static void background(void)
{
	struct kernel_termios t;
	long pid, st, r;

	pid = job(0);
	if (pid == 0) {
		long fd = open_tty(), bits = 0;
		char c;

		on(SIGTTIN, (unsigned long)note);
		r = sys(read, fd, &c, 1);
		bits |= r == -EINTR && caught[SIGTTIN] == 1;
		on(SIGTTIN, SIG_IGN);
		r = sys(read, fd, &c, 1);
		bits |= (r == -EIO) << 1;
		sys(exit_group, bits);
	}
	st = wait_for(pid, 0);
	ktap_result(st >= 0 && (st >> 8 & 1), "a background read raises SIGTTIN: the handler "
		    "runs, read returns EINTR (status %#lx)", st);
	ktap_result(st >= 0 && (st >> 8 & 2), "a background read with SIGTTIN ignored: EIO");

	set_modes(STD_IFLAG, STD_OFLAG, STD_LFLAG | TOSTOP, 1, 0);
	pid = job(0);
	if (pid == 0) {
		long fd = open_tty(), bits = 0;
		static const char msg[] = "background write, SIGTTOU ignored\n";

		on(SIGTTOU, (unsigned long)note);
		r = sys(write, fd, "x\n", 2);
		bits |= r == -EINTR && caught[SIGTTOU] == 1;
		ioctl(fd, TCGETS, (unsigned long)&t);
		r = ioctl(fd, TCSETS, (unsigned long)&t);
		bits |= (r == -EINTR && caught[SIGTTOU] == 2) << 1;
		on(SIGTTOU, SIG_IGN);
		r = sys(write, fd, msg, sizeof(msg) - 1);
		bits |= (r == sizeof(msg) - 1) << 2;
		r = ioctl(fd, TCSETS, (unsigned long)&t);
		bits |= (r == 0) << 3;
		sys(exit_group, bits);
	}
	st = wait_for(pid, 0);
	ktap_result(st >= 0 && (st >> 8 & 1), "TOSTOP: a background write raises SIGTTOU, "
		    "write returns EINTR (status %#lx)", st);
	ktap_result(st >= 0 && (st >> 8 & 2), "tcsetattr from the background raises SIGTTOU");
	ktap_result(st >= 0 && (st >> 8 & 4), "TOSTOP with SIGTTOU ignored: the write goes out");
	ktap_result(st >= 0 && (st >> 8 & 8), "tcsetattr with SIGTTOU ignored goes ahead");

	pid = job(0);
	if (pid == 0) {
		long fd = open_tty();

		sys(write, fd, "never\n", 6);
		sys(exit_group, 3);
	}
	st = wait_for(pid, WUNTRACED);
	ktap_result(st == (0x7f | SIGTTOU << 8), "TOSTOP: SIGTTOU's default stops the writer "
		    "(%#lx)", st);
	sys(kill, pid, SIGKILL);
	wait_for(pid, 0);
	set_modes(STD_IFLAG, STD_OFLAG, STD_LFLAG, 1, 0);
}

/*
 * Our end, which hangs the terminal up. A background reader is left stopped by SIGTTIN;
 * a foreground job waits. Our exit sends the foreground group SIGHUP (Linux 6.1: alone),
 * takes the terminal from the session, and leaves the stopped reader's group orphaned:
 * it gets SIGHUP then SIGCONT. The foreground job prints what it saw (the numbering goes
 * on from ours) and reports the failures to the first process on done_fd.
 */
static int done_fd;

static void __attribute__((noreturn)) hangup(void)
{
	int news[2], ready[2], g_pgrp;
	long g, f, st, r, fd;
	char c;

	sys(pipe2, news, 0);
	sys(pipe2, ready, 0);
	g = job(0);
	if (g == 0) {
		char res;

		report_fd = news[1];
		on(SIGHUP, (unsigned long)report);
		on(SIGCONT, (unsigned long)report);
		fd = open_tty();
		r = sys(read, fd, &c, 1);	/* SIGTTIN stops us here */
		res = r == -EINTR ? 'E' : '?';
		sys(write, news[1], &res, 1);
		sys(exit_group, 0);
	}
	st = wait_for(g, WUNTRACED);
	ktap_result(st == (0x7f | SIGTTIN << 8), "SIGTTIN's default stops a background reader "
		    "(%#lx)", st);

	/* With the stopped group in the foreground we are an orphaned background group. */
	g_pgrp = g;
	ioctl(0, TIOCSPGRP, (unsigned long)&g_pgrp);
	on(SIGTTOU, SIG_DFL);
	fd = open_tty();
	r = ioctl(fd, TCSETS, (unsigned long)&base);
	ktap_result(r == -EIO, "tcsetattr from an orphaned background group: %ld", r);
	r = sys(read, fd, &c, 1);
	ktap_result(r == -EIO, "a read from an orphaned background group: %ld", r);
	sys(close, fd);
	on(SIGTTOU, SIG_IGN);		/* to hand the terminal on from the background */

	f = job(1);
	if (f == 0) {
		char got[8];
		int n = 0, h = 0, cc = 0, e = 0;
		long long t0;

		on(SIGHUP, (unsigned long)note);
		on(SIGCONT, (unsigned long)note);
		sys(close, news[1]);
		sys(write, ready[1], "r", 1);
		for (int i = 0; i < 300 && !caught[SIGHUP]; i++)
			sleep_ms(10);
		sleep_ms(100);		/* a SIGCONT, if one came, has been taken by now */
		ktap_result(caught[SIGHUP] == 1, "the session leader's exit sends SIGHUP to the "
			    "foreground group");
		ktap_result(caught[SIGCONT] == 0, "and no SIGCONT (a hangup, unlike TIOCNOTTY)");
		r = ioctl(0, TIOCGPGRP, (unsigned long)&g_pgrp);
		ktap_result(r == -ENOTTY, "the terminal has left the session: TIOCGPGRP %ld", r);
		r = open_tty();
		ktap_result(r == -ENXIO, "open /dev/tty: %ld", r);
		/* The orphaned reader's news: 'h' and 'c' from its handlers, then its read. */
		sys(fcntl, news[0], 4 /* F_SETFL */, O_NONBLOCK);
		t0 = now_ms();
		while (n < (int)sizeof(got) && now_ms() - t0 < 3000) {
			if (sys(read, news[0], &got[n], 1) == 1) {
				h += got[n] == 'h';
				cc += got[n] == 'c';
				if (got[n++] == 'E' || got[n - 1] == '?')
					break;
			} else {
				sleep_ms(10);
			}
		}
		e = n > 0 && got[n - 1] == 'E';
		sys(kill, g, SIGKILL);		/* if it never woke */
		ktap_result(h == 1 && cc == 1, "the stopped group left orphaned gets SIGHUP and "
			    "SIGCONT (%d, %d)", h, cc);
		ktap_result(e, "its read ends with EINTR");
		c = ktap_finish();
		sys(write, done_fd, &c, 1);
		sys(exit_group, 0);
	}
	sys(read, ready[0], &c, 1);	/* its handlers are in place */
	sys(exit_group, 0);
	__builtin_unreachable();
}

static int session_leader(void)
{
	struct kernel_termios t;
	long r;
	int pgrp = -1;

	sys(setsid);
	r = ioctl(0, TIOCGPGRP, (unsigned long)&pgrp);
	ktap_result(r == -ENOTTY, "TIOCGPGRP before we have a controlling terminal: %ld", r);
	r = ioctl(0, TIOCSCTTY, 0);
	ktap_result(r == 0, "TIOCSCTTY by a session leader: %ld", r);
	r = ioctl(0, TIOCGPGRP, (unsigned long)&pgrp);
	ktap_result(r == 0 && pgrp == sys(getpgid, 0), "TIOCGPGRP: our group is the foreground");
	r = ioctl(0, TCGETS, (unsigned long)&t);
	ktap_result(r == 0 && t.c_iflag == STD_IFLAG && t.c_oflag == STD_OFLAG &&
		    t.c_lflag == STD_LFLAG && !memcmp(t.c_cc, std_cc, 17),
		    "TCGETS: Linux's standard modes (iflag %#x oflag %#x lflag %#x)",
		    t.c_iflag, t.c_oflag, t.c_lflag);
	base = t;
	r = ioctl(0, TCSETSF, (unsigned long)&t);
	ktap_result(r == 0, "TCSETSF: %ld", r);

	canonical();
	noncanonical();
	poll_tty();
	errors();
	winsize();
	dev_tty();
	interrupt();
	keys();
	background();
	hangup();
}

#define PLAN	72

int main(void)
{
	int done[2];
	long pid;
	char failures = 1;

	/* Booted as init: /dev as Linux's inits make it (devtmpfs has tty, console, the line). */
	if (sys(getpid) == 1) {
		long r = sys(mount, "devtmpfs", "/dev", "devtmpfs", 0, 0);

		if (r)
			printf("tty probe: mount devtmpfs on /dev: %ld\n", r);
	}
	printf("tty probe: start\n");
	ktap_plan(PLAN);
	sys(pipe2, done, 0);
	done_fd = done[1];
	pid = sys(clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		sys(exit_group, session_leader());
	sys(close, done[1]);
	sys(wait4, pid, 0, 0, 0);
	/* The last of the session's jobs prints the summary and sends the failures. */
	sys(read, done[0], &failures, 1);
	while (sys(read, done[0], &pid, 1) > 0)
		;			/* until every one of them is gone */
	printf("tty probe: end\n");
	return failures;
}
