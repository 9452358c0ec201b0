/*
 * Example program (issue 14): fork, exec and wait as a shell or a make does them — exit
 * statuses through waitpid, WNOHANG on a running child, a stopped and continued child
 * (WUNTRACED, WCONTINUED), ECHILD, a child killed by a signal, and execve of this same
 * program with its own argv and envp (the child reports what it got through a pipe), plus
 * execve's errno for a missing file, a directory and a file that is no program. KTAP; the
 * same lines on every kernel and ABI; exits with the number of failures.
 *
 * qemu-user runs only the guest's first program: the host kernel cannot exec an arm or
 * arm64 file without binfmt_misc, so there the exec check is a named SKIP (ENOEXEC).
 */
#include "prog.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/auxv.h>
#include <sys/wait.h>

/* The exec'd child: argv and envp back to the parent on fd 3, then exit 42. */
static int exec_child(int argc, char **argv, char **envp)
{
	char out[512];
	int len = snprintf(out, sizeof(out), "argc=%d", argc);

	for (int i = 1; i < argc; i++)
		len += snprintf(out + len, sizeof(out) - len, " [%s]", argv[i]);
	for (char **e = envp; *e; e++)
		len += snprintf(out + len, sizeof(out) - len, " {%s}", *e);
	if (write(3, out, len) != len)
		return 1;
	return 42;
}

static pid_t child_exiting(int status)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(status);
	return pid;
}

static void exit_statuses(void)
{
	static const int codes[] = { 0, 1, 7, 255, 256 + 3 };

	for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		pid_t pid = child_exiting(codes[i]), w;
		int st = -1;

		w = waitpid(pid, &st, 0);
		check(w == pid && WIFEXITED(st) && WEXITSTATUS(st) == (codes[i] & 255),
		      "_exit(%d): waitpid gives WIFEXITED, status %d", codes[i],
		      WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	}
}

static void wait_options(void)
{
	int pfd[2], st = -1;
	pid_t pid, w;
	char c;

	/* WNOHANG on a child that waits for the pipe: 0, the child still there. */
	if (pipe(pfd))
		return;
	pid = fork();
	if (pid == 0) {
		close(pfd[1]);
		_exit(read(pfd[0], &c, 1) == 1 ? 5 : 6);
	}
	close(pfd[0]);
	check(waitpid(pid, &st, WNOHANG) == 0, "WNOHANG on a running child: 0");
	check(write(pfd[1], "x", 1) == 1, "let it go");
	w = waitpid(pid, &st, 0);
	check(w == pid && WIFEXITED(st) && WEXITSTATUS(st) == 5, "then it exits 5");
	close(pfd[1]);

	/*
	 * Stopped and continued: WUNTRACED sees SIGSTOP, WCONTINUED the SIGCONT. The child then
	 * waits for the pipe: had it exited already, waitpid (which always takes WEXITED) would
	 * report the exit instead of the continue, as Linux does for a zombie.
	 */
	if (pipe(pfd))
		return;
	pid = fork();
	if (pid == 0) {
		close(pfd[1]);
		raise(SIGSTOP);
		_exit(read(pfd[0], &c, 1) == 1 ? 9 : 10);
	}
	close(pfd[0]);
	w = waitpid(pid, &st, WUNTRACED);
	check(w == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP,
	      "WUNTRACED: stopped by signal %d", WIFSTOPPED(st) ? WSTOPSIG(st) : -1);
	kill(pid, SIGCONT);
	w = waitpid(pid, &st, WCONTINUED);
	check(w == pid && WIFCONTINUED(st), "WCONTINUED: continued");
	check(write(pfd[1], "x", 1) == 1, "let it go");
	close(pfd[1]);
	w = waitpid(pid, &st, 0);
	check(w == pid && WIFEXITED(st) && WEXITSTATUS(st) == 9, "then it exits 9");

	/* Killed by a signal: WIFSIGNALED and the number; no core without RLIMIT_CORE. */
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	kill(pid, SIGTERM);
	w = waitpid(pid, &st, 0);
	check(w == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
	      "a child killed by SIGTERM: WIFSIGNALED, signal %d", WIFSIGNALED(st) ? WTERMSIG(st) : -1);

	/* waitpid(-1) collects any child; with none left, ECHILD. */
	pid = child_exiting(4);
	w = waitpid(-1, &st, 0);
	check(w == pid && WEXITSTATUS(st) == 4, "waitpid(-1) collects the one child (status 4)");
	errno = 0;
	check(waitpid(-1, &st, 0) < 0 && errno == ECHILD, "no child left: ECHILD");
	errno = 0;
	check(waitpid(-1, &st, WNOHANG) < 0 && errno == ECHILD, "no child left, WNOHANG: ECHILD");
}

