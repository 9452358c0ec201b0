/*
 * poll and select (issue 12): poll, ppoll, select (each ABI's: x86_64 select, i386's old
 * select and _newselect, arm's _newselect), pselect6 and the 32-bit time64 variants, on
 * pipes and on a regular file (always ready): readiness, POLLHUP/POLLERR/POLLNVAL,
 * timeouts (never early) and the time left written back, a wake-up from another process
 * after a sleep, and Linux's errno (EBADF, EINVAL, EFAULT). Every ABI; also under qemu-user.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define SIGCHLD		17
#define EBADF		9
#define EFAULT		14
#define EINVAL		22
#define POLLIN		0x001
#define POLLOUT		0x004
#define POLLERR		0x008
#define POLLHUP		0x010
#define POLLNVAL	0x020
#define POLLRDNORM	0x040
#define POLLWRNORM	0x100
#define O_RDONLY	0

struct pollfd {
	int fd;
	short events, revents;
};

/* The ABI's own timeval (select) and timespec (ppoll/pselect6 without _time64). */
struct timeval_abi {
	long tv_sec, tv_usec;
};
struct timespec_abi {
	long tv_sec, tv_nsec;
};

#define FD_WORDS 32
struct fdset {
	unsigned long bits[FD_WORDS];	/* 1024 fds, FD_SETSIZE */
};

static void fd_zero(struct fdset *s)
{
	memset(s, 0, sizeof(*s));
}

static void fd_set_(int fd, struct fdset *s)
{
	s->bits[fd / (8 * sizeof(long))] |= 1UL << (fd % (8 * sizeof(long)));
}

static int fd_isset(int fd, const struct fdset *s)
{
	return !!(s->bits[fd / (8 * sizeof(long))] & (1UL << (fd % (8 * sizeof(long)))));
}

static long do_fork(void)
{
	return sys(clone, SIGCHLD, 0, 0, 0, 0);
}

static void _exit_now(int code)
{
	sys(exit_group, code);
	for (;;)
		;
}

/* poll(2); arm64 has only ppoll, which takes the timeout as a timespec (NULL: none). */
static long upoll(struct pollfd *fds, unsigned long n, int ms)
{
#ifdef __NR_poll
	return sys(poll, fds, n, ms);
#else
	struct timespec_abi ts = { ms / 1000, (ms % 1000) * 1000000L };

	return sys(ppoll, fds, n, ms < 0 ? 0 : &ts, 0, 8);
#endif
}

static void reap(long pid)
{
	int st;

	sys(wait4, pid, &st, 0, 0);
}

/* select through the ABI's call: x86_64 select; i386 and arm _newselect; arm64 pselect6. */
static long do_select(int n, struct fdset *r, struct fdset *w, struct fdset *e,
		      struct timeval_abi *tv)
{
#if defined(__NR__newselect)
	return sys(_newselect, n, r, w, e, tv);
#elif defined(__NR_select)
	return sys(select, n, r, w, e, tv);
#else
	struct timespec_abi ts, *tsp = 0;
	long ret;

	if (tv) {
		ts.tv_sec = tv->tv_sec;
		ts.tv_nsec = tv->tv_usec * 1000;
		if (tv->tv_usec >= 1000000 || tv->tv_usec < 0)
			ts.tv_nsec = -1;	/* pselect6 would take it; select refuses it */
		tsp = &ts;
	}
	ret = sys(pselect6, n, r, w, e, tsp, 0);
	if (tv) {
		tv->tv_sec = ts.tv_sec;
		tv->tv_usec = ts.tv_nsec / 1000;
	}
	return ret;
#endif
}

