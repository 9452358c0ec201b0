/*
 * File locks, as Linux 6.1 keeps them: fcntl's POSIX record locks (F_GETLK/F_SETLK/
 * F_SETLKW, each ABI's struct flock; on i386 and arm fcntl64's F_*LK64 with struct flock64
 * too), OFD locks (F_OFD_*), and flock(2). A child process is "another owner" (it has its
 * own descriptor table; a file it opens itself is another open file). Checked:
 *   - conflicts (read/read shares, write excludes), F_GETLK's answer (type, range, pid),
 *     the owner's own locks merged, split and downgraded;
 *   - any close() of the file by the owner drops its POSIX locks; OFD locks live with the
 *     open file; F_SETLKW sleeps until the lock is free, -EDEADLK for a circle of waiters;
 *   - errno: EBADF (access mode, bad fd), EINVAL (type, whence, negative start, F_UNLCK to
 *     F_GETLK, OFD with l_pid), EFAULT, EAGAIN; 32-bit: plain fcntl refuses the 64 forms,
 *     F_GETLK of a lock past 2 GiB is EOVERFLOW;
 *   - flock: shared/exclusive between open files, LOCK_NB, conversion, independent of fcntl.
 * The same binary runs under qemu-user (Linux's answers) on every ABI.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define O_RDONLY	0
#define O_WRONLY	1
#define O_RDWR		2
#define O_CREAT		0100
#define O_TRUNC		01000
#define O_PATH		010000000	/* the same on every ABI */
#define AT_FDCWD	-100
#define SIGCHLD		17
#define WNOHANG		1
#define EBADF		9
#define EAGAIN		11
#define EFAULT		14
#define EINVAL		22
#define EDEADLK		35
#define EOVERFLOW	75
#define F_RDLCK		0
#define F_WRLCK		1
#define F_UNLCK		2
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_GETLK64	12
#define F_SETLK64	13
#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define LOCK_SH		1
#define LOCK_EX		2
#define LOCK_NB		4
#define LOCK_UN		8

#if defined(__i386__) || defined(__arm__)
#define ABI32 1
/*
 * Plain fcntl with a 64-bit command: i386's fcntl is fcntl64's compat entry on a 64-bit
 * Linux (syscall_32.tbl), so it takes them; arm's is compat_sys_fcntl, which refuses them.
 */
#ifdef __i386__
#define PLAIN_FCNTL_GETLK64	0
#else
#define PLAIN_FCNTL_GETLK64	(-EINVAL)
#endif
/* struct flock of the 32-bit ABIs: 32-bit offsets. */
struct flock_abi {
	short l_type, l_whence;
	int l_start, l_len, l_pid;
};
/* struct flock64: i386 packs it (24 bytes); arm's EABI aligns the offsets (32 bytes). */
struct flock64_abi {
	short l_type, l_whence;
	long long l_start, l_len;
	int l_pid;
}
#ifdef __i386__
__attribute__((packed))
#endif
;
#else
struct flock_abi {
	short l_type, l_whence;
	long l_start, l_len;
	int l_pid;
};
#endif

/* glibc's fcntl: fcntl64 on the 32-bit ABIs (flock64 for the 64 and OFD commands). */
static long fcntl_abi(long fd, int cmd, void *arg)
{
#ifdef ABI32
	return sys(fcntl64, fd, cmd, arg);
#else
	return sys(fcntl, fd, cmd, arg);
#endif
}

static const char *path = "/tmp/locks.dat";

static void _exit_now(int code)
{
	sys(exit_group, code);
	for (;;)
		;
}

static long fork_child(void)
{
	return sys(clone, SIGCHLD, 0, 0, 0, 0);
}

static int wait_child(long pid)
{
	int status = -1;

	if (pid < 0 || sys(wait4, pid, &status, 0, 0) != pid)
		return -1;
	return status;
}

static long open_file(int flags)
{
	return sys(openat, AT_FDCWD, path, flags, 0600);
}

/*
 * One fcntl lock command with the 64-bit offsets every ABI can express (on 32-bit ABIs
 * through fcntl64 and flock64, as glibc does); for GETLK the answer comes back in *fl.
 */
struct lk {
	int type;
	long long start, len;
	int pid;
	int whence;
};

