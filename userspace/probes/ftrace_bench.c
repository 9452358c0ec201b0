/*
 * ftrace_bench: not a probe, the init of make bench LINUX=1's traced Linux columns. It runs on
 * Debian's Linux only (scripts/bench/linux.py puts it at /init and the bench probe at /bench),
 * switches Linux's own syscall tracer on for everything that follows, and becomes the probe:
 *
 *   mount tracefs on /tracing; enable the events its events= argument names; tracing_on = 1;
 *   execve("/bench", the other arguments)
 *
 *   events=raw_syscalls   events/raw_syscalls/sys_enter and sys_exit (every syscall)
 *   events=getpid         events/syscalls/sys_enter_getpid and sys_exit_getpid (one syscall;
 *                         Linux leaves compat tasks out of these events, so i386 and arm
 *                         calls are not traced by them)
 *
 * The events go to the default ring buffer at its default size, in its default overwrite
 * mode, and nobody reads them: the probe's figures are what a traced call costs the kernel
 * that writes the event, as Ferry's traced column is what its tracer costs. The probe is pid
 * 1 after the exec, as in the untraced Linux boot, so the two columns differ only by the
 * tracer. Built for every ABI (an i386 or arm init runs on the 64-bit kernel like any
 * program of that ABI), so the exec does not switch ABI.
 */
#define TRACEFS_PROG "ftrace_bench"
#include <ferry/tracefs.h>

int main(int argc, char **argv)
{
	static char *const envp[] = { "HOME=/", "TERM=linux", NULL };
	char *args[16] = { "/bench" };
	const char *events = "";
	int n = 1;
	long r;

	/* Linux hands init the command-line words it does not know too ("nokaslr" on a
	 * kernel without KASLR), so look for ours among them and pass the rest on. */
	for (int i = 1; i < argc; i++) {
		if (!memcmp(argv[i], "events=", 7))
			events = argv[i] + 7;
		else if (n < 15)
			args[n++] = argv[i];
	}
	args[n] = NULL;
	tracefs_mount();
	if (!strcmp(events, "raw_syscalls")) {
		put("events/raw_syscalls/sys_enter/enable", "1");
		put("events/raw_syscalls/sys_exit/enable", "1");
	} else if (!strcmp(events, "getpid")) {
		put("events/syscalls/sys_enter_getpid/enable", "1");
		put("events/syscalls/sys_exit_getpid/enable", "1");
	} else {
		printf("ftrace_bench: usage: /init events=raw_syscalls|getpid [bench arguments] "
		       "(got \"%s\")\n", events);
		exit(2);
	}
	put("tracing_on", "1");
	printf("ftrace_bench: tracing %s\n", events);
	r = sys(execve, args[0], args, envp);
	fail("execve /bench", r);
	return 1;
}