static void check_poll_basics(int argc, char **argv)
{
	int p[2];
	struct pollfd fds[4];
	long r;

	sys(pipe2, p, 0);
	fds[0] = (struct pollfd){ p[0], POLLIN, 0x7777 };
	fds[1] = (struct pollfd){ p[1], POLLOUT, 0x7777 };
	r = upoll(fds, 2, 0);
	ktap_result(r == 1 && fds[0].revents == 0 && fds[1].revents == POLLOUT,
		    "poll, timeout 0: the write end is ready (POLLOUT), the empty read end not (%ld: %#x %#x)",
		    r, fds[0].revents, fds[1].revents);

	sys(write, p[1], "x", 1);
	fds[0].events = POLLIN | POLLRDNORM | POLLOUT;
	r = upoll(fds, 1, 1000);
	ktap_result(r == 1 && fds[0].revents == (POLLIN | POLLRDNORM),
		    "a byte in the pipe: POLLIN|POLLRDNORM only, at once (%ld: %#x)", r,
		    fds[0].revents);

	fds[2] = (struct pollfd){ -1, POLLIN, 0x7777 };
	fds[3] = (struct pollfd){ 999, POLLIN, 0x7777 };
	r = upoll(fds + 2, 2, 0);
	ktap_result(r == 1 && fds[2].revents == 0 && fds[3].revents == POLLNVAL,
		    "fd -1 is skipped (0), a closed fd gets POLLNVAL (%ld: %#x %#x)", r,
		    fds[2].revents, fds[3].revents);

	sys(close, p[1]);
	fds[0].events = POLLIN;
	r = upoll(fds, 1, 0);
	ktap_result(r == 1 && fds[0].revents == (POLLIN | POLLHUP),
		    "writer gone, a byte left: POLLIN|POLLHUP (%ld: %#x)", r, fds[0].revents);
	char c;

	sys(read, p[0], &c, 1);
	fds[0].events = 0;
	r = upoll(fds, 1, 0);
	ktap_result(r == 1 && fds[0].revents == POLLHUP,
		    "writer gone, empty, no events asked: POLLHUP all the same (%ld: %#x)", r,
		    fds[0].revents);
	sys(close, p[0]);

	sys(pipe2, p, 0);
	sys(close, p[0]);
	fds[0] = (struct pollfd){ p[1], POLLOUT, 0 };
	r = upoll(fds, 1, 0);
	ktap_result(r == 1 && fds[0].revents == (POLLOUT | POLLERR),
		    "reader gone: the write end has POLLOUT|POLLERR (%ld: %#x)", r, fds[0].revents);
	sys(close, p[1]);

	int fd = sys(openat, -100, argv[0], O_RDONLY, 0);
	fds[0] = (struct pollfd){ fd, POLLIN | POLLOUT, 0 };
	r = upoll(fds, 1, -1);
	ktap_result(fd >= 0 && r == 1 && fds[0].revents == (POLLIN | POLLOUT),
		    "a regular file is always ready: POLLIN|POLLOUT, even with no timeout (%ld: %#x)",
		    r, fds[0].revents);
	sys(close, fd);

	r = upoll((void *)16, 1, 0);
	ktap_result(r == -EFAULT, "poll of an unmapped array: -EFAULT (%ld)", r);
	r = upoll(fds, 0x7fffffff, 0);
	ktap_result(r == -EINVAL, "nfds above RLIMIT_NOFILE: -EINVAL (%ld)", r);
}

static void check_poll_timeouts(void)
{
	int p[2];
	struct pollfd fds[1];
	long long t0, dt;
	long r;

	sys(pipe2, p, 0);
	fds[0] = (struct pollfd){ p[0], POLLIN, 0 };
	t0 = now_ms();
	r = upoll(fds, 1, 50);
	dt = now_ms() - t0;
	ktap_result(r == 0 && fds[0].revents == 0 && dt >= 50 && dt < 2000,
		    "poll with 50 ms on an empty pipe: 0 after %lld ms", dt);

	struct timespec64 ts = { 0, 30000000 };
#if defined(__i386__) || defined(__arm__)
	t0 = now_ms();
	r = sys(ppoll_time64, fds, 1, &ts, 0, 8);
	dt = now_ms() - t0;
	ktap_result(r == 0 && dt >= 30 && ts.tv_sec == 0 && ts.tv_nsec == 0,
		    "ppoll_time64 30 ms: 0 after %lld ms, time left 0 written back (%lld.%09lld)",
		    dt, ts.tv_sec, ts.tv_nsec);
	struct { int s, ns; } ts32 = { 0, 30000000 };
	r = sys(ppoll, fds, 1, &ts32, 0, 8);
	ktap_result(r == 0 && ts32.s == 0 && ts32.ns == 0,
		    "ppoll (32-bit timespec) 30 ms: 0, time left 0 (%ld: %d.%09d)", r, ts32.s,
		    ts32.ns);
#else
	t0 = now_ms();
	r = sys(ppoll, fds, 1, &ts, 0, 8);
	dt = now_ms() - t0;
	ktap_result(r == 0 && dt >= 30 && ts.tv_sec == 0 && ts.tv_nsec == 0,
		    "ppoll 30 ms: 0 after %lld ms, time left 0 written back (%lld.%09lld)", dt,
		    ts.tv_sec, ts.tv_nsec);
	ktap_result(1, "ppoll with a 32-bit timespec: not in this ABI # SKIP");
#endif
	struct timespec_abi bad = { 0, 1000000000 };
	r = sys(ppoll, fds, 1, &bad, 0, 8);
	ktap_result(r == -EINVAL, "ppoll with tv_nsec = 10^9: -EINVAL (%ld)", r);
	struct timespec_abi one = { 1, 0 };
	unsigned long mask[2] = { 0, 0 };
	r = sys(ppoll, fds, 1, &one, mask, 4);
	ktap_result(r == -EINVAL, "ppoll with a sigset size of 4: -EINVAL (%ld)", r);
	sys(close, p[0]);
	sys(close, p[1]);
}

