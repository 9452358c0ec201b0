/*
 * Process identity and limits, as Linux 6.1 answers them on every ABI: user and group ids
 * (the 32-bit calls, and i386's and arm's 16-bit ones), supplementary groups, process groups
 * and sessions, resource limits (the ABI's getrlimit, i386's original one, prlimit64),
 * getrusage, times, CPU affinity and getcpu; each call's errno cases.
 *
 * Runs as root (Ferry's init, and qemu-user as root on the test host): it drops privilege
 * with setresuid and takes it back through the saved uid, so the checks after still run as
 * root; only the last section gives root up for good. A structure the kernel writes is
 * followed by a canary that must survive (the 32-bit ABIs' layouts are half the size).
 * Boot defaults of the limits are checked only as pid 1: elsewhere they are the shell's.
 * Children (clone with SIGCHLD, a shared page to step them) check setpgid across fork,
 * across a child's setsid and after a child's execve of this program (--exec-child), and
 * the CPU time wait4 hands to RUSAGE_CHILDREN and times.
 * Checks that hold on both Linux and Ferry only; the plan line comes last (the count
 * differs between ABIs).
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>
#include <stdint.h>

#define EPERM	1
#define ESRCH	3
#define EFAULT	14
#define EACCES	13
#define EINVAL	22

#define RLIMIT_STACK		3
#define RLIMIT_CORE		4
#define RLIMIT_NPROC		6
#define RLIMIT_NOFILE		7
#define RLIMIT_MEMLOCK		8
#define RLIMIT_SIGPENDING	11
#define RLIMIT_MSGQUEUE		12
#define RLIMIT_NICE		13
#define RLIMIT_RTPRIO		14
#define RLIM_NLIMITS		16
#define RLIM64_INFINITY		(~0ULL)

#define RUSAGE_SELF		0
#define RUSAGE_CHILDREN		(-1)
#define RUSAGE_THREAD		1

#define NGROUPS_MAX		65536
#define NO_PID			0x3ffffff0	/* above any pid_max: no such process */
#define CANARY			0xa5
#define BAD			((void *)8)	/* an address nothing is mapped at */

/* The 32-bit id calls: getuid32 etc. where the ABI also has 16-bit ones (i386, arm). */
#if defined(__NR_getuid32)
#define HAVE_UID16 1
#define id32(name, ...)	sysnr(__NR_##name##32, ##__VA_ARGS__)
#else
#define HAVE_UID16 0
#define id32(name, ...)	sysnr(__NR_##name, ##__VA_ARGS__)
#endif

/* The ABI's getrlimit with unsigned limits: ugetrlimit where both exist (i386, arm). */
#if defined(__NR_ugetrlimit)
#define own_getrlimit(res, p)	sys(ugetrlimit, res, p)
#else
#define own_getrlimit(res, p)	sys(getrlimit, res, p)
#endif

struct rlimit_abi {		/* the ABI's struct rlimit: two unsigned longs */
	unsigned long cur, max;
};

struct rlimit64 {
	unsigned long long cur, max;
};

struct timeval_abi {
	long tv_sec, tv_usec;
};

struct rusage_abi {		/* 144 bytes on 64-bit ABIs, 72 on 32-bit ones */
	struct timeval_abi utime, stime;
	long maxrss, ixrss, idrss, isrss, minflt, majflt, nswap;
	long inblock, oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw;
};

struct tms_abi {
	long utime, stime, cutime, cstime;
};

static int checks;

#define CHECK(cond, ...)	(checks++, ktap_result((cond), __VA_ARGS__))

/* Bytes at p[from, to) all still CANARY. */
static int untouched(const void *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (((const unsigned char *)p)[i] != CANARY)
			return 0;
	return 1;
}

/* getresuid/getresgid through the 32-bit call: r, e, s == the three expected. */
static int resuid_is(unsigned int r, unsigned int e, unsigned int s)
{
	unsigned int a = 1, b = 1, c = 1;

	return id32(getresuid, &a, &b, &c) == 0 && a == r && b == e && c == s;
}

static int resgid_is(unsigned int r, unsigned int e, unsigned int s)
{
	unsigned int a = 1, b = 1, c = 1;

	return id32(getresgid, &a, &b, &c) == 0 && a == r && b == e && c == s;
}

static long own_pid;

/* ---- limits at boot (as pid 1 only) -------------------------------------------------- */

