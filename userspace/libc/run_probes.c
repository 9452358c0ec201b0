/*
 * run_probes: /init of a boot that runs several probes in turn, so one boot carries what
 * would be several (tests/boot/cases_smp.py: the process, thread, futex, pipe and signal
 * probes at -smp 2 and -smp 4). Each argument names a program in /bin; each runs as a child
 * with its output on the console, and its exit status is its result: "ok N name" for 0,
 * "not ok N name # status S" otherwise. Orphans the probes leave are reaped on the way
 * (this is pid 1). Exits with the number of failed programs and ends with
 * "# run_probes: P passed, F failed".
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int main(int argc, char **argv)
{
	int failed = 0;

	printf("# run_probes: %d programs\n", argc - 1);
	for (int i = 1; i < argc; i++) {
		char path[256];
		int status = -1;
		pid_t pid;

		snprintf(path, sizeof(path), "/bin/%s", argv[i]);
		printf("# run_probes: %s\n", path);
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			char *const args[] = { path, NULL };

			execv(path, args);
			printf("# run_probes: cannot execute %s\n", path);
			_exit(127);
		}
		/* Reap whatever ends (orphans come to pid 1) until this program has. */
		while (pid > 0) {
			pid_t got = waitpid(-1, &status, 0);

			if (got == pid || got < 0)
				break;
		}
		if (pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
			printf("ok %d %s\n", i, argv[i]);
		} else {
			printf("not ok %d %s # status %#x\n", i, argv[i], status);
			failed++;
		}
		fflush(stdout);
	}
	printf("# run_probes: %d passed, %d failed\n", argc - 1 - failed, failed);
	return failed;
}
