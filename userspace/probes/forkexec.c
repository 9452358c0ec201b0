/*
 * A small process family for the tracer's follow-fork boot tests (tests/boot/cases_ktrace.py):
 * init forks a child (clone(SIGCHLD)) that renames itself with prctl(PR_SET_NAME, "renamed")
 * and execs /bin/kid, this same program with argv[1] = "kid", which writes a line and exits
 * 3; init waits for it, checks the status and exits 0. So the trace shows a fork, a name
 * set twice (prctl, exec) and a child's whole life, each traced or not by the trace= given.
 */
#include <ferry/probe.h>

#define SIGCHLD		17
#define PR_SET_NAME	15

static void exit_now(int code)
{
	sys(exit_group, code);
	for (;;)
		;
}

int main(int argc, char **argv)
{
	static char *kid_argv[] = { "/bin/kid", "kid", 0 };
	static char *kid_envp[] = { 0 };
	int status = 0;
	long pid;

	if (argc > 1 && !strcmp(argv[1], "kid")) {
		printf("forkexec: kid %ld\n", sys(getpid));
		return 3;
	}
	pid = sys(clone, SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) {
		sys(prctl, PR_SET_NAME, "renamed", 0, 0, 0);
		sys(execve, "/bin/kid", kid_argv, kid_envp);
		exit_now(127);
	}
	if (pid < 0 || sys(wait4, pid, &status, 0, 0) != pid || status != 3 << 8) {
		printf("forkexec: child %ld, status %#x, expected exit 3\n", pid, status);
		return 1;
	}
	printf("forkexec: child %ld exited 3\n", pid);
	return 0;
}