static long lock_cmd(long fd, int cmd, struct lk *l)
{
#ifdef ABI32
	struct flock64_abi fl = { l->type, l->whence, l->start, l->len, l->pid };
	int cmd64 = cmd == F_GETLK ? F_GETLK64 : cmd == F_SETLK ? F_SETLK64 :
		    cmd == F_SETLKW ? F_SETLK64 + 1 : cmd;
	long r = sys(fcntl64, fd, cmd64, &fl);
#else
	struct flock_abi fl = { l->type, l->whence, l->start, l->len, l->pid };
	long r = sys(fcntl, fd, cmd, &fl);
#endif
	l->type = fl.l_type;
	l->start = fl.l_start;
	l->len = fl.l_len;
	l->pid = fl.l_pid;
	return r;
}

static long setlk(long fd, int type, long long start, long long len)
{
	struct lk l = { type, start, len, 0, 0 };

	return lock_cmd(fd, F_SETLK, &l);
}

/* F_GETLK of a write request over [start, start+len): the blocking lock, or type F_UNLCK. */
static struct lk getlk(long fd, long long start, long long len)
{
	struct lk l = { F_WRLCK, start, len, 0, 0 };

	if (lock_cmd(fd, F_GETLK, &l))
		l.type = -1;
	return l;
}

/* Run fn in a child (another owner, its own open file on the same path): its exit code. */
static int in_child(int (*fn)(long fd, long arg), long arg)
{
	long pid = fork_child();

	if (pid == 0) {
		long fd = open_file(O_RDWR);

		_exit_now(fn(fd, arg));
	}
	return (wait_child(pid) >> 8) & 0xff;
}

static long parent_pid;

/* Child: what F_GETLK says about [arg, arg+1): 0 unlocked, 1 read, 2 write by the parent. */
static int child_getlk_byte(long fd, long arg)
{
	struct lk l = getlk(fd, arg, 1);

	if (l.type == F_UNLCK)
		return 0;
	if (l.pid != parent_pid)
		return 9;
	return l.type == F_RDLCK ? 1 : l.type == F_WRLCK ? 2 : 8;
}

/* Child: F_GETLK over the whole file; exit (start << 4 | len) for small ranges. */
static int child_getlk_range(long fd, long arg)
{
	struct lk l = getlk(fd, arg, 0);

	if (l.type == F_UNLCK)
		return 0;
	if (l.start > 15 || l.len > 15)
		return 255;
	return (int)(l.start << 4 | l.len);
}

static int child_setlk(long fd, long arg)
{
	long r = setlk(fd, arg & 0xff, arg >> 8, 1);

	return r == -EAGAIN ? 1 : r == 0 ? 0 : 2;
}

/* Child: F_SETLKW on byte 0, reporting its result. */
static int child_setlkw(long fd, long arg)
{
	struct lk l = { F_WRLCK, arg, 1, 0, 0 };

	return lock_cmd(fd, F_SETLKW, &l) == 0 ? 0 : 3;
}

static int child_flock(long fd, long arg)
{
	long r = sys(flock, fd, arg);

	return r == -EAGAIN ? 1 : r == 0 ? 0 : 2;
}

