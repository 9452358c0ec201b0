/*
 * Signals without handlers (issue 13, the generic half): masks and pending sets,
 * rt_sigtimedwait as the way signals are taken, kill to a pid, a group and -1 with Linux's
 * permission rules, tkill/tgkill, the SIGKILL/SIGSTOP rules, wait statuses of deaths by
 * signal, stop and continue seen by wait4/waitid, SIGCHLD with SA_NOCLDWAIT/SIG_IGN reaping
 * children, RLIMIT_SIGPENDING, real-time queueing order, SIGALRM from setitimer/alarm, the
 * sigaltstack rules, and the errno of bad arguments. Every ABI; also under qemu-user, whose
 * answers are Linux's (the checks qemu-user cannot emulate say so and are skipped there).
 *
 * As Ferry's /init the probe is pid 1, which gets only the signals it has handlers for:
 * deaths, stops and permission checks run in forked children.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGALRM		14
#define SIGTERM		15
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGWINCH	28
#define SIGRTMIN	32

#define SIG_DFL		0UL
#define SIG_IGN		1UL
#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2
#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_UNSUPPORTED	0x00000400
#define SA_RESTORER	0x04000000
#define SA_RESTART	0x10000000
#define SS_ONSTACK	1
#define SS_DISABLE	2

#define SI_USER		0
#define SI_QUEUE	-1
#define SI_TKILL	-6
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_STOPPED	5
#define CLD_CONTINUED	6

#define WNOHANG		1
#define WUNTRACED	2
#define WEXITED		4
#define WCONTINUED	8
#define WNOWAIT		0x01000000
#define P_PID		1

#define EPERM		1
#define ESRCH		3
#define EINTR		4
#define ECHILD		10
#define EAGAIN		11
#define ENOMEM		12
#define EFAULT		14
#define EINVAL		22

#define RLIMIT_CORE		4
#define RLIMIT_SIGPENDING	11
#define ITIMER_REAL		0

#define BAD_PTR		((void *)8)	/* never mapped */

#define BIT(sig)	(1ULL << ((sig) - 1))

/* rt_sigaction's struct as the kernel reads it on every ABI (the mask is 8 bytes). */
struct k_sigaction {
	unsigned long handler;
	unsigned long flags;
	unsigned long restorer;
	unsigned long mask[8 / sizeof(long)];
};

/* The fields of siginfo_t the checks read; 128 bytes in all. */
struct ksiginfo {
	int si_signo, si_errno, si_code;
#if defined(__x86_64__) || defined(__aarch64__)
	int pad;
#endif
	int si_pid;
	unsigned int si_uid;
	union {
		int si_status;
		int si_int;
		long sival;
	};
	char rest[128];
};

struct kstack {
	void *ss_sp;
	int ss_flags;
	unsigned long ss_size;
};

struct ktimespec {
	long tv_sec, tv_nsec;
};

struct ktimeval {
	long tv_sec, tv_usec;
};

struct kitimerval {
	struct ktimeval interval, value;
};

struct krlimit64 {
	unsigned long long cur, max;
};

/* checks made on every ABI (alarm adds 4 where it exists) */
#define PLAN 112

static int on_ferry;

static long mypid(void) { return sys(getpid); }
static long mytid(void) { return sys(gettid); }
static long myppid(void) { return sys(getppid); }
static long myuid(void) { return sys(getuid); }

static void _exit_now(int code)
{
	sys(exit_group, code);
	for (;;)
		;
}

static long do_fork(void)
{
	return sys(clone, SIGCHLD, 0, 0, 0, 0);
}

static int wait_status(long pid)
{
	int status = -1;

	if (sys(wait4, pid, &status, 0, 0) != pid)
		return -1;
	return status;
}

static long sigprocmask(int how, unsigned long long *set, unsigned long long *old)
{
	return sys(rt_sigprocmask, how, set, old, 8);
}

static unsigned long long blocked_now(void)
{
	unsigned long long old = 0;

	sigprocmask(SIG_BLOCK, 0, &old);
	return old;
}

static void block(unsigned long long set)
{
	sigprocmask(SIG_BLOCK, &set, 0);
}

static void setmask(unsigned long long set)
{
	sigprocmask(SIG_SETMASK, &set, 0);
}

static unsigned long long pending_now(void)
{
	unsigned long long set = 0;

	sys(rt_sigpending, &set, 8);
	return set;
}

static long set_handler(int sig, unsigned long handler, unsigned long flags)
{
	struct k_sigaction sa = { .handler = handler, .flags = flags };

	return sys(rt_sigaction, sig, &sa, 0, 8);
}

/* Take one signal of set (blocked by the caller), waiting up to ms; the number or -errno. */
static long take(unsigned long long set, struct ksiginfo *info, long ms)
{
	struct ktimespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	return sys(rt_sigtimedwait, &set, info, &ts, 8);
}

/* Drop whatever of set is pending (set blocked). */
static void drain(unsigned long long set)
{
	struct ksiginfo info;

	while (take(set, &info, 0) > 0)
		;
}

static long set_rlimit(int res, unsigned long long cur, unsigned long long max)
{
	struct krlimit64 r = { cur, max };

	return sys(prlimit64, 0, res, &r, 0);
}

static void child_loop(void)
{
	for (;;)
		sys(ppoll, 0, 0, 0, 0, 0);
}

/*
 * Checks made in a helper child (a grandchild of init on Ferry, so that its own children's
 * process groups are not orphaned by init's special place): the results go through shared
 * memory and the parent reports them.
 */
#define MAX_HELPER_RESULTS 48
struct helper_results {
	int n;
	struct { int ok; char name[160]; } r[MAX_HELPER_RESULTS];
};
static struct helper_results *helper;

static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	if (!helper) {
		char name[200];

		va_start(ap, fmt);
		vsnprintf(name, sizeof(name), fmt, ap);
		va_end(ap);
		ktap_result(ok, "%s", name);
		return;
	}
	if (helper->n >= MAX_HELPER_RESULTS)
		return;
	va_start(ap, fmt);
	vsnprintf(helper->r[helper->n].name, sizeof(helper->r[0].name), fmt, ap);
	va_end(ap);
	helper->r[helper->n++].ok = ok;
}