/* A child writes after 80 ms; the parent's poll (no timeout) / select (5 s) wakes for it. */
static void check_wakeups(void)
{
	int p[2];
	struct pollfd fds[1];
	long long t0, dt;
	long pid, r;
	char buf1[4];

	sys(pipe2, p, 0);
	pid = do_fork();
	if (pid == 0) {
		sleep_ms(80);
		sys(write, p[1], "w", 1);
		_exit_now(0);
	}
	fds[0] = (struct pollfd){ p[0], POLLIN, 0 };
	t0 = now_ms();
	r = upoll(fds, 1, -1);
	dt = now_ms() - t0;
	reap(pid);
	ktap_result(r == 1 && fds[0].revents == POLLIN && dt >= 60,
		    "poll wakes when another process writes after a sleep (%ld: %#x after %lld ms)",
		    r, fds[0].revents, dt);
	sys(read, p[0], buf1, 1);

	pid = do_fork();
	if (pid == 0) {
		sleep_ms(80);
		sys(write, p[1], "w", 1);
		_exit_now(0);
	}
	struct fdset rs;
	struct timeval_abi tv = { 5, 0 };

	fd_zero(&rs);
	fd_set_(p[0], &rs);
	t0 = now_ms();
	r = do_select(p[0] + 1, &rs, 0, 0, &tv);
	dt = now_ms() - t0;
	reap(pid);
	ktap_result(r == 1 && fd_isset(p[0], &rs) && dt >= 60 &&
		    (tv.tv_sec == 3 || tv.tv_sec == 4) && tv.tv_usec < 1000000,
		    "select (5 s) wakes for another process's write after %lld ms, time left %ld.%06ld",
		    dt, tv.tv_sec, tv.tv_usec);
	sys(read, p[0], buf1, 1);

	/* The reader goes away while a writer waits in poll on a full pipe: POLLERR. */
	char buf[4096];
	int n = 0;

	memset(buf, 0, sizeof(buf));
	pid = do_fork();
	if (pid == 0) {
		sleep_ms(80);
		_exit_now(0);
	}
	sys(close, p[0]);	/* only the child holds the read end now */
	while (n < 16 && sys(write, p[1], buf, sizeof(buf)) == sizeof(buf))
		n++;
	fds[0] = (struct pollfd){ p[1], POLLOUT, 0 };
	r = upoll(fds, 1, 3000);
	reap(pid);
	ktap_result(n == 16 && r == 1 && (fds[0].revents & POLLERR),
		    "a writer in poll on a full pipe wakes with POLLERR when the reader exits (%ld: %#x)",
		    r, fds[0].revents);
	sys(close, p[1]);
}