static void check_posix(long fd)
{
	struct lk l;
	long fd2;

	ktap_result(setlk(fd, F_WRLCK, 0, 10) == 0 && in_child(child_getlk_byte, 5) == 2 &&
		    in_child(child_getlk_byte, 10) == 0 && in_child(child_setlk, 5 << 8 | F_RDLCK) == 1,
		    "a write lock on [0,10): another owner's F_GETLK names it and its pid, its "
		    "F_SETLK read EAGAIN; byte 10 is free");
	ktap_result(setlk(fd, F_RDLCK, 0, 10) == 0 && in_child(child_getlk_byte, 5) == 1 &&
		    in_child(child_setlk, 5 << 8 | F_RDLCK) == 0 &&
		    in_child(child_setlk, 5 << 8 | F_WRLCK) == 1,
		    "downgraded to read: another owner may read-lock, not write-lock");
	setlk(fd, F_WRLCK, 0, 10);
	setlk(fd, F_UNLCK, 4, 2);
	ktap_result(in_child(child_getlk_byte, 4) == 0 && in_child(child_getlk_range, 0) == 4 &&
		    in_child(child_getlk_range, 5) == (6 << 4 | 4),
		    "unlocking [4,6) splits the lock in two: [0,4) and [6,10)");
	setlk(fd, F_WRLCK, 4, 2);
	ktap_result(in_child(child_getlk_range, 0) == 10,
		    "locking [4,6) again merges the three into [0,10)");
	setlk(fd, F_RDLCK, 3, 2);
	ktap_result(in_child(child_getlk_byte, 2) == 2 && in_child(child_getlk_byte, 3) == 1 &&
		    in_child(child_getlk_byte, 4) == 1 && in_child(child_getlk_byte, 5) == 2,
		    "a read lock inside a write lock: write, read, write");
	l = getlk(fd, 0, 10);
	ktap_result(l.type == F_UNLCK, "the owner's own locks never block it (F_GETLK: F_UNLCK)");
	setlk(fd, F_WRLCK, 0, 0);
	ktap_result(in_child(child_getlk_byte, 1000000) == 2,
		    "l_len 0 locks to the end of the file and beyond");
	fd2 = open_file(O_RDONLY);
	sys(close, fd2);
	ktap_result(in_child(child_getlk_byte, 0) == 0 && in_child(child_getlk_byte, 1000000) == 0,
		    "closing another descriptor of the file drops every POSIX lock of the process");
	setlk(fd, F_WRLCK, 10, -5);
	ktap_result(in_child(child_getlk_byte, 4) == 0 && in_child(child_getlk_byte, 5) == 2 &&
		    in_child(child_getlk_byte, 9) == 2 && in_child(child_getlk_byte, 10) == 0,
		    "a negative l_len locks the bytes before l_start: [5,10)");
	setlk(fd, F_UNLCK, 0, 0);
}

/* Child of check_wait: lock arg's byte (if not -1) through its own open file, tell the
 * parent through the pipe, then F_SETLKW byte 0: exit 0 got it, 4 EDEADLK, 3 else. */
static int ready_fd;

static int child_hold_then_wait(long fd, long arg)
{
	struct lk l = { F_WRLCK, 0, 1, 0, 0 };
	char c = 1;
	long r;

	if (arg >= 0 && setlk(fd, F_WRLCK, arg, 1))
		return 5;
	sys(write, ready_fd, &c, 1);
	r = lock_cmd(fd, F_SETLKW, &l);
	return r == 0 ? 0 : r == -EDEADLK ? 4 : 3;
}

static long start_child(long arg, int *pfd)
{
	long pid;
	char c;

	sys(pipe2, pfd, 0);
	ready_fd = pfd[1];
	pid = fork_child();
	if (pid == 0)
		_exit_now(child_hold_then_wait(open_file(O_RDWR), arg));
	sys(read, pfd[0], &c, 1);	/* it holds its byte; give it time to reach F_SETLKW */
	sleep_ms(50);
	return pid;
}

static void check_wait(long fd)
{
	int pfd[2];
	long pid, w;
	int st;

	/* The child sleeps in F_SETLKW until the parent unlocks. */
	setlk(fd, F_WRLCK, 0, 1);
	pid = start_child(-1, pfd);
	w = sys(wait4, pid, &st, WNOHANG, 0);
	setlk(fd, F_UNLCK, 0, 1);
	st = wait_child(pid);
	ktap_result(w == 0 && st == 0, "F_SETLKW sleeps while the lock is held (%ld), then gets "
		    "it when the holder unlocks (%#x)", w, st);
	sys(close, pfd[0]);
	sys(close, pfd[1]);

	/*
	 * A circle: the child holds byte 1 and waits for the parent's byte 0; the parent asks
	 * for byte 1. Whoever closes the circle gets EDEADLK (normally the parent, the child
	 * being asleep already; if the child is late, the child), and the other its lock.
	 */
	setlk(fd, F_WRLCK, 0, 1);
	pid = start_child(1, pfd);
	{
		struct lk l = { F_WRLCK, 1, 1, 0, 0 };

		w = lock_cmd(fd, F_SETLKW, &l);
	}
	setlk(fd, F_UNLCK, 0, 2);
	st = wait_child(pid);
	ktap_result((w == -EDEADLK && st == 0) || (w == 0 && st == 4 << 8),
		    "F_SETLKW that would wait in a circle: EDEADLK for the one closing it, the "
		    "lock for the other (%ld %#x)", w, st);
	sys(close, pfd[0]);
	sys(close, pfd[1]);
}