static void check_boot_limits(void)
{
	static const struct { int res; unsigned long long cur, max; } want[] = {
		{ RLIMIT_STACK, 8 << 20, RLIM64_INFINITY },
		{ RLIMIT_CORE, 0, RLIM64_INFINITY },
		{ RLIMIT_NOFILE, 1024, 4096 },
		{ RLIMIT_MEMLOCK, 8 << 20, 8 << 20 },
		{ RLIMIT_MSGQUEUE, 819200, 819200 },
		{ RLIMIT_NICE, 0, 0 },
		{ RLIMIT_RTPRIO, 0, 0 },
	};
	struct rlimit64 r, nproc, sigpending;
	int ok = 1, bad = -1;	/* -1: none wrong */

	if (own_pid != 1) {
		CHECK(1, "limits at boot # SKIP not pid 1: the limits are the caller's");
		return;
	}
	for (int res = 0; res < RLIM_NLIMITS; res++) {
		unsigned long long cur = RLIM64_INFINITY, max = RLIM64_INFINITY;

		for (unsigned int i = 0; i < sizeof(want) / sizeof(want[0]); i++)
			if (want[i].res == res)
				cur = want[i].cur, max = want[i].max;
		if (res == RLIMIT_NPROC || res == RLIMIT_SIGPENDING)
			continue;
		if (sys(prlimit64, 0, res, 0, &r) != 0 || r.cur != cur || r.max != max) {
			if (ok)
				bad = res;
			ok = 0;
		}
	}
	CHECK(ok, "limits at boot: Linux's (stack 8 MiB/unlimited, nofile 1024/4096, core 0, "
	      "memlock 8 MiB, msgqueue 819200, nice and rtprio 0, the rest unlimited); "
	      "first wrong: %d", bad);
	sys(prlimit64, 0, RLIMIT_NPROC, 0, &nproc);
	sys(prlimit64, 0, RLIMIT_SIGPENDING, 0, &sigpending);
	CHECK(nproc.cur && nproc.cur == nproc.max && nproc.cur != RLIM64_INFINITY &&
	      sigpending.cur == nproc.cur && sigpending.max == nproc.cur,
	      "limits at boot: nproc %llu/%llu (max_threads / 2), sigpending the same %llu/%llu",
	      nproc.cur, nproc.max, sigpending.cur, sigpending.max);
}

/* ---- user ids ----------------------------------------------------------------------- */

static void check_uids(void)
{
	CHECK(id32(getuid) == 0 && id32(geteuid) == 0 && resuid_is(0, 0, 0) &&
	      id32(setfsuid, -1) == 0, "root: uid, euid, saved and fs uid all 0");

	CHECK(id32(setresuid, -1, 1000, -1) == 0 && resuid_is(0, 1000, 0) &&
	      id32(geteuid) == 1000 && id32(getuid) == 0 && id32(setfsuid, -1) == 1000,
	      "setresuid(-1, 1000, -1): euid and fsuid 1000, real and saved 0");
	CHECK(id32(setuid, 1234) == -EPERM && id32(setresuid, -1, -1, 1234) == -EPERM &&
	      id32(setreuid, 1234, -1) == -EPERM && id32(setreuid, -1, 1234) == -EPERM &&
	      resuid_is(0, 1000, 0), "euid 1000: setuid/setreuid/setresuid to another id EPERM");
	CHECK(id32(setfsuid, 1234) == 1000 && id32(setfsuid, -1) == 1000,
	      "euid 1000: setfsuid(1234) returns the old fsuid 1000 and changes nothing");
	CHECK(id32(setgid, 1234) == -EPERM && id32(setresgid, 1234, -1, -1) == -EPERM &&
	      id32(setgroups, 0, 0) == -EPERM, "euid 1000: setgid, setresgid, setgroups EPERM");
	CHECK(id32(setreuid, -1, 0) == 0 && resuid_is(0, 0, 0) && id32(setfsuid, -1) == 0,
	      "euid 1000: setreuid(-1, 0) back to the real uid: all 0, saved unchanged");

	CHECK(id32(setreuid, 1000, -1) == 0 && resuid_is(1000, 0, 0),
	      "root: setreuid(1000, -1): real 1000, saved takes the euid 0");
	CHECK(id32(setuid, 0) == 0 && resuid_is(0, 0, 0), "root: setuid(0) sets all three");
	CHECK(id32(setresuid, 1000, 1000, 0) == 0 && resuid_is(1000, 1000, 0) &&
	      id32(setuid, 0) == 0 && resuid_is(1000, 0, 0),
	      "setresuid(1000, 1000, 0), then unprivileged setuid(0) to the saved uid: only euid");
	CHECK(id32(setresuid, 0, 0, 0) == 0 && resuid_is(0, 0, 0), "setresuid(0, 0, 0): root again");
	CHECK(id32(setuid, -1) == -EINVAL && id32(setreuid, -1, -1) == 0 &&
	      id32(setresuid, -1, -1, -1) == 0 && resuid_is(0, 0, 0),
	      "setuid(-1) EINVAL; setreuid(-1, -1) and setresuid(-1, -1, -1) change nothing");
	CHECK(id32(getresuid, BAD, BAD, BAD) == -EFAULT, "getresuid to a bad address: EFAULT");
}

