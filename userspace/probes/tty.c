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
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define SIGINT		2
#define SIGCHLD		17
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

static int session_leader(void)
{
	struct kernel_termios t;
	long r;
	int pgrp = -1;

	sys(setsid);
	ktap_plan(49);
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
	return ktap_finish();
}

int main(void)
{
	long pid;
	int status = 0;

	/* Booted as init: /dev as Linux's inits make it (devtmpfs has tty, console, the line). */
	if (sys(getpid) == 1) {
		long r = sys(mount, "devtmpfs", "/dev", "devtmpfs", 0, 0);

		if (r)
			printf("tty probe: mount devtmpfs on /dev: %ld\n", r);
	}
	printf("tty probe: start\n");
	pid = sys(clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		sys(exit_group, session_leader());
	sys(wait4, pid, &status, 0, 0);
	printf("tty probe: end\n");
	return (status & 0x7f) ? 128 + (status & 0x7f) : (status >> 8) & 0xff;
}