static void *map_shared(unsigned long len)
{
#if defined(__i386__) || defined(__arm__)
	return (void *)sys(mmap2, 0, len, 3, 0x21, -1, 0);
#else
	return (void *)sys(mmap, 0, len, 3, 0x21, -1, 0);
#endif
}

static void in_helper(void (*fn)(void))
{
	static struct helper_results *shared;
	long pid;
	int status;

	if (!shared)
		shared = map_shared(sizeof(*shared));
	shared->n = 0;
	pid = do_fork();
	if (pid == 0) {
		helper = shared;
		fn();
		_exit_now(0);
	}
	status = wait_status(pid);
	for (int i = 0; i < shared->n; i++)
		ktap_result(shared->r[i].ok, "%s", shared->r[i].name);
	ktap_result(status == 0 && shared->n, "the helper ran its %d checks (status %#x)",
		    shared->n, status);
}

/* A child that runs fn and exits with its return value; its wait status. */
static int in_child(int (*fn)(void))
{
	long pid = do_fork();

	if (pid == 0)
		_exit_now(fn());
	return wait_status(pid);
}

/* ---- masks and pending sets --------------------------------------------------------- */

static void check_masks(void)
{
	unsigned long long set = ~0ULL, old = 0;

	setmask(0);
	sigprocmask(SIG_SETMASK, &set, 0);
	old = blocked_now();
	/* (qemu-user keeps the last two real-time signals for itself: only 1..61 are looked at) */
	ktap_result((old & ((1ULL << 61) - 1)) == (((1ULL << 61) - 1) & ~(BIT(SIGKILL) | BIT(SIGSTOP))),
		    "rt_sigprocmask: everything but SIGKILL and SIGSTOP can be blocked (%#llx)", old);
	setmask(0);
	set = BIT(SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, 0);
	set = BIT(SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, &old);
	ktap_result(old == BIT(SIGUSR1) && blocked_now() == (BIT(SIGUSR1) | BIT(SIGUSR2)),
		    "SIG_BLOCK adds, oldset is the mask before");
	set = BIT(SIGUSR1);
	sigprocmask(SIG_UNBLOCK, &set, 0);
	ktap_result(blocked_now() == BIT(SIGUSR2), "SIG_UNBLOCK removes");
	ktap_result(sys(rt_sigprocmask, SIG_BLOCK, &set, 0, 4) == -EINVAL,
		    "rt_sigprocmask sigsetsize 4: EINVAL");
	ktap_result(sys(rt_sigprocmask, 7, &set, 0, 8) == -EINVAL, "rt_sigprocmask how 7: EINVAL");
	ktap_result(sys(rt_sigprocmask, 7, 0, &old, 8) == 0,
		    "rt_sigprocmask how 7 with no set: 0 (how is not looked at)");
	ktap_result(sys(rt_sigprocmask, SIG_BLOCK, BAD_PTR, 0, 8) == -EFAULT,
		    "rt_sigprocmask bad set: EFAULT");
	ktap_result(sys(rt_sigprocmask, SIG_BLOCK, 0, BAD_PTR, 8) == -EFAULT,
		    "rt_sigprocmask bad oldset: EFAULT");
	setmask(0);

	/* pending: only blocked signals are reported, per thread and per process */
	block(BIT(SIGUSR1) | BIT(SIGUSR2));
	sys(kill, mypid(), SIGUSR1);
	sys(tkill, mytid(), SIGUSR2);
	set = pending_now();
	ktap_result(set == (BIT(SIGUSR1) | BIT(SIGUSR2)),
		    "rt_sigpending: kill and tkill while blocked are pending (%#llx)", set);
	ktap_result(sys(rt_sigpending, &set, 16) == -EINVAL, "rt_sigpending sigsetsize 16: EINVAL");
	ktap_result(sys(rt_sigpending, &set, 4) == 0, "rt_sigpending sigsetsize 4: 0");
	ktap_result(sys(rt_sigpending, BAD_PTR, 8) == -EFAULT, "rt_sigpending bad set: EFAULT");
	/* ignoring a pending signal discards it, blocked or not */
	set_handler(SIGUSR2, SIG_IGN, 0);
	ktap_result(pending_now() == BIT(SIGUSR1), "SIG_IGN discards the pending SIGUSR2");
	set_handler(SIGUSR2, SIG_DFL, 0);
	drain(BIT(SIGUSR1));
	ktap_result(pending_now() == 0, "rt_sigtimedwait took the pending SIGUSR1");
	setmask(0);
}

/* ---- rt_sigaction ------------------------------------------------------------------- */