/* ---- group ids and supplementary groups ----------------------------------------------- */

static unsigned int big[NGROUPS_MAX + 1];

static void check_gids(void)
{
	unsigned int g[4];
	int sorted = 1;

	CHECK(id32(setresgid, 10, 20, 30) == 0 && resgid_is(10, 20, 30) && id32(getgid) == 10 &&
	      id32(getegid) == 20 && id32(setfsgid, -1) == 20,
	      "setresgid(10, 20, 30): gid 10, egid and fsgid 20, saved 30");
	CHECK(id32(setregid, -1, 50) == 0 && resgid_is(10, 50, 50),
	      "setregid(-1, 50): egid 50, saved follows (50 is not the real gid)");
	CHECK(id32(setgid, 40) == 0 && resgid_is(40, 40, 40) && id32(setfsgid, -1) == 40,
	      "root: setgid(40) sets all four");
	id32(setresuid, -1, 1000, -1);
	CHECK(id32(setgid, 41) == -EPERM && id32(setgid, 40) == 0 &&
	      id32(setresgid, -1, -1, 77) == -EPERM && id32(setfsgid, 77) == 40 &&
	      id32(setfsgid, -1) == 40 && resgid_is(40, 40, 40),
	      "euid 1000: setgid only to its own gids, setresgid(-1, -1, 77) EPERM, setfsgid(77) "
	      "returns 40 and changes nothing");
	id32(setresuid, -1, 0, -1);
	CHECK(id32(setgid, 0) == 0 && resgid_is(0, 0, 0) && id32(setgid, -1) == -EINVAL,
	      "root: setgid(0); setgid(-1) EINVAL");

	g[0] = 30, g[1] = 10, g[2] = 20;
	CHECK(id32(setgroups, 3, g) == 0 && id32(getgroups, 0, 0) == 3 &&
	      id32(getgroups, 3, g) == 3 && g[0] == 10 && g[1] == 20 && g[2] == 30,
	      "setgroups {30, 10, 20}; getgroups: 3, sorted {10, 20, 30}");
	CHECK(id32(getgroups, 2, g) == -EINVAL && id32(getgroups, -1, g) == -EINVAL,
	      "getgroups with too small a size or a negative one: EINVAL");
	CHECK(id32(getgroups, 3, BAD) == -EFAULT && id32(setgroups, 2, BAD) == -EFAULT,
	      "getgroups/setgroups with a bad list: EFAULT");
	CHECK(id32(setgroups, NGROUPS_MAX + 1, big) == -EINVAL && id32(setgroups, -1, g) == -EINVAL,
	      "setgroups of NGROUPS_MAX + 1 or -1 groups: EINVAL");
	g[0] = -1;
	CHECK(id32(setgroups, 1, g) == -EINVAL && id32(getgroups, 0, 0) == 3,
	      "setgroups with gid -1: EINVAL, the groups unchanged");
	for (int i = 0; i < NGROUPS_MAX; i++)
		big[i] = NGROUPS_MAX - i;
	long n = id32(setgroups, NGROUPS_MAX, big);
	long m = id32(getgroups, NGROUPS_MAX, big);
	for (int i = 0; i < NGROUPS_MAX; i++)
		sorted &= big[i] == (unsigned int)i + 1;
	CHECK(n == 0 && m == NGROUPS_MAX && sorted,
	      "setgroups of NGROUPS_MAX groups in descending order: %ld, getgroups %ld, ascending",
	      n, m);
	CHECK(id32(setgroups, 0, 0) == 0 && id32(getgroups, 0, 0) == 0, "setgroups(0, NULL): none");
}