static void exec_self(void)
{
	const char *self = (const char *)getauxval(AT_EXECFN);
	char *argv[] = { "prog_forkexec", "--exec-child", "two words", "", "last", NULL };
	char *envp[] = { "GREETING=hello", "EMPTY=", "PATH=/bin", NULL };
	char got[512] = "";
	int pfd[2], st = -1, err = 0, n;
	pid_t pid;

	if (pipe(pfd))
		return;
	pid = fork();
	if (pid == 0) {
		close(pfd[0]);
		dup2(pfd[1], 3);
		execve(self, argv, envp);
		err = errno;
		if (write(3, &err, sizeof(err)) < 0)
			_exit(126);
		_exit(127);
	}
	close(pfd[1]);
	n = read(pfd[0], got, sizeof(got) - 1);
	close(pfd[0]);
	waitpid(pid, &st, 0);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 127 && n == sizeof(int) && *(int *)got == ENOEXEC) {
		check(1, "execve of itself # SKIP the host cannot run this ABI's programs (qemu-user)");
		return;
	}
	got[n > 0 ? n : 0] = 0;
	check(WIFEXITED(st) && WEXITSTATUS(st) == 42 &&
	      !strcmp(got, "argc=5 [--exec-child] [two words] [] [last] {GREETING=hello} {EMPTY=} {PATH=/bin}"),
	      "execve of itself: exit %d, it got: %s", WIFEXITED(st) ? WEXITSTATUS(st) : -1, got);
}

/* execve's errno, from a child (a successful exec would replace the test). */
static int exec_errno(const char *path)
{
	char *argv[] = { (char *)path, NULL }, *envp[] = { NULL };
	int pfd[2], err = -1, st;
	pid_t pid;

	if (pipe(pfd))
		return -1;
	pid = fork();
	if (pid == 0) {
		execve(path, argv, envp);
		err = errno;
		if (write(pfd[1], &err, sizeof(err)) < 0)
			_exit(1);
		_exit(0);
	}
	close(pfd[1]);
	if (read(pfd[0], &err, sizeof(err)) != sizeof(err))
		err = -1;
	close(pfd[0]);
	waitpid(pid, &st, 0);
	return err;
}

static void exec_errors(void)
{
	const char *dir = prog_scratch("forkexec");
	char junk[96], missing[96];
	int fd, e;

	snprintf(junk, sizeof(junk), "%s/junk", dir);
	snprintf(missing, sizeof(missing), "%s/missing", dir);
	fd = open(junk, O_WRONLY | O_CREAT, 0755);
	if (fd < 0 || write(fd, "no ELF, no #!\n", 14) != 14)
		check(0, "make an executable junk file");
	close(fd);
	e = exec_errno(missing);
	check(e == ENOENT, "execve of a missing file: %s", strerror(e));
	e = exec_errno(dir);
	check(e == EACCES, "execve of a directory: %s", strerror(e));
	e = exec_errno(junk);
	check(e == ENOEXEC, "execve of an executable that is no program: %s", strerror(e));
	chmod(junk, 0644);
	e = exec_errno(junk);
	check(e == EACCES, "execve of a file without x bits: %s", strerror(e));
	unlink(junk);
	rmdir(dir);
}

int main(int argc, char **argv, char **envp)
{
	if (argc > 1 && !strcmp(argv[1], "--exec-child"))
		return exec_child(argc, argv, envp);
	prog_begin("prog_forkexec: fork, exec and wait");
	exit_statuses();
	wait_options();
	exec_self();
	exec_errors();
	return prog_end();
}