static void check_sigaction(void)
{
	struct k_sigaction sa = { .handler = SIG_IGN }, old;

	ktap_result(sys(rt_sigaction, SIGKILL, &sa, 0, 8) == -EINVAL, "rt_sigaction SIGKILL: EINVAL");
	ktap_result(sys(rt_sigaction, SIGSTOP, &sa, 0, 8) == -EINVAL, "rt_sigaction SIGSTOP: EINVAL");
	ktap_result(sys(rt_sigaction, SIGKILL, 0, &old, 8) == 0 && old.handler == SIG_DFL,
		    "rt_sigaction SIGKILL, only reading: 0, SIG_DFL");
	ktap_result(sys(rt_sigaction, 0, &sa, 0, 8) == -EINVAL, "rt_sigaction signal 0: EINVAL");
	ktap_result(sys(rt_sigaction, 65, &sa, 0, 8) == -EINVAL, "rt_sigaction signal 65: EINVAL");
	ktap_result(sys(rt_sigaction, SIGUSR1, &sa, 0, 4) == -EINVAL,
		    "rt_sigaction sigsetsize 4: EINVAL");
	ktap_result(sys(rt_sigaction, SIGUSR1, BAD_PTR, 0, 8) == -EFAULT,
		    "rt_sigaction bad act: EFAULT");
	ktap_result(sys(rt_sigaction, SIGUSR1, 0, BAD_PTR, 8) == -EFAULT,
		    "rt_sigaction bad oldact: EFAULT");

	/* what was set comes back: handler, mask without SIGKILL/SIGSTOP, known flags */
	sa.handler = SIG_IGN;
	sa.flags = SA_RESTART | SA_NOCLDSTOP;
	sa.mask[0] = (unsigned long)(BIT(SIGKILL) | BIT(SIGSTOP) | BIT(SIGTERM));
	sys(rt_sigaction, SIGUSR1, &sa, 0, 8);
	memset(&old, 0xff, sizeof(old));
	sys(rt_sigaction, SIGUSR1, 0, &old, 8);
	/* (qemu-user keeps SIGKILL and SIGSTOP in the stored mask; Linux drops them) */
	ktap_result(old.handler == SIG_IGN && old.flags == (SA_RESTART | SA_NOCLDSTOP) &&
		    (!on_ferry || old.mask[0] == (unsigned long)BIT(SIGTERM)),
		    "rt_sigaction reads back handler, flags and mask (SIGKILL/SIGSTOP dropped) "
		    "(%#lx %#lx %#lx)", old.handler, old.flags, old.mask[0]);
	/* SA_UNSUPPORTED never sticks: a caller learns which flags the kernel knows */
	sa.flags = SA_UNSUPPORTED | SA_RESTART;
	sys(rt_sigaction, SIGUSR1, &sa, 0, 8);
	sys(rt_sigaction, SIGUSR1, 0, &old, 8);
	if (on_ferry)
		ktap_result(old.flags == SA_RESTART,
			    "SA_UNSUPPORTED is dropped, SA_RESTART kept (flags %#lx)", old.flags);
	else
		ktap_result(1, "SA_UNSUPPORTED # SKIP qemu-user keeps unknown flags (Linux 6.1 drops them)");
	set_handler(SIGUSR1, SIG_DFL, 0);
}

/* ---- taking signals with rt_sigtimedwait, queueing order --------------------------- */

static void check_timedwait(void)
{
	struct ksiginfo info;
	struct ktimespec ts = { 0, 1000000000 };
	unsigned long long set = BIT(SIGUSR1);
	long r;

	setmask(BIT(SIGUSR1) | BIT(SIGUSR2) | BIT(SIGRTMIN) | BIT(SIGRTMIN + 1));
	r = take(BIT(SIGUSR1), &info, 0);
	ktap_result(r == -EAGAIN, "rt_sigtimedwait with nothing pending and no time: EAGAIN (%ld)", r);
	r = take(BIT(SIGUSR1), &info, 30);
	ktap_result(r == -EAGAIN, "rt_sigtimedwait 30 ms with nothing: EAGAIN (%ld)", r);
	ktap_result(sys(rt_sigtimedwait, &set, &info, &ts, 8) == -EINVAL,
		    "rt_sigtimedwait tv_nsec 1e9: EINVAL");
	ktap_result(sys(rt_sigtimedwait, &set, &info, 0, 4) == -EINVAL,
		    "rt_sigtimedwait sigsetsize 4: EINVAL");
	ktap_result(sys(rt_sigtimedwait, BAD_PTR, &info, 0, 8) == -EFAULT,
		    "rt_sigtimedwait bad set: EFAULT");

	memset(&info, 0, sizeof(info));
	sys(kill, mypid(), SIGUSR1);
	r = take(BIT(SIGUSR1), &info, 0);
	ktap_result(r == SIGUSR1 && info.si_signo == SIGUSR1 && info.si_code == SI_USER &&
		    info.si_pid == mypid() && info.si_uid == (unsigned)myuid(),
		    "kill's siginfo: SI_USER, the sender's pid and uid (%ld code %d pid %d)", r,
		    info.si_code, info.si_pid);
	sys(tgkill, mypid(), mytid(), SIGUSR2);
	r = take(BIT(SIGUSR2), &info, 0);
	ktap_result(r == SIGUSR2 && info.si_code == SI_TKILL && info.si_pid == mypid(),
		    "tgkill's siginfo: SI_TKILL (%d)", info.si_code);

	/* a classic signal sent twice is pending once */
	sys(kill, mypid(), SIGUSR1);
	sys(kill, mypid(), SIGUSR1);
	r = take(BIT(SIGUSR1), &info, 0);
	ktap_result(r == SIGUSR1 && take(BIT(SIGUSR1), &info, 0) == -EAGAIN,
		    "a classic signal sent twice is taken once");

	/* real-time signals: every instance queued, the lowest number first, each in order */
	if (on_ferry) {
		struct ksiginfo q = { .si_code = SI_QUEUE };
		int order[4], ok = 1;

		q.si_pid = mypid();
		q.si_uid = myuid();
		for (int i = 0; i < 3; i++) {
			q.si_signo = SIGRTMIN + 1;
			q.si_int = 100 + i;
			sys(rt_sigqueueinfo, mypid(), SIGRTMIN + 1, &q);
		}
		q.si_signo = SIGRTMIN;
		q.si_int = 7;
		sys(rt_sigqueueinfo, mypid(), SIGRTMIN, &q);
		for (int i = 0; i < 4; i++) {
			r = take(BIT(SIGRTMIN) | BIT(SIGRTMIN + 1), &info, 0);
			order[i] = r == SIGRTMIN ? info.si_int : r == SIGRTMIN + 1 ? info.si_int : -1;
			if (r < 0)
				ok = 0;
		}
		ktap_result(ok && order[0] == 7 && order[1] == 100 && order[2] == 101 && order[3] == 102,
			    "real-time signals: each instance, lowest first, in order (%d %d %d %d)",
			    order[0], order[1], order[2], order[3]);
	} else {
		ktap_result(1, "real-time queueing # SKIP qemu-user keeps one instance per signal");
	}
	setmask(0);
}