#if HAVE_UID16
/* i386's and arm's original calls: 16-bit ids, 0xffff for -1, 65534 for what does not fit. */
static void check_uid16(void)
{
	uint16_t r[4];

	CHECK(sys(getuid) == 0 && sys(geteuid) == 0 && sys(getgid) == 0 && sys(getegid) == 0,
	      "16-bit getuid, geteuid, getgid, getegid: 0");
	memset(r, CANARY, sizeof(r));
	id32(setresuid, -1, 70000, -1);
	long e16 = sys(geteuid), e32 = id32(geteuid), rr = sys(getresuid, &r[0], &r[1], &r[2]);
	id32(setresuid, -1, 0, -1);
	CHECK(e16 == 65534 && e32 == 70000 && rr == 0 && r[0] == 0 && r[1] == 65534 &&
	      r[2] == 0 && untouched(r, 6, 8),
	      "euid 70000: geteuid16 %ld (overflow uid 65534), geteuid32 %ld, getresuid16 writes "
	      "3 x 2 bytes {%u, %u, %u}", e16, e32, r[0], r[1], r[2]);
	CHECK(sys(setresuid, 0xffff, 1000, 0xffff) == 0 && resuid_is(0, 1000, 0) &&
	      sys(setresuid, 0xffff, 0, 0xffff) == 0 && resuid_is(0, 0, 0),
	      "setresuid16(0xffff, 1000, 0xffff): 0xffff leaves an id unchanged");
	CHECK(sys(setuid, 0xffff) == -EINVAL && sys(setfsuid, 0xffff) == 0,
	      "setuid16(0xffff) EINVAL; setfsuid16(0xffff) returns the fsuid 0");
	r[0] = 7, r[1] = 5;
	memset(&r[2], CANARY, 4);
	unsigned int g[2] = { 1, 1 };
	CHECK(sys(setgroups, 2, r) == 0 && sys(getgroups, 2, r) == 2 && r[0] == 5 && r[1] == 7 &&
	      untouched(r, 4, 8) && id32(getgroups, 2, g) == 2 && g[0] == 5 && g[1] == 7,
	      "setgroups16 {7, 5}: getgroups16 writes {5, 7} in 2-byte slots, getgroups32 agrees");
	r[0] = 0xffff;
	CHECK(sys(setgroups, 1, r) == -EINVAL && sys(setgroups, 0, 0) == 0,
	      "setgroups16 with 0xffff: EINVAL");
}
#endif

/* ---- process groups and sessions ------------------------------------------------------ */

static long own_getpgrp(void)
{
#if defined(__NR_getpgrp)
	return sys(getpgrp);
#else
	return sys(getpgid, 0);		/* asm-generic has no getpgrp */
#endif
}

static void check_pgrp(void)
{
	long pgrp = sys(getpgid, 0), sid = sys(getsid, 0), r;

	CHECK(pgrp >= 0 && own_getpgrp() == pgrp && sys(getpgid, own_pid) == pgrp && sid >= 0 &&
	      sys(getsid, own_pid) == sid,
	      "getpgid(0) = getpgrp() = getpgid(getpid()) = %ld; getsid(0) = getsid(getpid()) = %ld",
	      pgrp, sid);
	CHECK(sys(getpgid, NO_PID) == -ESRCH && sys(getsid, NO_PID) == -ESRCH &&
	      sys(getpgid, -1) == -ESRCH, "getpgid, getsid of no such process: ESRCH");
	CHECK(sys(setpgid, 0, -1) == -EINVAL && sys(setpgid, NO_PID, 0) == -ESRCH &&
	      sys(setpgid, 0, NO_PID) == -EPERM,
	      "setpgid: pgid -1 EINVAL, no such process ESRCH, no such group in the session EPERM");

	r = sys(setsid);
	if (pgrp == own_pid)		/* already leads a group: Linux refuses */
		CHECK(r == -EPERM, "setsid when leading a process group: %ld (EPERM)", r);
	else
		CHECK(r == own_pid && sys(getsid, 0) == own_pid && own_getpgrp() == own_pid,
		      "setsid() = %ld: leads a new session and group with its pid", r);
	sid = sys(getsid, 0);
	CHECK(sys(setsid) == -EPERM, "setsid again: EPERM");
	r = sys(setpgid, 0, 0);
	CHECK(sid == own_pid ? r == -EPERM : r == 0, "setpgid(0, 0) %s: %ld",
	      sid == own_pid ? "as a session leader (EPERM)" : "in its own session (0)", r);
}

/*
 * May this root raise a hard limit? On Linux only with CAP_SYS_RESOURCE, which a container's
 * root may lack (Docker drops it); Ferry has no capability sets (capget: ENOSYS), its root
 * holds every privilege.
 */
static int has_cap_sys_resource(void)
{
	struct { uint32_t version; int pid; } hdr = { 0x20080522, 0 };	/* _LINUX_CAPABILITY_VERSION_3 */
	struct { uint32_t effective, permitted, inheritable; } data[2];
	long r = sys(capget, &hdr, data);

	return r == -38 /* ENOSYS */ || (r == 0 && (data[0].effective >> 24 & 1));
}

/* ---- limits --------------------------------------------------------------------------- */