static void check_select(void)
{
	int p[2];
	struct fdset rs, ws, es;
	struct timeval_abi tv;
	long long t0, dt;
	long r;

	sys(pipe2, p, 0);
	fd_zero(&rs);
	fd_zero(&ws);
	fd_zero(&es);
	fd_set_(p[0], &rs);
	fd_set_(p[1], &ws);
	fd_set_(p[0], &es);
	tv = (struct timeval_abi){ 0, 0 };
	r = do_select(p[1] + 1, &rs, &ws, &es, &tv);
	ktap_result(r == 1 && !fd_isset(p[0], &rs) && fd_isset(p[1], &ws) && !fd_isset(p[0], &es),
		    "select, timeout 0: only the write end is ready (%ld)", r);

	fd_zero(&rs);
	fd_set_(p[0], &rs);
	tv = (struct timeval_abi){ 0, 40000 };
	t0 = now_ms();
	r = do_select(p[0] + 1, &rs, 0, 0, &tv);
	dt = now_ms() - t0;
	ktap_result(r == 0 && !fd_isset(p[0], &rs) && dt >= 40 && tv.tv_sec == 0 && tv.tv_usec == 0,
		    "select 40 ms on an empty pipe: 0 after %lld ms, the set cleared, time left 0", dt);

	sys(write, p[1], "ab", 2);
	fd_zero(&rs);
	fd_set_(p[0], &rs);
	fd_set_(p[1], &rs);
	r = do_select(p[1] + 1, &rs, 0, 0, 0);
	ktap_result(r == 1 && fd_isset(p[0], &rs) && !fd_isset(p[1], &rs),
		    "data in the pipe: the read end is set, no timeout needed (%ld)", r);

	fd_zero(&rs);
	fd_set_(p[0], &rs);
	fd_set_(50, &rs);	/* below the table's first 64 slots: Linux looks no further */
	tv = (struct timeval_abi){ 0, 0 };
	r = do_select(51, &rs, 0, 0, &tv);
	ktap_result(r == -EBADF, "select on a closed fd: -EBADF (%ld)", r);
	r = do_select(-1, 0, 0, 0, &tv);
	ktap_result(r == -EINVAL, "select with n < 0: -EINVAL (%ld)", r);
	tv = (struct timeval_abi){ -1, 0 };
	r = do_select(1, 0, 0, 0, &tv);
	ktap_result(r == -EINVAL, "select with a negative timeout: -EINVAL (%ld)", r);
	fd_zero(&rs);
	fd_set_(p[0], &rs);
	r = do_select(p[0] + 1, &rs, (void *)16, 0, 0);
	ktap_result(r == -EFAULT, "select with an unmapped fd_set: -EFAULT (%ld)", r);

	/* pselect6: a timespec; the sixth argument is a {mask, size} pair. */
	struct timespec64 ts = { 0, 20000000 };
	fd_zero(&rs);
	fd_set_(p[1], &rs);
	sys(read, p[0], &tv, 2);
	fd_set_(p[0], &rs);
#if defined(__i386__) || defined(__arm__)
	r = sys(pselect6_time64, p[1] + 1, &rs, 0, 0, &ts, 0);
#else
	r = sys(pselect6, p[1] + 1, &rs, 0, 0, &ts, 0);
#endif
	ktap_result(r == 0 && ts.tv_sec == 0 && ts.tv_nsec == 0,
		    "pselect6%s 20 ms on an empty pipe: 0, time left 0 (%ld)",
		    sizeof(long) == 4 ? "_time64" : "", r);
	struct timespec_abi bad = { 0, 1000000000 };
	r = sys(pselect6, 1, 0, 0, 0, &bad, 0);
	ktap_result(r == -EINVAL, "pselect6 with tv_nsec = 10^9: -EINVAL (%ld)", r);
	unsigned long mask[2] = { 0, 0 };
	struct { void *ss; unsigned long len; } sig = { mask, 16 };
	struct timespec_abi zero = { 0, 0 };
	r = sys(pselect6, 1, 0, 0, 0, &zero, &sig);
	ktap_result(r == -EINVAL, "pselect6 with a sigset size of 16: -EINVAL (%ld)", r);
	sys(close, p[0]);
	sys(close, p[1]);

#if defined(__i386__)
	/* i386's original select (82) takes one pointer to its five arguments. */
	struct { unsigned long n; void *in, *out, *ex; struct timeval_abi *tv; } a;
	sys(pipe2, p, 0);
	fd_zero(&ws);
	fd_set_(p[1], &ws);
	tv = (struct timeval_abi){ 1, 0 };
	a.n = p[1] + 1;
	a.in = 0;
	a.out = &ws;
	a.ex = 0;
	a.tv = &tv;
	r = sys(select, &a);
	ktap_result(r == 1 && fd_isset(p[1], &ws), "i386's old select (82): the write end (%ld)", r);
	sys(close, p[0]);
	sys(close, p[1]);
#else
	ktap_result(1, "the old one-argument select: i386 only # SKIP");
#endif
}

int main(int argc, char **argv)
{
	ktap_plan(28);
	check_poll_basics(argc, argv);
	check_poll_timeouts();
	check_wakeups();
	check_select();
	return ktap_finish();
}