/* rt_sigqueueinfo: si_code >= 0 only to oneself; the siginfo arrives as given. */
static void check_sigqueueinfo(void)
{
	struct ksiginfo q, info;
	long r;

	setmask(BIT(SIGUSR1));
	memset(&q, 0, sizeof(q));
	q.si_signo = SIGUSR1;
	q.si_code = SI_QUEUE;
	q.si_pid = 4321;
	q.si_int = 99;
	r = sys(rt_sigqueueinfo, mypid(), SIGUSR1, &q);
	ktap_result(r == 0 && take(BIT(SIGUSR1), &info, 0) == SIGUSR1 && info.si_code == SI_QUEUE &&
		    info.si_pid == 4321 && info.si_int == 99,
		    "rt_sigqueueinfo to itself: the siginfo as given (code %d pid %d val %d)",
		    info.si_code, info.si_pid, info.si_int);
	q.si_code = SI_USER;
	r = sys(rt_sigqueueinfo, mypid(), SIGUSR1, &q);
	ktap_result(r == 0 && take(BIT(SIGUSR1), &info, 0) == SIGUSR1,
		    "rt_sigqueueinfo si_code SI_USER to itself: allowed (%ld)", r);
	ktap_result(sys(rt_sigqueueinfo, mypid(), SIGUSR1, BAD_PTR) == -EFAULT,
		    "rt_sigqueueinfo bad info: EFAULT");
	q.si_code = SI_QUEUE;
	ktap_result(sys(rt_sigqueueinfo, mypid(), 65, &q) == -EINVAL,
		    "rt_sigqueueinfo signal 65: EINVAL");
	ktap_result(sys(rt_tgsigqueueinfo, mypid(), mytid(), SIGUSR1, &q) == 0 &&
		    take(BIT(SIGUSR1), &info, 0) == SIGUSR1, "rt_tgsigqueueinfo to itself");
	ktap_result(sys(rt_tgsigqueueinfo, 0, mytid(), SIGUSR1, &q) == -EINVAL,
		    "rt_tgsigqueueinfo tgid 0: EINVAL");

	/* to another process: a non-negative si_code (pretending to be the kernel) is EPERM */
	long pid = do_fork();

	if (pid == 0) {
		sys(rt_sigprocmask, SIG_BLOCK, 0, 0, 8);
		r = take(BIT(SIGUSR1), &info, 3000);
		_exit_now(r == SIGUSR1 && info.si_code == SI_QUEUE ? 0 : 1);
	}
	q.si_code = SI_USER;
	r = sys(rt_sigqueueinfo, pid, SIGUSR1, &q);
	ktap_result(r == -EPERM, "rt_sigqueueinfo to another process with SI_USER: EPERM (%ld)", r);
	q.si_code = 0x80;	/* SI_KERNEL */
	r = sys(rt_sigqueueinfo, pid, SIGUSR1, &q);
	ktap_result(r == -EPERM, "... with SI_KERNEL: EPERM (%ld)", r);
	q.si_code = SI_TKILL;
	r = sys(rt_sigqueueinfo, pid, SIGUSR1, &q);
	ktap_result(r == -EPERM, "... with SI_TKILL: EPERM (%ld)", r);
	q.si_code = SI_QUEUE;
	r = sys(rt_sigqueueinfo, pid, SIGUSR1, &q);
	ktap_result(r == 0 && wait_status(pid) == 0, "... with SI_QUEUE: delivered (%ld)", r);
	setmask(0);
}

/* ---- kill, tkill, tgkill: targets, permissions, errno ------------------------------ */

static int kill_as_nobody(void)
{
	long r;

	if (sys(setresuid, 1000, 1000, 1000))
		return 90;
	r = sys(kill, 1, 0);
	if (r != -EPERM)
		return 91;
	r = sys(kill, 1, SIGTERM);
	if (r != -EPERM)
		return 92;
	r = sys(kill, myppid(), SIGCONT);	/* same session: SIGCONT is allowed */
	if (r != 0)
		return 93;
	r = sys(kill, mypid(), 0);		/* itself */
	if (r != 0)
		return 94;
	return 0;
}

static void check_kill(void)
{
	long pid, r;
	int status;

	ktap_result(sys(kill, mypid(), 65) == -EINVAL, "kill signal 65: EINVAL");
	ktap_result(sys(kill, mypid(), -1) == -EINVAL, "kill signal -1: EINVAL");
	ktap_result(sys(kill, 0x7ffff0, 0) == -ESRCH, "kill no such pid: ESRCH");
	ktap_result(sys(kill, 0x7ffff0, 65) == -ESRCH, "kill no such pid, bad signal: ESRCH");
	ktap_result(sys(kill, (int)0x80000000, 0) == -ESRCH, "kill INT_MIN: ESRCH");
	ktap_result(sys(kill, 0, 0) == 0, "kill(0, 0): the caller's group exists");
	ktap_result(sys(kill, -0x7ffff0, 0) == -ESRCH, "kill of an empty group: ESRCH");
	pid = do_fork();
	if (pid == 0)
		child_loop();
	ktap_result(sys(kill, -1, 0) == 0, "kill(-1, 0): 0");
	sys(kill, pid, SIGKILL);
	wait_status(pid);
	status = in_child(kill_as_nobody);
	ktap_result(status == 0, "an unprivileged sender: EPERM to root's processes, SIGCONT in "
		    "its session allowed (status %#x)", status);

	ktap_result(sys(tkill, 0, SIGUSR1) == -EINVAL, "tkill tid 0: EINVAL");
	ktap_result(sys(tkill, mytid(), 0) == 0, "tkill signal 0 to itself: 0");
	ktap_result(sys(tgkill, -1, mytid(), 0) == -EINVAL, "tgkill tgid -1: EINVAL");
	ktap_result(sys(tgkill, mypid(), 0, 0) == -EINVAL, "tgkill tid 0: EINVAL");
	ktap_result(sys(tgkill, mypid() + 0x10000, mytid(), 0) == -ESRCH,
		    "tgkill wrong tgid: ESRCH");
	ktap_result(sys(tgkill, mypid(), mytid(), 65) == -EINVAL,
		    "tgkill signal 65: EINVAL");

	/* a group: kill(-pgrp) reaches a child in its own group */
	pid = do_fork();
	if (pid == 0) {
		sys(setpgid, 0, 0);
		for (;;)
			sys(ppoll, 0, 0, 0, 0, 0);
	}
	sys(setpgid, pid, pid);
	r = sys(kill, -pid, SIGTERM);
	status = wait_status(pid);
	ktap_result(r == 0 && status == SIGTERM, "kill(-pgrp, SIGTERM) ends a child in that group "
		    "(status %#x)", status);
	/* a zombie can be signalled */
	pid = do_fork();
	if (pid == 0)
		_exit_now(3);
	{
		struct ksiginfo wi;

		sys(waitid, P_PID, pid, &wi, WEXITED | WNOWAIT, 0);
	}
	r = sys(kill, pid, SIGTERM);
	status = wait_status(pid);
	ktap_result(r == 0 && status == 3 << 8, "kill of a zombie: 0, its status unchanged");
}