static void check_rlimits(void)
{
	struct rlimit_abi r = { 1, 1 }, lim;
	struct rlimit64 orig, r64, set64;

	CHECK(own_getrlimit(RLIM_NLIMITS, &r) == -EINVAL && sys(setrlimit, RLIM_NLIMITS, &r) == -EINVAL &&
	      sys(prlimit64, 0, RLIM_NLIMITS, 0, &r64) == -EINVAL && own_getrlimit(-1, &r) == -EINVAL,
	      "getrlimit, setrlimit, prlimit64 of resource 16 or -1: EINVAL");
	sys(prlimit64, 0, RLIMIT_NOFILE, 0, &orig);
	long got = own_getrlimit(RLIMIT_NOFILE, &r);
	CHECK(got == 0 && r.cur == orig.cur && r.max == orig.max &&
	      sys(prlimit64, own_pid, RLIMIT_NOFILE, 0, &r64) == 0 && r64.cur == orig.cur,
	      "getrlimit(NOFILE) = prlimit64(0 and getpid()) = %lu/%lu", r.cur, r.max);
	lim = (struct rlimit_abi){ 200, 100 };
	CHECK(sys(setrlimit, RLIMIT_NOFILE, &lim) == -EINVAL, "setrlimit soft above hard: EINVAL");
	set64 = (struct rlimit64){ 1024, 2 << 20 };
	CHECK(sys(prlimit64, 0, RLIMIT_NOFILE, &set64, 0) == -EPERM,
	      "root: prlimit64 NOFILE hard 2^21, above nr_open: EPERM");
	set64 = (struct rlimit64){ 256, 512 };
	CHECK(sys(prlimit64, 0, RLIMIT_NOFILE, &set64, &r64) == 0 && r64.cur == orig.cur &&
	      r64.max == orig.max && own_getrlimit(RLIMIT_NOFILE, &r) == 0 && r.cur == 256 &&
	      r.max == 512, "prlimit64 sets 256/512 and returns the old limits");

	id32(setresuid, -1, 1000, -1);
	lim = (struct rlimit_abi){ 256, 1024 };
	long raise = sys(setrlimit, RLIMIT_NOFILE, &lim);
	lim = (struct rlimit_abi){ 128, 256 };
	long lower = sys(setrlimit, RLIMIT_NOFILE, &lim);
	lim = (struct rlimit_abi){ 256, 256 };
	long soft = sys(setrlimit, RLIMIT_NOFILE, &lim);
	id32(setresuid, -1, 0, -1);
	CHECK(raise == -EPERM && lower == 0 && soft == 0,
	      "euid 1000: raising the hard limit EPERM (%ld), lowering it %ld, soft up to hard %ld",
	      raise, lower, soft);
	if (has_cap_sys_resource())
		CHECK(sys(prlimit64, 0, RLIMIT_NOFILE, &orig, 0) == 0 &&
		      own_getrlimit(RLIMIT_NOFILE, &r) == 0 && r.cur == orig.cur &&
		      r.max == orig.max, "root raises the hard limit back");
	else
		CHECK(sys(prlimit64, 0, RLIMIT_NOFILE, &orig, 0) == -EPERM,
		      "root without CAP_SYS_RESOURCE (a container): raising the hard limit EPERM");

	CHECK(sys(prlimit64, NO_PID, RLIMIT_NOFILE, 0, &r64) == -ESRCH &&
	      sys(prlimit64, 0, RLIMIT_NOFILE, 0, BAD) == -EFAULT &&
	      sys(prlimit64, 0, RLIMIT_NOFILE, BAD, 0) == -EFAULT &&
	      own_getrlimit(RLIMIT_NOFILE, BAD) == -EFAULT &&
	      sys(setrlimit, RLIMIT_NOFILE, BAD) == -EFAULT,
	      "prlimit64 of no such process ESRCH; bad addresses EFAULT");

	/* Unlimited in the ABI's words: ~0UL; 32-bit ABIs map 0xffffffff to and from 2^64 - 1. */
	sys(prlimit64, 0, RLIMIT_CORE, 0, &orig);
	set64 = (struct rlimit64){ RLIM64_INFINITY, RLIM64_INFINITY };
	sys(prlimit64, 0, RLIMIT_CORE, &set64, 0);
	got = own_getrlimit(RLIMIT_CORE, &r);
	CHECK(got == 0 && r.cur == ~0UL && r.max == ~0UL, "unlimited reads as %#lx/%#lx",
	      r.cur, r.max);
	lim = (struct rlimit_abi){ 0x1000, ~0UL };
	CHECK(sys(setrlimit, RLIMIT_CORE, &lim) == 0 &&
	      sys(prlimit64, 0, RLIMIT_CORE, 0, &r64) == 0 && r64.cur == 0x1000 &&
	      r64.max == RLIM64_INFINITY, "setrlimit with max %#lx: unlimited (prlimit64 %#llx)",
	      lim.max, r64.max);
#if defined(__NR_getrlimit) && defined(__NR_ugetrlimit)
	/*
	 * i386's original getrlimit: limits above 0x7fffffff read as 0x7fffffff on Linux
	 * (compat_sys_old_getrlimit). qemu-i386 answers it as ugetrlimit (0xffffffff), so
	 * only a kernel that runs the probe as init (Linux booted, Ferry) is held to it.
	 */
	lim = (struct rlimit_abi){ 1, 1 };
	long old = sys(getrlimit, RLIMIT_CORE, &lim);
	CHECK(old == 0 && lim.cur == 0x1000 &&
	      (lim.max == 0x7fffffff || (own_pid != 1 && lim.max == 0xffffffff)),
	      "i386 getrlimit (76): unlimited reads as %#lx (Linux 0x7fffffff; qemu-i386 0xffffffff)",
	      lim.max);
#endif
	sys(prlimit64, 0, RLIMIT_CORE, &orig, 0);
}

