/*
 * Example program (issue 14): signal handlers as programs use them — sigaction with
 * SA_SIGINFO (si_signo, si_code, si_pid from kill), the old action returned, a blocked
 * signal left pending and delivered once on unblock, sa_mask holding a second signal off
 * until the first handler returns, SA_RESTART or not on a pipe read interrupted by a
 * repeating timer, sigsuspend, SIGCHLD at a child's exit, a child killed by SIGKILL and
 * one by its own SIGSEGV, SIG_IGN inherited by a fork (checked by the child through
 * sigaction). KTAP; the same lines everywhere; exits with the number of failures.
 */
#include "prog.h"
#include <signal.h>
#include <sys/time.h>
#include <sys/wait.h>

static volatile sig_atomic_t usr1_count, usr2_count, alarm_count, chld_count;
static volatile sig_atomic_t info_signo, info_code, info_pid_ok;
static char order[16];
static volatile sig_atomic_t order_len;

static void note(char c)
{
	if (order_len < (int)sizeof(order) - 1)
		order[order_len++] = c;
}

static void on_usr1_info(int sig, siginfo_t *si, void *uc)
{
	usr1_count++;
	info_signo = si->si_signo;
	info_code = si->si_code;
	info_pid_ok = si->si_pid == getpid();
}

static void on_usr1_nested(int sig)
{
	note('a');
	raise(SIGUSR2);		/* held off by sa_mask until this handler returns */
	note('b');
}

static void on_usr2(int sig)
{
	usr2_count++;
	note('c');
}

static void on_alarm(int sig)
{
	alarm_count++;
}

static void on_chld(int sig)
{
	chld_count++;
}

static void set_handler(int sig, void (*fn)(int), int flags, int masked)
{
	struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };

	sigemptyset(&sa.sa_mask);
	if (masked)
		sigaddset(&sa.sa_mask, masked);
	sigaction(sig, &sa, NULL);
}

static void siginfo_and_masks(void)
{
	struct sigaction sa = { .sa_sigaction = on_usr1_info, .sa_flags = SA_SIGINFO }, old;
	sigset_t block, pending;

	sigemptyset(&sa.sa_mask);
	check(sigaction(SIGUSR1, &sa, NULL) == 0, "sigaction(SIGUSR1, SA_SIGINFO)");
	check(sigaction(SIGUSR1, NULL, &old) == 0 && old.sa_sigaction == on_usr1_info &&
	      (old.sa_flags & SA_SIGINFO), "sigaction reads the handler back");
	kill(getpid(), SIGUSR1);
	check(usr1_count == 1 && info_signo == SIGUSR1 && info_code == SI_USER && info_pid_ok,
	      "kill(self, SIGUSR1): handler ran once, si_signo %d, si_code SI_USER, si_pid ours",
	      (int)info_signo);

	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	kill(getpid(), SIGUSR1);
	kill(getpid(), SIGUSR1);	/* a standard signal is pending once, not twice */
	sigpending(&pending);
	check(usr1_count == 1 && sigismember(&pending, SIGUSR1),
	      "blocked: not delivered, pending");
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	check(usr1_count == 2, "unblocked: delivered once (count %d)", (int)usr1_count);

	set_handler(SIGUSR1, on_usr1_nested, 0, SIGUSR2);
	set_handler(SIGUSR2, on_usr2, 0, 0);
	raise(SIGUSR1);
	check(!strcmp(order, "abc"), "sa_mask: SIGUSR2 waits for SIGUSR1's handler (order %s)",
	      order);
}

/* A read of a pipe nobody writes yet, interrupted every 20 ms until a child writes at 200 ms. */
static void restart(int flags, const char *what)
{
	struct itimerval tick = { { 0, 20000 }, { 0, 20000 } }, off = { 0 };
	int pfd[2], st, r, err;
	pid_t pid;
	char c = 0;

	if (pipe(pfd))
		return;
	pid = fork();
	if (pid == 0) {
		usleep(200000);
		_exit(write(pfd[1], "R", 1) == 1 ? 0 : 1);
	}
	set_handler(SIGALRM, on_alarm, flags, 0);
	alarm_count = 0;
	setitimer(ITIMER_REAL, &tick, NULL);
	errno = 0;
	r = read(pfd[0], &c, 1);
	err = errno;
	setitimer(ITIMER_REAL, &off, NULL);
	waitpid(pid, &st, 0);
	if (flags & SA_RESTART)
		check(r == 1 && c == 'R' && alarm_count > 0,
		      "%s: the read restarts after each handler and gets the byte", what);
	else
		check(r < 0 && err == EINTR && alarm_count > 0, "%s: the read fails with %s", what,
		      strerror(err));
	close(pfd[0]);
	close(pfd[1]);
}

static void suspend_and_children(void)
{
	sigset_t block, none;
	int st, r;
	pid_t pid;

	set_handler(SIGUSR2, on_usr2, 0, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR2);
	sigprocmask(SIG_BLOCK, &block, NULL);
	usr2_count = 0;
	pid = fork();
	if (pid == 0) {
		kill(getppid(), SIGUSR2);
		_exit(0);
	}
	sigemptyset(&none);
	errno = 0;
	r = sigsuspend(&none);
	check(r < 0 && errno == EINTR && usr2_count == 1, "sigsuspend: the handler ran, EINTR");
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	waitpid(pid, &st, 0);

	set_handler(SIGCHLD, on_chld, SA_RESTART, 0);
	chld_count = 0;
	pid = fork();
	if (pid == 0)
		_exit(3);
	waitpid(pid, &st, 0);
	check(chld_count == 1 && WEXITSTATUS(st) == 3, "SIGCHLD handler ran for the child's exit");
	set_handler(SIGCHLD, SIG_DFL, 0, 0);

	pid = fork();
	if (pid == 0)
		for (;;)
			pause();
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "a child killed by SIGKILL (signal %d)",
	      WIFSIGNALED(st) ? WTERMSIG(st) : -1);

	pid = fork();
	if (pid == 0) {
		volatile int *bad = (volatile int *)16;	/* in the first page, never mapped */

		__asm__("" : "+r"(bad));	/* hide the constant from the compiler's checks */
		set_handler(SIGSEGV, SIG_DFL, 0, 0);
		*bad = 1;
		_exit(0);
	}
	waitpid(pid, &st, 0);
	check(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "a child's bad store: SIGSEGV (signal %d)",
	      WIFSIGNALED(st) ? WTERMSIG(st) : -1);

	/* SIG_IGN is inherited by a fork; the ignored signal does nothing. */
	signal(SIGTERM, SIG_IGN);
	pid = fork();
	if (pid == 0) {
		struct sigaction now;

		raise(SIGTERM);
		sigaction(SIGTERM, NULL, &now);
		_exit(now.sa_handler == SIG_IGN ? 11 : 12);
	}
	waitpid(pid, &st, 0);
	check(WIFEXITED(st) && WEXITSTATUS(st) == 11, "SIG_IGN inherited by fork, SIGTERM ignored");
	signal(SIGTERM, SIG_DFL);
}

int main(void)
{
	prog_begin("prog_signals: handlers, masks, restart, children");
	siginfo_and_masks();
	restart(SA_RESTART, "SA_RESTART");
	restart(0, "no SA_RESTART");
	suspend_and_children();
	return prog_end();
}