static void check_ofd(long fd)
{
	struct { short t, w; long long s, l; int pid; }
#ifdef __i386__
	__attribute__((packed))
#endif
	ofd = { F_WRLCK, 0, 0, 10, 0 };
	long r1, r2, r3, fd2;

	r1 = fcntl_abi(fd, F_OFD_SETLK, &ofd);
	fd2 = open_file(O_RDWR);
	r2 = setlk(fd2, F_WRLCK, 0, 1);
	sys(close, fd2);		/* does not touch the OFD lock */
	ofd.pid = 0;
	ofd.t = F_WRLCK;
	ofd.s = 0;
	ofd.l = 1;
	fd2 = open_file(O_RDWR);
	r3 = fcntl_abi(fd2, F_OFD_GETLK, &ofd);
	ktap_result(r1 == 0 && r2 == -EAGAIN && r3 == 0 && ofd.t == F_WRLCK && ofd.pid == -1 &&
		    in_child(child_getlk_byte, 5) == 9,
		    "an OFD lock blocks the same process's POSIX lock (%ld %ld); F_OFD_GETLK from "
		    "another open file names it with l_pid -1 (%ld %d %d)", r1, r2, r3, ofd.t, ofd.pid);
	ofd.pid = 5;
	r1 = fcntl_abi(fd, F_OFD_SETLK, &ofd);
	sys(close, fd2);
	ofd = (typeof(ofd)){ F_UNLCK, 0, 0, 0, 0 };
	fcntl_abi(fd, F_OFD_SETLK, &ofd);
	ktap_result(r1 == -EINVAL && in_child(child_getlk_byte, 5) == 0,
		    "OFD with l_pid set: EINVAL (%ld); F_UNLCK through the same open file frees it", r1);
}

static void check_errors(long fd)
{
	long ro = open_file(O_RDONLY), wo = open_file(O_WRONLY);
	struct lk l = { 5, 0, 1, 0, 0 };
	long r1, r2, r3, r4, r5, r6;

	r1 = setlk(ro, F_WRLCK, 0, 1);
	r2 = setlk(wo, F_RDLCK, 0, 1);
	r3 = lock_cmd(fd, F_SETLK, &l);
	l = (struct lk){ F_RDLCK, 0, 1, 0, 7 };
	r4 = lock_cmd(fd, F_SETLK, &l);
	r5 = setlk(fd, F_RDLCK, -1, 1);
	l = (struct lk){ F_UNLCK, 0, 1, 0, 0 };
	r6 = lock_cmd(fd, F_GETLK, &l);
	ktap_result(r1 == -EBADF && r2 == -EBADF && r3 == -EINVAL && r4 == -EINVAL &&
		    r5 == -EINVAL && r6 == -EINVAL,
		    "EBADF: write lock on O_RDONLY, read lock on O_WRONLY (%ld %ld); EINVAL: l_type "
		    "5, l_whence 7, start -1, F_GETLK of F_UNLCK (%ld %ld %ld %ld)",
		    r1, r2, r3, r4, r5, r6);
	r1 = fcntl_abi(fd, F_SETLK, (void *)16);
	r2 = fcntl_abi(999, F_SETLK, &l);
	ktap_result(r1 == -EFAULT && r2 == -EBADF, "a bad struct pointer EFAULT (%ld), a bad fd "
		    "EBADF (%ld)", r1, r2);
	sys(close, ro);
	sys(close, wo);
#ifdef ABI32
	{
		struct flock_abi fl = { F_WRLCK, 0, 0, 1, 0 };
		struct flock64_abi big = { F_WRLCK, 0, 0x100000000LL, 1, 0 };

		r1 = sys(fcntl, fd, F_GETLK64, &big);	/* answers F_UNLCK into big where taken */
		big = (struct flock64_abi){ F_WRLCK, 0, 0x100000000LL, 1, 0 };
		r2 = sys(fcntl64, fd, F_SETLK64, &big);
		r3 = in_child(child_getlk_byte, 0);
		/* plain struct flock through fcntl64 and fcntl: the lock at 4 GiB overflows it */
		r4 = sys(fcntl64, fd, F_SETLK, &fl);
		r5 = in_child(child_getlk_byte, 0);
		ktap_result(r1 == PLAIN_FCNTL_GETLK64 && r2 == 0 && r3 == 0 && r4 == 0 && r5 == 2,
			    "32-bit: plain fcntl and F_GETLK64 %s (%ld); flock64 at 4 GiB (%ld); "
			    "plain struct flock through fcntl64 (%ld %ld %ld)",
			    PLAIN_FCNTL_GETLK64 ? "EINVAL" : "0", r1, r2, r3, r4, r5);
		{
			long pid = fork_child();

			if (pid == 0) {
				long cfd = open_file(O_RDWR);
				struct flock_abi q = { F_WRLCK, 0, 0x7fff0000, 0, 0 };

				long r = sys(fcntl, cfd, F_GETLK, &q);

				_exit_now(r == -EOVERFLOW ? 0 : r < 0 ? -r : 100 + q.l_type);
			}
			r6 = wait_child(pid);
		}
		ktap_result(r6 == 0, "32-bit F_GETLK whose answer starts at 4 GiB: EOVERFLOW (%#lx)",
			    r6);
		setlk(fd, F_UNLCK, 0, 0);
	}
#endif
}