/* ---- usage and times ------------------------------------------------------------------ */

static long long usage_ms(int who)
{
	struct rusage_abi ru;

	if (sys(getrusage, who, &ru))
		return -1;
	return (ru.utime.tv_sec + ru.stime.tv_sec) * 1000LL +
	       (ru.utime.tv_usec + ru.stime.tv_usec) / 1000;
}

static void spin_ms(long long ms)
{
	long long end = now_ms() + ms;

	while (now_ms() < end)
		;
}

static void check_usage(void)
{
	unsigned char buf[sizeof(struct rusage_abi) + 32];
	struct rusage_abi *ru = (struct rusage_abi *)buf;
	struct tms_abi *tms = (struct tms_abi *)buf;
	long r, t0, t1;

	memset(buf, CANARY, sizeof(buf));
	r = sys(getrusage, RUSAGE_SELF, buf);
	CHECK(r == 0 && ru->utime.tv_usec >= 0 && ru->utime.tv_usec < 1000000 &&
	      ru->stime.tv_usec >= 0 && ru->stime.tv_usec < 1000000 && ru->utime.tv_sec >= 0 &&
	      untouched(buf, sizeof(*ru), sizeof(buf)),
	      "getrusage(SELF) writes its %zu-byte struct rusage, nothing after", sizeof(*ru));
	memset(buf, CANARY, sizeof(buf));
	r = sys(getrusage, RUSAGE_CHILDREN, buf);
	CHECK(r == 0 && ru->utime.tv_sec == 0 && ru->utime.tv_usec == 0 && ru->stime.tv_sec == 0 &&
	      ru->stime.tv_usec == 0 && ru->minflt == 0 && ru->nvcsw == 0,
	      "getrusage(CHILDREN) with no child reaped: all zero");
	long long thread = usage_ms(RUSAGE_THREAD), self = usage_ms(RUSAGE_SELF);
	CHECK(thread >= 0 && self >= thread, "getrusage(THREAD) %lld ms <= getrusage(SELF) %lld ms",
	      thread, self);
	CHECK(sys(getrusage, 2, buf) == -EINVAL && sys(getrusage, -2, buf) == -EINVAL &&
	      sys(getrusage, RUSAGE_SELF, BAD) == -EFAULT,
	      "getrusage(2) and (-2) EINVAL; to a bad address EFAULT");

	t0 = sys(times, 0);
	long long wall0 = now_ms(), before = usage_ms(RUSAGE_SELF);
	spin_ms(300);
	long long after = usage_ms(RUSAGE_SELF);
	memset(buf, CANARY, sizeof(buf));
	t1 = sys(times, buf);
	long long wall = now_ms() - wall0;
	CHECK(after - before >= 10, "300 ms of busy loop: getrusage(SELF) grew %lld ms (a tick at "
	      "least; other programs may share the CPU)", after - before);
	/*
	 * Ticks, judged against getrusage's growth over the same stretch rather than the 300 ms
	 * wall clock: on a loaded host the guest's timer and its clock drift apart (a CI run saw
	 * 238 ticks for a "300 ms" loop that getrusage measured as 2380 ms). The other way
	 * round, a loaded host gives the process less CPU than wall time (a CI run under
	 * qemu-user: 30 ticks while getrusage grew 139 ms), and times() counts real time: so the
	 * ticks must agree with getrusage's growth or with the clock's. Milliseconds or
	 * nanoseconds would be 10 or 10^7 times off both.
	 */
	long long tick_ms = (long long)(t1 - t0) * 10, grew = after - before;
	int near_cpu = tick_ms - grew <= 50 + grew / 5 && grew - tick_ms <= 50 + grew / 5;
	int near_wall = tick_ms - wall <= 50 + wall / 5 && wall - tick_ms <= 50 + wall / 5;
	CHECK(t1 - t0 >= 10 && (near_cpu || near_wall) && untouched(buf, sizeof(*tms), sizeof(buf)),
	      "times() counts clock ticks (100 a second): %ld while getrusage grew %lld ms and the "
	      "clock %lld ms; writes %zu bytes", t1 - t0, grew, wall, sizeof(*tms));
	long long tms_ms = (tms->utime + tms->stime) * 10;
	CHECK(tms_ms - after <= 50 && after - tms_ms <= 50 && tms->cutime == 0 && tms->cstime == 0,
	      "times' user+system %lld ms agrees with getrusage's %lld ms; children 0", tms_ms, after);
	CHECK(sys(times, BAD) == -EFAULT, "times to a bad address: EFAULT");
}