/* ---- deaths by signal ------------------------------------------------------------ */

static int die_of;

static int raise_it(void)
{
	set_rlimit(RLIMIT_CORE, 0, ~0ULL);
	sys(kill, mypid(), die_of);
	for (int i = 0; i < 100; i++)
		sys(sched_yield);
	return 100;
}

static int ignore_defaults(void)
{
	int sigs[] = { SIGCHLD, SIGWINCH, SIGCONT, 23 /* SIGURG */ };

	for (int i = 0; i < 4; i++)
		sys(kill, mypid(), sigs[i]);
	return 42;
}

static int ignore_then_unblock(void)
{
	set_handler(SIGTERM, SIG_IGN, 0);
	sys(kill, mypid(), SIGTERM);
	return 43;
}

static int blocked_then_unblock(void)
{
	block(BIT(SIGTERM));
	sys(kill, mypid(), SIGTERM);
	for (int i = 0; i < 10; i++)
		sys(sched_yield);
	setmask(0);		/* delivered here: never returns */
	return 44;
}

static int cannot_ignore_kill(void)
{
	set_handler(SIGKILL, SIG_IGN, 0);
	block(BIT(SIGKILL));
	sys(kill, mypid(), SIGKILL);
	return 45;
}

static void check_deaths(void)
{
	static const int sigs[] = { SIGTERM, SIGUSR1, SIGHUP, SIGKILL, SIGALRM, SIGQUIT, SIGSEGV,
				    SIGRTMIN + 3 };
	int status;

	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		die_of = sigs[i];
		status = in_child(raise_it);
		ktap_result(status == sigs[i], "a child dead of signal %d: wait status %#x "
			    "(no core bit with RLIMIT_CORE 0)", sigs[i], status);
	}
	status = in_child(ignore_defaults);
	ktap_result(status == 42 << 8, "SIGCHLD, SIGWINCH, SIGCONT, SIGURG are ignored by default");
	status = in_child(ignore_then_unblock);
	ktap_result(status == 43 << 8, "SIG_IGN'd SIGTERM is dropped");
	status = in_child(blocked_then_unblock);
	ktap_result(status == SIGTERM, "a blocked SIGTERM kills when unblocked (%#x)", status);
	status = in_child(cannot_ignore_kill);
	ktap_result(status == SIGKILL, "SIGKILL can be neither ignored nor blocked (%#x)", status);
}

/* ---- stop, continue, and the parent's view -------------------------------------- */

/* A child in a process group of its own: a group with a parent outside it in the same
 * session is not orphaned, so the terminal's stop signals stop it. */
static long fork_own_group(void)
{
	long pid = do_fork();

	if (pid == 0) {
		sys(setpgid, 0, 0);
		child_loop();
	}
	sys(setpgid, pid, pid);
	return pid;
}

static void check_stop_continue(void)
{
	struct ksiginfo wi;
	long pid, r;
	int status;

	pid = fork_own_group();
	sys(kill, pid, SIGSTOP);
	r = sys(wait4, pid, &status, WUNTRACED, 0);
	check(r == pid && status == (0x7f | SIGSTOP << 8),
		    "wait4 WUNTRACED: a SIGSTOPped child is 0x137f (%#x)", status);
	r = sys(wait4, pid, &status, WUNTRACED | WNOHANG, 0);
	check(r == 0, "the stop is reported once (%ld)", r);
	sys(kill, pid, SIGCONT);
	r = sys(wait4, pid, &status, WCONTINUED, 0);
	check(r == pid && status == 0xffff, "wait4 WCONTINUED: 0xffff (%#x)", status);

	sys(kill, pid, SIGTSTP);
	memset(&wi, 0, sizeof(wi));
	r = sys(waitid, P_PID, pid, &wi, WUNTRACED, 0);
	check(r == 0 && wi.si_signo == SIGCHLD && wi.si_code == CLD_STOPPED &&
		    wi.si_status == SIGTSTP && wi.si_pid == pid,
		    "waitid WSTOPPED: CLD_STOPPED, SIGTSTP (code %d status %d)", wi.si_code,
		    wi.si_status);
	/* SIGCONT then a stop: the stop stays (the stop discards nothing after it) */
	sys(kill, pid, SIGCONT);
	memset(&wi, 0, sizeof(wi));
	r = sys(waitid, P_PID, pid, &wi, WCONTINUED, 0);
	check(r == 0 && wi.si_code == CLD_CONTINUED && wi.si_status == SIGCONT,
		    "waitid WCONTINUED: CLD_CONTINUED, SIGCONT (code %d status %d)", wi.si_code,
		    wi.si_status);
	sys(kill, pid, SIGKILL);
	status = wait_status(pid);
	check(status == SIGKILL, "then SIGKILL (%#x)", status);

	/* in an orphaned process group (the helper's own) SIGTSTP is discarded, SIGSTOP is not */
	pid = do_fork();
	if (pid == 0)
		child_loop();
	sys(kill, pid, SIGTSTP);
	r = sys(wait4, pid, &status, WUNTRACED | WNOHANG, 0);
	long r2;

	for (int i = 0; i < 20 && !r; i++) {
		sys(sched_yield);
		r = sys(wait4, pid, &status, WUNTRACED | WNOHANG, 0);
	}
	sys(kill, pid, SIGSTOP);
	r2 = sys(wait4, pid, &status, WUNTRACED, 0);
	check(r == 0 && r2 == pid && status == (0x7f | SIGSTOP << 8),
	      "an orphaned process group: SIGTSTP discarded, SIGSTOP stops (%ld %ld %#x)", r, r2,
	      status);
	sys(kill, pid, SIGKILL);
	wait_status(pid);

	/* a stopped child is killed by SIGKILL */
	pid = fork_own_group();
	sys(kill, pid, SIGSTOP);
	sys(wait4, pid, &status, WUNTRACED, 0);
	sys(kill, pid, SIGTERM);	/* pending while stopped */
	sys(kill, pid, SIGKILL);
	status = wait_status(pid);
	check(status == SIGKILL, "a stopped child dies of SIGKILL (%#x)", status);
	/* SIGTERM sent while stopped is acted on after SIGCONT */
	pid = fork_own_group();
	sys(kill, pid, SIGSTOP);
	sys(wait4, pid, &status, WUNTRACED, 0);
	sys(kill, pid, SIGTERM);
	r = sys(wait4, pid, &status, WNOHANG, 0);
	check(r == 0, "a stopped child with SIGTERM pending does not die yet (%ld)", r);
	sys(kill, pid, SIGCONT);
	status = wait_status(pid);
	check(status == SIGTERM, "after SIGCONT it dies of SIGTERM (%#x)", status);
}