static void check_flock(long fd)
{
	long r1, r2;

	r1 = sys(flock, fd, LOCK_EX);
	ktap_result(r1 == 0 && in_child(child_flock, LOCK_SH | LOCK_NB) == 1 &&
		    in_child(child_flock, LOCK_EX | LOCK_NB) == 1,
		    "flock LOCK_EX: another open file's LOCK_SH|LOCK_NB and LOCK_EX|LOCK_NB "
		    "EWOULDBLOCK");
	ktap_result(in_child(child_setlk, 0 << 8 | F_WRLCK) == 0,
		    "flock and fcntl locks do not see each other");
	r1 = sys(flock, fd, LOCK_SH);
	ktap_result(r1 == 0 && in_child(child_flock, LOCK_SH | LOCK_NB) == 0 &&
		    in_child(child_flock, LOCK_EX | LOCK_NB) == 1,
		    "converted to LOCK_SH: shared with another open file, exclusive still refused");
	r1 = sys(flock, fd, LOCK_UN);
	r2 = sys(flock, fd, 3);
	ktap_result(r1 == 0 && in_child(child_flock, LOCK_EX | LOCK_NB) == 0 && r2 == -EINVAL &&
		    sys(flock, 999, LOCK_SH) == -EBADF,
		    "LOCK_UN frees it; an unknown operation EINVAL (%ld), a bad fd EBADF", r2);
	/* A forked child shares the open file, so the lock is its own too. */
	sys(flock, fd, LOCK_EX);
	{
		long pid = fork_child();

		if (pid == 0)
			_exit_now(sys(flock, fd, LOCK_EX | LOCK_NB) == 0 ? 0 : 1);
		r1 = wait_child(pid);
	}
	sys(flock, fd, LOCK_UN);
	ktap_result(r1 == 0, "a child sharing the open file holds the same flock lock (%#lx)", r1);
}

/* Child of check_review_fixes: hold byte 1, wait for byte 0, keep both a moment, exit. */
static int child_hold1_wait0(long fd, long arg)
{
	struct lk l = { F_WRLCK, 0, 1, 0, 0 };
	char c = 1;

	if (setlk(fd, F_WRLCK, 1, 1))
		return 5;
	sys(write, ready_fd, &c, 1);
	if (lock_cmd(fd, F_SETLKW, &l))
		return 3;
	sleep_ms(100);
	return 0;		/* exit drops bytes 0 and 1 */
}

static int child_getlk_to_end(long fd, long arg)
{
	struct lk l = getlk(fd, 0, 0);

	return l.type == F_WRLCK && l.start == 0 && l.len == 0 ? 0 : 1;
}