/* ---- children: groups across fork, their usage after wait ------------------------------ */

#define SIGCHLD		17
#define PROT_RW		3		/* PROT_READ | PROT_WRITE */
#define MAP_SHARED_ANON	0x21		/* MAP_SHARED | MAP_ANONYMOUS */

static volatile int *shared;		/* [0] the child's step, [1] the parent's go-ahead */

static void *map_shared_page(void)
{
#if defined(__NR_mmap2)
	return (void *)sys(mmap2, 0, 4096, PROT_RW, MAP_SHARED_ANON, -1, 0);
#else
	return (void *)sys(mmap, 0, 4096, PROT_RW, MAP_SHARED_ANON, -1, 0);
#endif
}

/* fork as clone(SIGCHLD): the same argument order on every ABI when the rest is 0. */
static long spawn(int child_setsid)
{
	long pid;

	shared[0] = shared[1] = 0;
	pid = sys(clone, SIGCHLD, 0, 0, 0, 0);
	if (pid)
		return pid;
	if (child_setsid)
		sys(setsid);
	spin_ms(100);			/* CPU time for the parent to find in RUSAGE_CHILDREN */
	shared[0] = 1;
	while (!shared[1])
		sys(sched_yield);
	sys(exit, 0);
	for (;;)
		;
}

static int reap(long pid)
{
	int status = -1;

	shared[1] = 1;
	return sys(wait4, pid, &status, 0, 0) == pid && status == 0;
}

static void check_children(void)
{
	long a, b, r1, r2, r3, ga, gb, sa, sb;
	unsigned char buf[sizeof(struct tms_abi)];
	struct tms_abi *tms = (struct tms_abi *)buf;

	shared = map_shared_page();
	a = FAILED(shared) ? -1 : spawn(0);
	if (a < 0) {
		CHECK(1, "children # SKIP no fork (%ld)", a);
		return;
	}
	while (!shared[0])
		sys(sched_yield);
	r1 = sys(setpgid, a, 0);
	ga = sys(getpgid, a);
	r2 = sys(setpgid, a, own_pid);
	sa = sys(getsid, a);
	r3 = sys(setpgid, a, NO_PID);
	CHECK(r1 == 0 && ga == a && r2 == 0 && sys(getpgid, a) == own_pid && sa == sys(getsid, 0) &&
	      r3 == -EPERM && reap(a),
	      "a child: setpgid(child, 0) %ld makes its own group %ld, setpgid(child, our group) "
	      "%ld, no such group %ld (EPERM); same session %ld", r1, ga, r2, r3, sa);

	b = spawn(1);
	while (!shared[0])
		sys(sched_yield);
	r1 = sys(setpgid, b, 0);
	gb = sys(getpgid, b);
	sb = sys(getsid, b);
	CHECK(r1 == -EPERM && gb == b && sb == b && reap(b),
	      "a child that called setsid: its session and group are its pid (%ld, %ld), "
	      "setpgid on it EPERM (%ld)", sb, gb, r1);

	/*
	 * A child that has called execve: setpgid on it is EACCES (Linux's PF_FORKNOEXEC). The
	 * child execs this program with --exec-child, which lives 500 ms; until the exec lands
	 * setpgid(child, child) succeeds, so the parent asks until the answer changes.
	 */
	const char *self = (const char *)getauxval(AT_EXECFN);
	char *eargv[] = { (char *)self, "--exec-child", 0 }, *eenvp[] = { 0 };
	int status = -1;
	long long until;

	b = sys(clone, SIGCHLD, 0, 0, 0, 0);
	if (b == 0) {
		r1 = sys(execve, self, eargv, eenvp);
		sys(exit, 100 - r1);		/* exec failed: 100 + errno */
	}
	until = now_ms() + 2000;
	do {
		r1 = sys(setpgid, b, b);
		if (r1 == 0)
			sys(sched_yield);
	} while (r1 == 0 && now_ms() < until);
	r2 = sys(wait4, b, &status, 0, 0);
	if (status == (100 + 8) << 8)		/* ENOEXEC: qemu-user execs through the host */
		CHECK(1, "a child after execve: setpgid EACCES # SKIP the host cannot exec this ABI");
	else
		CHECK(r1 == -EACCES && r2 == b && status == 0,
		      "a child after execve: setpgid on it %ld (EACCES); it exits %#x", r1, status);

	long long children = usage_ms(RUSAGE_CHILDREN);
	sys(times, buf);
	CHECK(children >= 10 && tms->cutime + tms->cstime >= 1,
	      "children reaped after 100 ms of CPU each: getrusage(CHILDREN) %lld ms, "
	      "times' children %ld ticks", children, tms->cutime + tms->cstime);
	CHECK(sys(wait4, -1, 0, 0, 0) == -10 /* ECHILD */, "no child left: wait4 ECHILD");
}