/* ---- SIGCHLD ---------------------------------------------------------------------- */

static void check_sigchld(void)
{
	struct ksiginfo info;
	long pid, r;
	int status;

	setmask(BIT(SIGCHLD));
	drain(BIT(SIGCHLD));
	pid = do_fork();
	if (pid == 0)
		_exit_now(7);
	r = take(BIT(SIGCHLD), &info, 3000);
	check(r == SIGCHLD && info.si_code == CLD_EXITED && info.si_pid == pid &&
		    info.si_status == 7, "SIGCHLD at a child's exit: CLD_EXITED, pid, status 7 "
		    "(%ld code %d status %d)", r, info.si_code, info.si_status);
	wait_status(pid);
	pid = fork_own_group();
	sys(kill, pid, SIGKILL);
	r = take(BIT(SIGCHLD), &info, 3000);
	check(r == SIGCHLD && info.si_code == CLD_KILLED && info.si_status == SIGKILL,
		    "SIGCHLD for a killed child: CLD_KILLED, SIGKILL (code %d status %d)",
		    info.si_code, info.si_status);
	wait_status(pid);

	/* a stop and a continue: SIGCHLD, unless SA_NOCLDSTOP */
	pid = fork_own_group();
	sys(kill, pid, SIGSTOP);
	r = take(BIT(SIGCHLD), &info, 3000);
	check(r == SIGCHLD && info.si_code == CLD_STOPPED && info.si_status == SIGSTOP,
		    "SIGCHLD at a stop: CLD_STOPPED (code %d)", info.si_code);
	sys(wait4, pid, &status, WUNTRACED, 0);
	sys(kill, pid, SIGCONT);
	r = take(BIT(SIGCHLD), &info, 3000);
	check(r == SIGCHLD && info.si_code == CLD_CONTINUED && info.si_status == SIGCONT,
		    "SIGCHLD at a continue: CLD_CONTINUED (code %d)", info.si_code);
	sys(wait4, pid, &status, WCONTINUED, 0);
	set_handler(SIGCHLD, SIG_DFL, SA_NOCLDSTOP);
	sys(kill, pid, SIGSTOP);
	sys(wait4, pid, &status, WUNTRACED, 0);
	r = take(BIT(SIGCHLD), &info, 100);
	if (on_ferry)
		check(r == -EAGAIN, "SA_NOCLDSTOP: no SIGCHLD at a stop (%ld code %d)", r,
		      info.si_code);
	else
		check(1, "SA_NOCLDSTOP # SKIP qemu-user does not pass it to the host");
	sys(kill, pid, SIGKILL);
	wait_status(pid);
	drain(BIT(SIGCHLD));
	set_handler(SIGCHLD, SIG_DFL, 0);
	setmask(0);

	/* children reap themselves when SIGCHLD is SIG_IGN or SA_NOCLDWAIT: wait finds none */
	for (int how = 0; how < 2; how++) {
		if (how && !on_ferry) {
			check(1, "SA_NOCLDWAIT # SKIP qemu-user does not pass it to the host");
			continue;
		}
		set_handler(SIGCHLD, how ? SIG_DFL : SIG_IGN, how ? SA_NOCLDWAIT : 0);
		pid = do_fork();
		if (pid == 0)
			_exit_now(5);
		r = sys(wait4, -1, &status, 0, 0);
		check(r == -ECHILD, "%s: the child reaps itself, wait4 gives ECHILD (%ld)",
			    how ? "SA_NOCLDWAIT" : "SIGCHLD SIG_IGN", r);
		set_handler(SIGCHLD, SIG_DFL, 0);
	}

	/* exit_signal other than SIGCHLD: the parent gets that signal; __WCLONE waits for it */
	if (!on_ferry) {
		check(1, "exit_signal SIGUSR1 # SKIP qemu-user forks with SIGCHLD");
		check(1, "__WCLONE # SKIP qemu-user forks with SIGCHLD");
		return;
	}
	setmask(BIT(SIGUSR1));
	pid = sys(clone, SIGUSR1, 0, 0, 0, 0);
	if (pid == 0)
		_exit_now(9);
	r = take(BIT(SIGUSR1), &info, 3000);
	check(r == SIGUSR1 && info.si_code == CLD_EXITED && info.si_pid == pid,
		    "exit_signal SIGUSR1: the parent gets SIGUSR1 with CLD_EXITED (%ld %d)", r,
		    info.si_code);
	r = sys(wait4, pid, &status, 0x80000000 /* __WCLONE */, 0);
	check(r == pid && status == 9 << 8, "__WCLONE reaps it (%ld %#x)", r, status);
	setmask(0);
}

/* ---- limits and timers --------------------------------------------------------------- */

