/*
 * Runs the programs named in argv one after the other, each to its end, and prints how
 * each ended: the /init of tests/boot/cases_procs.py's boots, which run every example
 * program (prog_*.c) in one boot per ABI and compare the console with qemu-user's output.
 * Exits with the number of programs that did not exit 0.
 */
#include "prog.h"
#include <sys/wait.h>

int main(int argc, char **argv)
{
	int bad = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 1; i < argc; i++) {
		const char *name = strrchr(argv[i], '/') ? strrchr(argv[i], '/') + 1 : argv[i];
		int st = 0;
		pid_t pid = fork();

		if (pid == 0) {
			execl(argv[i], name, (char *)NULL);
			printf("# %s: execve: %s\n", name, strerror(errno));
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &st, 0) != pid) {
			printf("# %s: fork or wait failed\n", name);
			bad++;
			continue;
		}
		if (WIFEXITED(st))
			printf("# %s: exit %d\n", name, WEXITSTATUS(st));
		else
			printf("# %s: killed by signal %d\n", name, WTERMSIG(st));
		bad += !WIFEXITED(st) || WEXITSTATUS(st);
	}
	return bad;
}