/* ---- affinity and getcpu -------------------------------------------------------------- */

static void check_affinity(void)
{
	unsigned long mask[128 / sizeof(long)], zero[128 / sizeof(long)], got[128 / sizeof(long)];
	unsigned int cpu = ~0u, node = ~0u;
	long r, r2;

	memset(mask, 0, sizeof(mask));
	r = sys(sched_getaffinity, 0, sizeof(mask), mask);
	long gc = sys(getcpu, &cpu, &node, 0);
	CHECK(r > 0 && r <= (long)sizeof(mask) && r % sizeof(long) == 0 && gc == 0 && cpu < 1024 &&
	      (mask[cpu / (8 * sizeof(long))] >> (cpu % (8 * sizeof(long))) & 1),
	      "sched_getaffinity: %ld bytes, the CPU getcpu names (%u, node %u) in the mask",
	      r, cpu, node);
	CHECK(sys(sched_getaffinity, 0, 0, mask) == -EINVAL &&
	      sys(sched_getaffinity, 0, sizeof(long) - 1, mask) == -EINVAL,
	      "sched_getaffinity with length 0 or not a multiple of the ABI's long: EINVAL");
	long esrch = sys(sched_getaffinity, NO_PID, sizeof(mask), mask);
	long efault = sys(sched_getaffinity, 0, sizeof(mask), BAD);
	CHECK(esrch == -ESRCH && efault == -EFAULT,
	      "sched_getaffinity: no such process %ld (ESRCH), bad address %ld (EFAULT)",
	      esrch, efault);
	memset(got, 0, sizeof(got));
	r2 = sys(sched_setaffinity, 0, r, mask);
	CHECK(r2 == 0 && sys(sched_getaffinity, own_pid, sizeof(got), got) == r &&
	      memcmp(got, mask, r) == 0, "sched_setaffinity to the same mask: %ld, unchanged", r2);
	memset(zero, 0, sizeof(zero));
	memcpy(got, zero, sizeof(got));
	got[sizeof(got) / sizeof(long) - 1] = 1UL << (8 * sizeof(long) - 1);	/* CPU 1023 */
	CHECK(sys(sched_setaffinity, 0, sizeof(zero), zero) == -EINVAL &&
	      sys(sched_setaffinity, 0, 0, mask) == -EINVAL &&
	      sys(sched_setaffinity, 0, sizeof(got), got) == -EINVAL,
	      "sched_setaffinity with no CPU that exists: EINVAL");
	CHECK(sys(sched_setaffinity, NO_PID, r, mask) == -ESRCH &&
	      sys(sched_setaffinity, 0, sizeof(mask), BAD) == -EFAULT,
	      "sched_setaffinity: no such process ESRCH, bad address EFAULT");
	CHECK(sys(getcpu, 0, 0, 0) == 0 && sys(getcpu, BAD, 0, 0) == -EFAULT &&
	      sys(getcpu, 0, BAD, 0) == -EFAULT, "getcpu: NULLs allowed, bad address EFAULT");
}

/* ---- last: root given up for good ----------------------------------------------------- */

static void check_no_way_back(void)
{
	CHECK(id32(setreuid, 2000, 3000) == 0 && resuid_is(2000, 3000, 3000) &&
	      id32(setresuid, 3000, 2000, -1) == 0 && resuid_is(3000, 2000, 3000),
	      "setreuid(2000, 3000): saved 3000; unprivileged setresuid(3000, 2000, -1) swaps");
	CHECK(id32(setuid, 0) == -EPERM && id32(setresuid, -1, 0, -1) == -EPERM &&
	      id32(setreuid, -1, 0) == -EPERM && resuid_is(3000, 2000, 3000),
	      "no id is 0 any more: every way back to root EPERM");
	struct rlimit64 r64, up;
	sys(prlimit64, 0, RLIMIT_NOFILE, 0, &r64);
	up = (struct rlimit64){ r64.cur, r64.max + 1 };
	CHECK(sys(prlimit64, 0, RLIMIT_NOFILE, &up, 0) == -EPERM,
	      "not root: raising the hard limit EPERM");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--exec-child")) {	/* check_children's exec'd child */
		spin_ms(500);
		return 0;
	}
	printf("KTAP version 1\n");
	own_pid = sys(getpid);
	if (id32(geteuid) != 0) {
		CHECK(1, "ids # SKIP not root: the checks need euid 0");
		printf("1..%d\n", checks);
		return 0;
	}
	check_boot_limits();
	check_uids();
	check_gids();
#if HAVE_UID16
	check_uid16();
#endif
	check_pgrp();
	check_rlimits();
	check_usage();
	check_children();
	check_affinity();
	check_no_way_back();
	printf("1..%d\n", checks);
	return ktap_finish();
}
