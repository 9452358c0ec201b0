/*
 * Processes (issue 11): fork (as clone(SIGCHLD)), wait4/waitid, exit statuses,
 * copy-on-write, shared anonymous memory, execve of a program with its arguments and
 * environment, exec errors, orphans, zombies, and preemption of two busy processes that
 * make no syscall. Every check holds on Linux too (qemu-user runs this probe as the Linux
 * column), so the probe relies only on what Linux promises. vfork has its own probe:
 * qemu-user runs it as a plain fork.
 *
 * The probe runs itself again through execve for the exec checks: with argv[1] =
 * "--exec-child" it checks what it was given and exits with a known status.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>

#define SIGCHLD		17
#define CLONE_VM	0x00000100
#define CLONE_VFORK	0x00004000
#define WNOHANG		1
#define WEXITED		4
#define WNOWAIT		0x01000000
#define P_PID		1
#define P_ALL		0
#define ECHILD		10
#define ENOENT		2
#define ENOTDIR		20
#define EACCES		13
#define EFAULT		14
#define EINVAL		22
#define ENOEXEC		8
#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_SHARED	1
#define MAP_PRIVATE	2
#define MAP_ANONYMOUS	0x20
#define CLD_EXITED	1

struct siginfo_wait {
	int si_signo, si_errno, si_code;
#if defined(__x86_64__) || defined(__aarch64__)
	int pad;
#endif
	int si_pid;
	unsigned int si_uid;
	int si_status;
	char rest[128];
};

static long do_fork(void)
{
	return sys(clone, SIGCHLD, 0, 0, 0, 0);
}

static long wait_pid(long pid, int *status, int options)
{
	return sys(wait4, pid, status, options, 0);
}

static long map_anon(unsigned long len, int flags)
{
#if defined(__i386__) || defined(__arm__)
	return sys(mmap2, 0, len, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);
#else
	return sys(mmap, 0, len, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);
#endif
}

static void _exit_now(int code)
{
	sys(exit_group, code);
	for (;;)
		;
}

/* The exec'd copy: argv[1] = "--exec-child", argv[2] = "two words", envp has FERRY=1. */
static int exec_child(int argc, char **argv)
{
	int ok = argc == 3 && !strcmp(argv[2], "two words");
	int env = 0;

	for (char **e = environ; *e; e++)
		env += !strcmp(*e, "FERRY_EXEC=1");
	return ok && env == 1 ? 42 : 1;
}

static volatile int cow_var = 1;