static int sigpending_limit(void)
{
	struct ksiginfo q;
	long r;

	set_rlimit(RLIMIT_SIGPENDING, 4, 4);
	setmask(BIT(SIGRTMIN) | BIT(SIGUSR1));
	memset(&q, 0, sizeof(q));
	q.si_code = SI_QUEUE;
	q.si_pid = mypid();
	for (int i = 0; i < 4; i++) {
		q.si_signo = SIGRTMIN;
		r = sys(rt_sigqueueinfo, mypid(), SIGRTMIN, &q);
		if (r)
			return 60 + i;
	}
	r = sys(rt_sigqueueinfo, mypid(), SIGRTMIN, &q);
	if (r != -EAGAIN)
		return 70;
	/* a classic signal still arrives past the limit (without its siginfo) */
	if (sys(kill, mypid(), SIGUSR1) || !(pending_now() & BIT(SIGUSR1)))
		return 71;
	return 0;
}

static void check_limits_and_timers(void)
{
	struct ksiginfo info;
	struct kitimerval it = { { 0, 0 }, { 0, 50000 } }, old;
	long r;
	int status;

	if (on_ferry) {
		status = in_child(sigpending_limit);
		ktap_result(status == 0, "RLIMIT_SIGPENDING 4: four queued, the fifth EAGAIN, a "
			    "classic signal still pending (%#x)", status);
	} else {
		ktap_result(1, "RLIMIT_SIGPENDING # SKIP qemu-user keeps one instance per signal");
	}

	setmask(BIT(SIGALRM));
	drain(BIT(SIGALRM));
	r = sys(setitimer, ITIMER_REAL, &it, 0);
	ktap_result(r == 0, "setitimer ITIMER_REAL 50 ms");
	r = take(BIT(SIGALRM), &info, 3000);
	ktap_result(r == SIGALRM && info.si_code == 0x80, "SIGALRM arrives from the kernel "
		    "(%ld code %#x)", r, info.si_code);
	r = sys(getitimer, ITIMER_REAL, &old);
	ktap_result(r == 0 && !old.value.tv_sec && !old.value.tv_usec, "getitimer: disarmed after");
	it.interval.tv_usec = 20000;
	it.value.tv_usec = 20000;
	sys(setitimer, ITIMER_REAL, &it, 0);
	r = take(BIT(SIGALRM), &info, 3000);
	long r2 = take(BIT(SIGALRM), &info, 3000);

	ktap_result(r == SIGALRM && r2 == SIGALRM, "an interval timer fires again");
	memset(&it, 0, sizeof(it));
	r = sys(setitimer, ITIMER_REAL, &it, &old);
	ktap_result(r == 0 && old.interval.tv_usec == 20000, "setitimer's old value: the interval");
	ktap_result(sys(setitimer, 5, &it, 0) == -EINVAL, "setitimer which 5: EINVAL");
	it.value.tv_usec = 1000000;
	ktap_result(sys(setitimer, ITIMER_REAL, &it, 0) == -EINVAL, "setitimer usec 1e6: EINVAL");
	ktap_result(sys(getitimer, ITIMER_REAL, BAD_PTR) == -EFAULT, "getitimer bad pointer: EFAULT");
#ifdef __NR_alarm
	drain(BIT(SIGALRM));
	r = sys(alarm, 1);
	ktap_result(r == 0, "alarm(1): no earlier alarm");
	r = sys(alarm, 5);
	ktap_result(r == 1, "alarm(5): 1 second was left (%ld)", r);
	sys(alarm, 1);
	r = take(BIT(SIGALRM), &info, 3000);
	ktap_result(r == SIGALRM, "alarm's SIGALRM (%ld)", r);
	ktap_result(sys(alarm, 0) == 0, "alarm(0) after it fired: 0");
#endif
	setmask(0);
}

/* ---- sigaltstack ------------------------------------------------------------------- */

static char altstack[16384];

static void check_sigaltstack(void)
{
	struct kstack ss = { altstack, 0, sizeof(altstack) }, old;
	long r;

	memset(&old, 0x55, sizeof(old));
	r = sys(sigaltstack, 0, &old);
	ktap_result(r == 0 && old.ss_flags == SS_DISABLE && !old.ss_sp && !old.ss_size,
		    "sigaltstack: none at first, SS_DISABLE (flags %d)", old.ss_flags);
	r = sys(sigaltstack, &ss, 0);
	memset(&old, 0, sizeof(old));
	sys(sigaltstack, 0, &old);
	ktap_result(r == 0 && old.ss_sp == altstack && old.ss_size == sizeof(altstack) &&
		    old.ss_flags == 0, "sigaltstack set and read back");
	ss.ss_size = 1024;
	ktap_result(sys(sigaltstack, &ss, 0) == -ENOMEM, "sigaltstack below MINSIGSTKSZ: ENOMEM");
	ss.ss_size = sizeof(altstack);
	ss.ss_flags = 5;
	ktap_result(sys(sigaltstack, &ss, 0) == -EINVAL, "sigaltstack flags 5: EINVAL");
	ktap_result(sys(sigaltstack, BAD_PTR, 0) == -EFAULT, "sigaltstack bad ss: EFAULT");
	ktap_result(sys(sigaltstack, 0, BAD_PTR) == -EFAULT, "sigaltstack bad oss: EFAULT");
	ss.ss_flags = SS_DISABLE;
	sys(sigaltstack, &ss, 0);
	sys(sigaltstack, 0, &old);
	ktap_result(old.ss_flags == SS_DISABLE && !old.ss_size, "SS_DISABLE turns it off");
}

/* ---- the old one-word forms of i386 and arm ------------------------------------------- */

#if defined(__i386__) || defined(__arm__)
#ifdef __i386__
#define OLD_CHECKS 5
#else
#define OLD_CHECKS 4
#endif
struct old_sigaction {
	unsigned long handler, mask, flags, restorer;
};

