/*
 * ftrace_init: not a probe, the init of make compare's linux-kernel column. It runs on
 * Debian's Linux (never on Ferry), started by "rdinit=/ftrace_init" with a probe at /init in
 * the same initramfs, and records the probe's system calls with Linux's own tracer:
 *
 *   mount tracefs on /tracing; clear the buffer; fork
 *   child:  wait on a pipe until the parent has set the tracer up, then execve("/init")
 *           with Ferry's environment (HOME=/, TERM=linux), so the probe runs as on Ferry
 *   parent: set_event_pid = the child (only its events are kept), events/raw_syscalls on,
 *           tracing_on; release the child; wait4 it; tracing off; print its end and the
 *           trace buffer on the console between two marker lines; exit (Linux then panics
 *           "Attempted to kill init" and QEMU, with -no-reboot and panic=-1, ends)
 *
 * raw_syscalls gives each call's number (the task's own ABI's: an arm task on arm64 shows
 * arm's numbers), its six argument registers and its return value; the host
 * (scripts/trace/linux_kernel.py) names them from the ABI's .tbl. The child's own calls
 * before the exec (read of the pipe, close, execve) carry this program's name and are
 * dropped there. Built for the kernel's own arch (x86_64, arm64) like any probe:
 * make -f userspace/Makefile build/probes/<arch>/ftrace_init.
 */
#define TRACEFS_PROG "ftrace_init"
#include <ferry/tracefs.h>

#define O_RDONLY	0
#define SIGCHLD		17

static void say(const char *s)
{
	sys(write, 1, s, strlen(s));
}

static long fork_child(void)
{
#ifdef __NR_fork
	return sys(fork);
#else
	return sys(clone, SIGCHLD, 0, 0, 0, 0);	/* asm-generic has no fork */
#endif
}

static void run_probe(int gate)
{
	static char *const argv[] = { "/init", NULL };
	static char *const envp[] = { "HOME=/", "TERM=linux", NULL };
	char c;

	sys(read, gate, &c, 1);		/* the parent has set up the tracer */
	sys(close, gate);
	sys(execve, argv[0], argv, envp);
	exit(127);
}

/* Copy the trace buffer to the console between the markers the host looks for. */
static void dump_trace(void)
{
	static char buf[4096];
	long fd = sys(openat, AT_FDCWD, TRACING "/trace", O_RDONLY, 0), n;

	if (fd < 0)
		fail(TRACING "/trace", fd);
	say("ftrace_init: trace begins\n");
	while ((n = sys(read, fd, buf, sizeof(buf))) > 0)
		sys(write, 1, buf, n);
	say("ftrace_init: trace ends\n");
	sys(close, fd);
}

int main(void)
{
	int gate[2], status = 0;
	char pid_text[24];
	long pid, r;

	tracefs_mount();
	put("buffer_size_kb", "4096");
	put("trace", "");			/* O_TRUNC empties the buffer */
	r = sys(pipe2, gate, 0);
	if (r < 0)
		fail("pipe2", r);
	pid = fork_child();
	if (pid < 0)
		fail("fork", pid);
	if (pid == 0) {
		sys(close, gate[1]);
		run_probe(gate[0]);
	}
	sys(close, gate[0]);
	snprintf(pid_text, sizeof(pid_text), "%ld", pid);
	put("set_event_pid", pid_text);
	put("events/raw_syscalls/enable", "1");
	put("tracing_on", "1");
	sys(write, gate[1], "g", 1);
	sys(close, gate[1]);
	r = sys(wait4, pid, &status, 0, 0);
	put("tracing_on", "0");
	if (r != pid)
		fail("wait4", r);
	if ((status & 0x7f) == 0)
		printf("ftrace_init: probe pid %ld exited with %d\n", pid, (status >> 8) & 0xff);
	else
		printf("ftrace_init: probe pid %ld killed by signal %d\n", pid, status & 0x7f);
	dump_trace();
	return 0;
}