int main(int argc, char **argv)
{
	int status = -1;
	long pid, r;

	if (argc > 1 && !strcmp(argv[1], "--exec-child"))
		return exec_child(argc, argv);

	ktap_plan(18);

	/* 1-4: fork, the child's view, exit status through wait4 */
	long parent = sys(getpid);
	pid = do_fork();
	if (pid == 0) {
		if (sys(getppid) != parent)
			_exit_now(2);
		_exit_now(7);
	}
	ktap_result(pid > 0, "fork returns the child's pid (%ld)", pid);
	r = wait_pid(pid, &status, 0);
	ktap_result(r == pid, "wait4 returns that pid (%ld)", r);
	ktap_result(status == 7 << 8, "the status is exit 7 (%#x), and the child saw its parent",
		    status);
	r = wait_pid(-1, &status, 0);
	ktap_result(r == -ECHILD, "wait4 with no children left: -ECHILD (%ld)", r);

	/* 5: copy-on-write: the child's write stays the child's */
	cow_var = 1;
	pid = do_fork();
	if (pid == 0) {
		cow_var = 2;
		_exit_now(cow_var == 2 ? 0 : 1);
	}
	r = wait_pid(pid, &status, 0);
	ktap_result(r == pid && status == 0 && cow_var == 1,
		    "copy-on-write: the child wrote 2, the parent still reads %d", cow_var);

	/* 6: MAP_SHARED|MAP_ANONYMOUS memory stays shared with the child */
	volatile int *shared = (volatile int *)map_anon(4096, MAP_SHARED);
	if (!FAILED((long)shared)) {
		*shared = 5;
		pid = do_fork();
		if (pid == 0) {
			*shared = 6;
			_exit_now(0);
		}
		wait_pid(pid, &status, 0);
	}
	ktap_result(!FAILED((long)shared) && *shared == 6,
		    "shared anonymous memory: the parent sees the child's write (%d)",
		    FAILED((long)shared) ? -1 : *shared);

	/* 7-10: WNOHANG on a running child, then a zombie through waitid WNOWAIT and wait4 */
	volatile int *go = (volatile int *)map_anon(4096, MAP_SHARED);
	*go = 0;
	pid = do_fork();
	if (pid == 0) {
		while (!*go)
			sys(sched_yield);
		_exit_now(5);
	}
	r = wait_pid(pid, &status, WNOHANG);
	ktap_result(r == 0, "wait4(WNOHANG) while the child runs: 0 (%ld)", r);
	*go = 1;
	struct siginfo_wait si;
	memset(&si, 0xff, sizeof(si));
	r = sys(waitid, P_PID, pid, &si, WEXITED | WNOWAIT, 0);
	ktap_result(r == 0 && si.si_signo == SIGCHLD && si.si_code == CLD_EXITED &&
		    si.si_pid == pid && si.si_status == 5,
		    "waitid(WNOWAIT): SIGCHLD, CLD_EXITED, pid, status 5 (%ld %d %d %d %d)", r,
		    si.si_signo, si.si_code, si.si_pid, si.si_status);
	r = wait_pid(pid, &status, 0);
	ktap_result(r == pid && status == 5 << 8, "the zombie is still there for wait4 (%#x)",
		    status);
	memset(&si, 0xff, sizeof(si));
	r = sys(waitid, P_ALL, 0, &si, WEXITED | WNOHANG, 0);
	ktap_result(r == -ECHILD, "waitid with no children: -ECHILD (%ld)", r);
	r = sys(waitid, 7, 0, &si, WEXITED, 0);
	ktap_result(r == -EINVAL, "waitid with an unknown idtype: -EINVAL (%ld)", r);

	/* 11: an orphan is adopted by another process */
	volatile int *pp = (volatile int *)map_anon(4096, MAP_SHARED);
	pp[0] = pp[1] = 0;
	pid = do_fork();
	if (pid == 0) {
		long me = sys(getpid);
		long g = do_fork();

		if (g == 0) {
			while (!pp[0])
				sys(sched_yield);
			pp[1] = sys(getppid);
			pp[2] = me;
			pp[0] = 2;
			_exit_now(0);
		}
		_exit_now(0);
	}
	wait_pid(pid, &status, 0);
	pp[0] = 1;		/* its parent is gone: the grandchild looks */
	while (pp[0] != 2)
		sys(sched_yield);
	ktap_result(pp[1] != pp[2] && pp[1] > 0,
		    "an orphan gets a new parent (%d, not the dead %d)", pp[1], pp[2]);

	/* 12: execve of this program with arguments and an environment */
	const char *self = (const char *)getauxval(AT_EXECFN);
	char *eargv[] = { (char *)self, "--exec-child", "two words", 0 };
	char *eenvp[] = { "A=b", "FERRY_EXEC=1", 0 };
	pid = do_fork();
	if (pid == 0) {
		r = sys(execve, self, eargv, eenvp);
		_exit_now(100 - r);
	}
	r = wait_pid(pid, &status, 0);
	if (status == (100 + ENOEXEC) << 8)	/* qemu-user execs through the host's kernel */
		ktap_result(1, "execve: the new program got its argv and envp # SKIP the host "
			    "cannot exec this ABI (ENOEXEC)");
	else
		ktap_result(r == pid && status == 42 << 8,
			    "execve: the new program got its argv and envp (status %#x)", status);

	/* 13-16: exec failures leave the caller running, with Linux's errno */
	r = sys(execve, "/no/such/file", eargv, eenvp);
	ktap_result(r == -ENOENT, "execve of a missing file: -ENOENT (%ld)", r);
	r = sys(execve, "/", eargv, eenvp);
	ktap_result(r == -EACCES, "execve of a directory: -EACCES (%ld)", r);
	char notdir[512];
	snprintf(notdir, sizeof(notdir), "%s/x", self);
	r = sys(execve, notdir, eargv, eenvp);
	ktap_result(r == -ENOTDIR, "execve through a file as a directory: -ENOTDIR (%ld)", r);
	r = sys(execve, self, (char **)16, eenvp);
	ktap_result(r == -EFAULT, "execve with argv at an unmapped address: -EFAULT (%ld)", r);

	/* 17: two busy processes, no syscalls in the loop: the tick shares the CPU */
	volatile unsigned long *cnt = (volatile unsigned long *)map_anon(4096, MAP_SHARED);
	cnt[0] = cnt[1] = 0;
	pid = do_fork();
	if (pid == 0) {
		for (;;)
			cnt[1]++;
	}
	long long t0 = now_ms();
	unsigned long seen = 0;
	for (unsigned long i = 0; i < 4000000000UL && !seen; i++) {
		cnt[0]++;
		if ((i & 0xfffff) == 0 && now_ms() - t0 > 20000)
			break;			/* give up after 20 s */
		seen = cnt[1];
	}
	sys(kill, pid, 9);
	wait_pid(pid, &status, 0);
	ktap_result(seen > 0, "preemption: the child counted %lu while the parent spun", seen);
	return ktap_finish();
}