static void check_old_forms(void)
{
	unsigned long set = BIT(SIGUSR1), old = 1, pend = 0;
	struct old_sigaction sa = { SIG_IGN, BIT(SIGTERM), SA_RESTART, 0 }, o;

	setmask(BIT(SIGRTMIN + 2));
	sys(sigprocmask, SIG_BLOCK, &set, &old);
	ktap_result(old == 0 && blocked_now() == (BIT(SIGRTMIN + 2) | BIT(SIGUSR1)),
		    "old sigprocmask: the first 32 signals, oldset their word (%#lx)", old);
	set = BIT(SIGUSR2);
	sys(sigprocmask, SIG_SETMASK, &set, 0);
	/* Linux's compat_sig_setmask replaces the first word only; qemu-user clears the rest */
	if (on_ferry)
		ktap_result(blocked_now() == (BIT(SIGRTMIN + 2) | BIT(SIGUSR2)),
			    "old sigprocmask SIG_SETMASK keeps signals 33-64 (%#llx)", blocked_now());
	else
		ktap_result(1, "old SIG_SETMASK # SKIP qemu-user clears signals 33-64");
	sys(kill, mypid(), SIGUSR2);
	sys(sigpending, &pend);
	ktap_result(pend == BIT(SIGUSR2), "old sigpending (%#lx)", pend);
	drain(BIT(SIGUSR2));
	setmask(0);
	sys(sigaction, SIGUSR1, &sa, 0);
	memset(&o, 0, sizeof(o));
	sys(sigaction, SIGUSR1, 0, &o);
	ktap_result(o.handler == SIG_IGN && o.mask == BIT(SIGTERM) && o.flags == SA_RESTART,
		    "old sigaction: handler, one-word mask, flags");
	set_handler(SIGUSR1, SIG_DFL, 0);
#ifdef __i386__
	long r = sys(signal, SIGUSR1, SIG_IGN), r2 = sys(signal, SIGUSR1, SIG_DFL);

	if (on_ferry)	/* Linux's sys_signal (__ARCH_WANT_SYS_SIGNAL); qemu-i386 has none */
		ktap_result(r == (long)SIG_DFL && r2 == (long)SIG_IGN,
			    "i386 signal(): the old handler (%ld %ld)", r, r2);
	else
		ktap_result(1, "i386 signal() # SKIP qemu-i386 answers ENOSYS");
#endif
}
#else
#define OLD_CHECKS 0
#endif

/* ---- fork and init ----------------------------------------------------------------- */

static int fork_child_view(void)
{
	struct k_sigaction sa;

	if (pending_now())
		return 50;	/* nothing pending in a new process */
	if (blocked_now() != BIT(SIGUSR1))
		return 51;	/* the mask is inherited */
	sys(rt_sigaction, SIGUSR2, 0, &sa, 8);
	if (sa.handler != SIG_IGN)
		return 52;	/* so are the handlers */
	return 0;
}

static void check_fork_and_init(void)
{
	int status;

	setmask(BIT(SIGUSR1));
	set_handler(SIGUSR2, SIG_IGN, 0);
	sys(kill, mypid(), SIGUSR1);
	status = in_child(fork_child_view);
	ktap_result(status == 0, "fork: mask and handlers inherited, nothing pending (%#x)", status);
	drain(BIT(SIGUSR1));
	set_handler(SIGUSR2, SIG_DFL, 0);
	setmask(0);

	if (mypid() == 1) {
		sys(kill, 1, SIGTERM);
		sys(kill, 1, SIGKILL);
		sys(tkill, mytid(), SIGKILL);
		ktap_result(1, "init survives SIGTERM and SIGKILL sent to itself");
	} else {
		ktap_result(1, "init's own signals # SKIP not pid 1");
	}
}

/*
 * init (pid 1) ignoring SIGCHLD: a zombie handed to it when its parent exits is released
 * at once, since nobody will ever wait for it (Linux's reparent_leader). A middle child
 * (SIGCHLD at its default) leaves a zombie child, then exits. Booted only: under
 * qemu-user orphans go to the host's init (qemu 7.2 has no PR_SET_CHILD_SUBREAPER).
 */
static void check_reaper(void)
{
	int p[2], z = 0;
	long c, r;

	if (mypid() != 1) {
		ktap_result(1, "a zombie handed to init ignoring SIGCHLD # SKIP not pid 1");
		return;
	}
	set_handler(SIGCHLD, SIG_IGN, 0);
	sys(pipe2, p, 0);
	c = sys(clone, SIGCHLD, 0, 0, 0, 0);
	if (c == 0) {
		struct ksiginfo wi;

		set_handler(SIGCHLD, SIG_DFL, 0);	/* else z would reap itself at once */
		z = sys(clone, SIGCHLD, 0, 0, 0, 0);
		if (z == 0)
			sys(exit_group, 0);
		if (sys(waitid, P_PID, z, &wi, WEXITED | WNOWAIT, 0))	/* a zombie now */
			z = -1;
		sys(write, p[1], &z, sizeof(z));
		sys(exit_group, 0);			/* z goes to init */
	}
	sys(close, p[1]);
	sys(read, p[0], &z, sizeof(z));
	sys(close, p[0]);
	for (int i = 0; i < 300 && sys(kill, c, 0) == 0; i++)
		sleep_ms(10);				/* until the middle child is gone */
	r = sys(kill, z, 0);
	ktap_result(z > 0 && r == -ESRCH && sys(wait4, -1, 0, WNOHANG, 0) == -ECHILD,
		    "a zombie handed to init ignoring SIGCHLD is released at once: kill %ld", r);
	set_handler(SIGCHLD, SIG_DFL, 0);
}

int main(void)
{
	struct { char sysname[65], nodename[65], release[65], rest[65 * 3]; } uts;

	sys(uname, &uts);
	for (int i = 0; uts.release[i]; i++)
		if (!memcmp(uts.release + i, "ferry", 5))
			on_ferry = 1;
	sys(setsid);
#ifdef __NR_alarm
	ktap_plan(PLAN + OLD_CHECKS + 4);
#else
	ktap_plan(PLAN + OLD_CHECKS);
#endif
	check_masks();
	check_sigaction();
	check_timedwait();
	check_sigqueueinfo();
	check_kill();
	check_deaths();
	in_helper(check_stop_continue);
	in_helper(check_sigchld);
	check_limits_and_timers();
	check_sigaltstack();
#if defined(__i386__) || defined(__arm__)
	check_old_forms();
#endif
	check_fork_and_init();
	check_reaper();
	return ktap_finish();
}