/* What a review found (each failed before its fix, booted on Ferry). */
static void check_review_fixes(long fd)
{
	struct lk l = { F_WRLCK, 1, 1, 0, 0 };
	long pid, w, r, ro, op, r1, r2;
	int pfd[2], st;
	char c;

	/* P holds 0; Q holds 1 and waits for 0; P unlocks 0, then waits for 1: no circle. */
	setlk(fd, F_WRLCK, 0, 1);
	sys(pipe2, pfd, 0);
	ready_fd = pfd[1];
	pid = fork_child();
	if (pid == 0)
		_exit_now(child_hold1_wait0(open_file(O_RDWR), 0));
	sys(read, pfd[0], &c, 1);
	sleep_ms(50);
	setlk(fd, F_UNLCK, 0, 1);
	w = lock_cmd(fd, F_SETLKW, &l);
	st = wait_child(pid);
	setlk(fd, F_UNLCK, 0, 0);
	sys(close, pfd[0]);
	sys(close, pfd[1]);
	ktap_result(w == 0 && st == 0, "unlock, then F_SETLKW on the woken waiter's byte: no "
		    "EDEADLK (%ld %#x)", w, st);

	/* O_PATH: its close keeps the process's locks; lock commands on it are EBADF. */
	setlk(fd, F_WRLCK, 0, 10);
	op = sys(openat, AT_FDCWD, path, O_PATH, 0);
	l = (struct lk){ F_WRLCK, 0, 1, 0, 0 };
	r1 = lock_cmd(op, F_GETLK, &l);
	r2 = setlk(op, F_UNLCK, 0, 0);
	r = sys(flock, op, LOCK_UN);
	sys(close, op);
	st = in_child(child_getlk_byte, 5);
	setlk(fd, F_UNLCK, 0, 0);
	ktap_result(op >= 0 && st == 2 && r1 == -EBADF && r2 == -EBADF && r == -EBADF,
		    "O_PATH: closing it keeps the locks (%d); F_GETLK, F_SETLK, flock on it EBADF "
		    "(%ld %ld %ld)", st, r1, r2, r);

	/* errno order: flock's LOCK_MAND and operation before the fd; F_GETLK's type before
	 * the range; an OFD lock's access mode before its l_pid. */
	r = sys(flock, 999, 32 | LOCK_SH);
	w = sys(flock, 999, 0);
	l = (struct lk){ 5, 0x7fffffffffffffffLL, 2, 0, 0 };
	r1 = lock_cmd(fd, F_GETLK, &l);
	ro = open_file(O_RDONLY);
	{
		struct { short t, w; long long s, l; int pid; }
#ifdef __i386__
		__attribute__((packed))
#endif
		ofd = { F_WRLCK, 0, 0, 1, 1 };

		r2 = fcntl_abi(ro, F_OFD_SETLK, &ofd);
	}
	sys(close, ro);
	ktap_result(r == 0 && w == -EINVAL && r1 == -EINVAL && r2 == -EBADF,
		    "errno order: flock(999, LOCK_MAND) 0, flock(999, 0) EINVAL (%ld %ld); F_GETLK "
		    "type 5 past OFFSET_MAX EINVAL (%ld); OFD write lock on O_RDONLY with l_pid "
		    "EBADF (%ld)", r, w, r1, r2);

	/* [MAX,MAX] and [0,MAX-1] merge into one lock to the end: F_GETLK l_len 0. */
	r1 = setlk(fd, F_WRLCK, 0x7fffffffffffffffLL, 1);
	r2 = setlk(fd, F_WRLCK, 0, 0x7fffffffffffffffLL);
	st = in_child(child_getlk_to_end, 0);
	setlk(fd, F_UNLCK, 0, 0);
	ktap_result(r1 == 0 && r2 == 0 && st == 0, "a lock on the last byte and one up to it "
		    "merge into [0, end] (%ld %ld %d)", r1, r2, st);
}

int main(void)
{
	long fd;

	ktap_plan(
#ifdef ABI32
		  26
#else
		  24
#endif
	);
	parent_pid = sys(getpid);
	fd = open_file(O_RDWR | O_CREAT | O_TRUNC);
	if (fd == -2) {
		path = "/locks.dat";
		fd = open_file(O_RDWR | O_CREAT | O_TRUNC);
	}
	if (fd < 0) {
		ktap_result(0, "create %s: %ld", path, fd);
		return ktap_finish();
	}
	check_posix(fd);
	check_wait(fd);
	check_ofd(fd);
	check_errors(fd);
	check_flock(fd);
	check_review_fixes(fd);
	sys(close, fd);
	sys(unlinkat, AT_FDCWD, path, 0);
	return ktap_finish();
}
