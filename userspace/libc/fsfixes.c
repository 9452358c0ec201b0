/*
 * fsfixes: what two reviews of the files work found, each checked against Linux's answers
 * (the same binary runs under qemu-user):
 *   - deep trees: a directory chain thousands of levels deep on a tmpfs that is then
 *     unmounted, another removed level by level, getcwd's ENAMETOOLONG down there, and a
 *     stack of many nested tmpfs mounts taken away at once with MNT_DETACH (in a private
 *     mount namespace where the kernel has them, so the host's table is never touched);
 *   - set-id rules for uid 1000: a setgid directory's group and its S_ISGID stripping
 *     (Linux's mode_strip_sgid), subdirectories inheriting S_ISGID, write, truncate,
 *     ftruncate and open(O_TRUNC) clearing S_ISUID/S_ISGID (S_ISGID only with group
 *     execute), chown clearing them, root keeping them (CAP_FSETID).
 *   - pipes charged per user (fs.pipe-user-pages-soft, 16384 pages): uid 1000's 1025th
 *     default pipe gets 2 pages, F_SETPIPE_SZ may shrink but not grow a pipe while over the
 *     limit, pipe-max-size (1 MiB) is EPERM, and closing pipes gives the room back;
 *   - sysinfo's procs on the 32-bit ABIs (it copied a field before filling it): it grows
 *     by the children a process makes; time() (glibc's is clock_gettime(CLOCK_REALTIME_COARSE)
 *     on arm and arm64) agrees with clock_gettime(CLOCK_REALTIME), before and after a sleep.
 * Root builds the tree; children switch ids with setresgid/setresuid.
 * KTAP; exits 1 if any check failed.
 */
#include "files_check.h"
#include <grp.h>
#include <stdbool.h>
#include <sched.h>
#include <sys/wait.h>
#include <time.h>
#include <sys/resource.h>
/* sys/ioctl.h needs asm/ headers the host lacks for i386: the generic numbers (every ABI). */
int ioctl(int fd, unsigned long request, ...);
#define TIOCSCTTY	0x540E
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCNOTTY	0x5422
/* sys/mount.h would pull in linux/mount.h, whose asm/ headers the host lacks for i386. */
int mount(const char *src, const char *dst, const char *type, unsigned long flags,
	  const void *data);
int umount2(const char *target, int flags);
#define MS_REC		16384
#define MS_PRIVATE	(1 << 18)
#define MNT_DETACH	2
#ifndef SYS_sysinfo
#define SYS_sysinfo	116	/* i386 without asm/unistd.h */
#endif
/* Linux's struct sysinfo (sys/sysinfo.h needs asm/ headers the host lacks for i386). */
struct k_sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[20 - 2 * sizeof(long) - sizeof(int)];
};
#ifndef SYS_getcwd
#define SYS_getcwd	183	/* i386 without asm/unistd.h */
#endif

#define DEEP		3000	/* levels of the directory chains: 6000 bytes of path */
#define NESTED		1000	/* nested tmpfs mounts */

static long raw_getcwd(char *buf, unsigned long size)
{
	return syscall(SYS_getcwd, buf, size);
}

/* mkdir+chdir "d" n times from the working directory: the levels made. */
static int dig(int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (mkdir("d", 0755) || chdir("d"))
			break;
	return i;
}

/* From n levels down a chain of "d", climb back removing each: the levels removed. */
static int climb_removing(int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (chdir("..") || rmdir("d"))
			break;
	return i;
}

static void deep_trees(void)
{
	static char buf[8192];
	struct stat st;

	/* A chain on a tmpfs of its own, unmounted whole. */
	if (mkdir("m", 0755) || mount("none", "m", "tmpfs", 0, NULL)) {
		skip("deep chain on a tmpfs", "cannot mount a tmpfs");
	} else {
		WORKS(chdir("m"));
		EQ(dig(DEEP), DEEP);
		put_file("leaf", "L", 0644);
		EQ(stat("leaf", &st), 0);
		FAILS(raw_getcwd(buf, sizeof(buf)), ENAMETOOLONG);	/* over 4096 bytes */
		WORKS(chdir(t_base));
		WORKS(umount2("m", 0));
		FAILS(access("m/d", F_OK), ENOENT);
		WORKS(rmdir("m"));
	}
	/* A chain on the root file system, removed level by level from the bottom. */
	WORKS(mkdir("r", 0755));
	WORKS(chdir("r"));
	EQ(dig(DEEP), DEEP);
	FAILS(raw_getcwd(buf, sizeof(buf)), ENAMETOOLONG);
	FAILS(raw_getcwd(buf, 100), ENAMETOOLONG);	/* too long beats too small, as Linux's */
	EQ(climb_removing(DEEP), DEEP);
	EQ(raw_getcwd(buf, sizeof(buf)) > 0 && strcmp(buf + strlen(buf) - 2, "/r") == 0, 1);
	WORKS(chdir(t_base));
	WORKS(rmdir("r"));
	/* 1000 levels: a path of about 2 KiB, which getcwd gives whole. */
	WORKS(mkdir("g", 0755));
	WORKS(chdir("g"));
	EQ(dig(1000), 1000);
	EQ(raw_getcwd(buf, sizeof(buf)), (long)strlen(t_base) + 2 + 2000 + 1);
	EQ(climb_removing(1000), 1000);
	WORKS(chdir(t_base));
	WORKS(rmdir("g"));
}

/* NESTED tmpfs mounts, each on a directory of the one before, detached at once. Runs in a
 * child: on Linux it first makes a private mount namespace. */
static void nested_mounts(void)
{
	int i;

	if (unshare(CLONE_NEWNS) == 0) {
		mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
	} else if (getppid() != 1) {
		/* Not Ferry's init's child: a Linux host, whose own table we must not fill. */
		skip("nested mounts", "no private mount namespace");
		return;
	}
	WORKS(mkdir("n", 0755));
	for (i = 0; i < NESTED; i++)
		if (mount("none", "n", "tmpfs", 0, "size=64k") || chdir("n") || mkdir("n", 0755))
			break;
	EQ(i, NESTED);
	put_file("bottom", "B", 0644);
	WORKS(chdir(t_base));
	FAILS(umount2("n", 0), EBUSY);			/* mounts below it */
	WORKS(umount2("n", MNT_DETACH));
	FAILS(access("n/n", F_OK), ENOENT);
	WORKS(rmdir("n"));
}

/* ---- set-user-ID and set-group-ID ---- */

#define OTHER_GID 500		/* a group uid 1000 is not in */

/* The tree, made by root:
 *   sg/        02777 root:500   sg/rootf 02755 (made by root: kept)
 *   plain/     0777  root:0
 *   w_sgx      06777 root  w_sg 02767 root:1000 (setgid without group execute)
 *   t_sgx      06777 root  t_own 06777 uid 1000   tr 06777 root   ftr 06777 root
 *   c_own      06755 uid 1000:1000
 *   r_keep     06777 root (root writes it: kept)
 */
static void build_setid_tree(void)
{
	mkdir("sg", 0777);
	chown("sg", 0, OTHER_GID);
	chmod("sg", 02777);
	put_file("sg/rootf", "", 02755);
	chmod("sg/rootf", 02755);
	mkdir("plain", 0777);
	chmod("plain", 0777);
	put_file("w_sgx", "", 0644);
	chmod("w_sgx", 06777);
	put_file("w_sg", "", 0644);
	chown("w_sg", 0, 1000);		/* the writer's group: Linux 6.1 and later agree */
	chmod("w_sg", 02767);
	put_file("t_sgx", "x", 0644);
	chmod("t_sgx", 06777);
	put_file("t_own", "x", 0644);
	chown("t_own", 1000, 1000);
	chmod("t_own", 06777);
	put_file("tr", "x", 0644);
	chmod("tr", 06777);
	put_file("ftr", "x", 0644);
	chmod("ftr", 06777);
	put_file("c_own", "x", 0644);
	chown("c_own", 1000, 1000);
	chmod("c_own", 06755);
	put_file("r_keep", "x", 0644);
	chmod("r_keep", 06777);
	chmod(".", 0777);
}

static gid_t gid_of(const char *p)
{
	struct stat st;

	return lstat(p, &st) ? (gid_t)-1 : st.st_gid;
}

static void setid_as_user(void)
{
	int fd;

	/* Creation in a setgid directory of a group the creator is not in. */
	fd = open("sg/f", O_WRONLY | O_CREAT, 02755);
	close(fd);
	EQ(mode_of("sg/f"), S_IFREG | 0755);		/* group-executable: S_ISGID dropped */
	EQ(gid_of("sg/f"), OTHER_GID);			/* the directory's group */
	fd = open("sg/nox", O_WRONLY | O_CREAT, 02745);
	close(fd);
	EQ(mode_of("sg/nox"), S_IFREG | 02745);		/* no group execute: kept */
	WORKS(mknod("sg/fifo", S_IFIFO | 02755, 0));
	EQ(mode_of("sg/fifo"), S_IFIFO | 0755);
	WORKS(mkdir("sg/d", 0755));
	EQ(mode_of("sg/d"), S_IFDIR | 02755);		/* subdirectories inherit S_ISGID */
	EQ(gid_of("sg/d"), OTHER_GID);
	fd = open("sg/d/f", O_WRONLY | O_CREAT, 02711);
	close(fd);
	EQ(mode_of("sg/d/f"), S_IFREG | 0711);		/* and pass the rule on */
	EQ(gid_of("sg/d/f"), OTHER_GID);
	/* Outside a setgid directory the creator's own group: kept. */
	fd = open("plain/f", O_WRONLY | O_CREAT, 02755);
	close(fd);
	EQ(mode_of("plain/f"), S_IFREG | 02755);
	EQ(gid_of("plain/f"), 1000);
	/* A write takes them away; set-group-ID only with group execute. */
	fd = open("w_sgx", O_WRONLY);
	EQ(write(fd, "a", 1), 1);
	close(fd);
	EQ(mode_of("w_sgx"), S_IFREG | 0777);
	fd = open("w_sg", O_WRONLY);
	EQ(write(fd, "a", 1), 1);
	close(fd);
	EQ(mode_of("w_sg"), S_IFREG | 02767);
	/* open(O_TRUNC), truncate and ftruncate too, owner or not. */
	fd = open("t_sgx", O_WRONLY | O_TRUNC);
	EQ(fd >= 0, 1);
	close(fd);
	EQ(mode_of("t_sgx"), S_IFREG | 0777);
	fd = open("t_own", O_WRONLY | O_TRUNC);
	close(fd);
	EQ(mode_of("t_own"), S_IFREG | 0777);
	WORKS(truncate("tr", 0));
	EQ(mode_of("tr"), S_IFREG | 0777);
	fd = open("ftr", O_WRONLY);
	WORKS(ftruncate(fd, 2));
	close(fd);
	EQ(mode_of("ftr"), S_IFREG | 0777);
	/* chown of one's own file, to the same ids. */
	WORKS(chown("c_own", -1, -1));
	EQ(mode_of("c_own"), S_IFREG | 0755);
}

static int become(uid_t uid)
{
	if (setgroups(0, NULL) || setresgid(uid, uid, uid) || setresuid(uid, uid, uid)) {
		printf("Bail out! cannot switch ids: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/* Run fn in a child (as uid, unless it is 0); its checks print through the counters. */
static void in_child(void (*fn)(void), uid_t uid)
{
	int status, pipefd[2];
	pid_t pid;
	int counts[2] = { 0, 0 };

	if (pipe(pipefd)) {
		printf("Bail out! pipe: %s\n", strerror(errno));
		exit(1);
	}
	pid = fork();
	if (pid == 0) {
		close(pipefd[0]);
		if (uid == 0 || become(uid) == 0)
			fn();
		counts[0] = t_n;
		counts[1] = t_failed;
		if (write(pipefd[1], counts, sizeof(counts)) != sizeof(counts))
			_exit(2);
		_exit(0);
	}
	close(pipefd[1]);
	if (read(pipefd[0], counts, sizeof(counts)) != sizeof(counts))
		counts[0] = t_n, counts[1] = t_failed + 1;
	close(pipefd[0]);
	waitpid(pid, &status, 0);
	t_n = counts[0];
	t_failed = counts[1];
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child exits 0", status, 0);
}

static void setid_as_root(void)
{
	int fd;

	EQ(mode_of("sg/rootf"), S_IFREG | 02755);	/* CAP_FSETID keeps it */
	EQ(gid_of("sg/rootf"), OTHER_GID);
	fd = open("r_keep", O_WRONLY | O_TRUNC);
	EQ(write(fd, "a", 1), 1);
	close(fd);
	EQ(mode_of("r_keep"), S_IFREG | 06777);
	WORKS(chown("r_keep", 0, 0));			/* but even root's chown clears them */
	EQ(mode_of("r_keep"), S_IFREG | 0777);
}

#ifndef F_SETPIPE_SZ
#define F_SETPIPE_SZ	1031
#define F_GETPIPE_SZ	1032
#endif
#define NPIPES		1024	/* 16 pages each: exactly the soft limit */

/* As uid 1000 with RLIMIT_NOFILE raised by root first (in_child's fn runs after become). */
static void pipes_per_user(void)
{
	static int fds[NPIPES + 2][2];
	int i, made = 0;

	for (i = 0; i < NPIPES; i++, made++)
		if (pipe(fds[i]))
			break;
	EQ(made, NPIPES);
	EQ(fcntl(fds[NPIPES - 1][0], F_GETPIPE_SZ), 65536);
	WORKS(pipe(fds[NPIPES]));
	EQ(fcntl(fds[NPIPES][0], F_GETPIPE_SZ), 8192);		/* past the soft limit */
	FAILS(fcntl(fds[NPIPES][0], F_SETPIPE_SZ, 65536), EPERM);
	EQ(fcntl(fds[NPIPES][0], F_SETPIPE_SZ, 4096), 4096);	/* shrinking is fine */
	FAILS(fcntl(fds[0][0], F_SETPIPE_SZ, 1 << 17), EPERM);	/* growing is not */
	EQ(fcntl(fds[0][0], F_SETPIPE_SZ, 65536), 65536);	/* the same size: no growth */
	FAILS(fcntl(fds[1][0], F_SETPIPE_SZ, 2 << 20), EPERM);	/* past pipe-max-size */
	for (i = 0; i < 2; i++) {
		close(fds[i][0]);
		close(fds[i][1]);
	}
	WORKS(pipe(fds[NPIPES + 1]));
	EQ(fcntl(fds[NPIPES + 1][0], F_GETPIPE_SZ), 65536);	/* room again */
	EQ(fcntl(fds[NPIPES + 1][0], F_SETPIPE_SZ, 1 << 20) > 0 ? 1 : 0, 0);	/* 256 pages: over */
	for (i = 2; i < NPIPES + 2; i++) {
		close(fds[i][0]);
		close(fds[i][1]);
	}
	/* All closed: the user's charge is back to nothing, so a large pipe is allowed. */
	WORKS(pipe(fds[0]));
	EQ(fcntl(fds[0][0], F_SETPIPE_SZ, 1 << 20), 1 << 20);
	close(fds[0][0]);
	close(fds[0][1]);
}

/* procs counts tasks: three children parked on a pipe show up in it. */
static void sysinfo_procs(void)
{
	struct k_sysinfo before, after;
	int p[2], i;
	char c;

	if (pipe(p)) {
		printf("Bail out! pipe: %s\n", strerror(errno));
		exit(1);
	}
	WORKS(syscall(SYS_sysinfo, &before));
	for (i = 0; i < 3; i++) {
		if (fork() == 0) {
			close(p[1]);
			if (read(p[0], &c, 1) < 0)
				_exit(1);
			_exit(0);
		}
	}
	WORKS(syscall(SYS_sysinfo, &after));
	close(p[0]);
	close(p[1]);				/* they all see end of file and go */
	for (i = 0; i < 3; i++)
		wait(NULL);
	EQ(before.procs >= 1 && after.procs >= 1, 1);
	if (getpid() == 1)		/* alone on the machine (a Linux host's count moves) */
		EQ(after.procs - before.procs, 3);
	else
		skip("sysinfo's procs grows by the 3 children", "other processes on the host");
}

/* glibc's time(): a coarse realtime clock read; it must agree with CLOCK_REALTIME. */
static void time_agrees(void)
{
	struct timespec rt, co, nap = { 0, 50 * 1000 * 1000 };
	time_t t;
	int round;

	for (round = 0; round < 2; round++) {
		clock_gettime(CLOCK_REALTIME, &rt);
		t = time(NULL);
		check(t >= rt.tv_sec - 1 && t <= rt.tv_sec + 1, "time() is CLOCK_REALTIME's second",
		      (long)(t - rt.tv_sec), 0);
		WORKS(clock_gettime(CLOCK_REALTIME_COARSE, &co));
		WORKS(clock_gettime(CLOCK_MONOTONIC_COARSE, &co));
		nanosleep(&nap, NULL);		/* the reported -1 came after a sleep */
	}
}

/*
 * TIOCSPGRP to a group of another session is EPERM; a dead foreground group's id is not given
 * to a new process while the terminal names it. Needs a terminal on fd 0 (Ferry's console;
 * under qemu-user the host's stdin is a pipe: skipped). In a child that takes the terminal.
 */
static void tty_pgrp(void)
{
	int p[2], q[2], fg = -1;
	pid_t other, dead;
	char c;

	if (!isatty(0)) {
		skip("TIOCSPGRP rules", "fd 0 is not a terminal");
		return;
	}
	setsid();
	if (ioctl(0, TIOCSCTTY, 1)) {
		skip("TIOCSPGRP rules", "no controlling terminal");
		return;
	}
	if (pipe(p))
		return;
	other = fork();
	if (other == 0) {			/* a session of its own, parked on the pipe */
		setsid();
		close(p[1]);
		if (read(p[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(p[0]);
	if (pipe(q))
		return;
	dead = fork();
	if (dead == 0) {			/* a group of our session, parked on the other */
		setpgid(0, 0);
		close(p[1]);			/* other's end of file is ours to give */
		close(q[1]);
		if (read(q[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(q[0]);
	setpgid(dead, dead);			/* either may win: both give it its own group */
	usleep(100 * 1000);
	FAILS(ioctl(0, TIOCSPGRP, &other), EPERM);	/* another session's group */
	close(p[1]);
	waitpid(other, NULL, 0);
	/* A group that goes away while in the foreground keeps its number there. */
	WORKS(ioctl(0, TIOCSPGRP, &dead));
	close(q[1]);
	waitpid(dead, NULL, 0);
	WORKS(ioctl(0, TIOCGPGRP, &fg));
	EQ(fg, dead);
	WORKS(ioctl(0, TIOCNOTTY, 0));		/* its SIGHUP reaches nobody */
}

/* "--no-deep" leaves the deep trees out (to see the other checks on a kernel that cannot
 * survive them). */
int main(int argc, char **argv)
{
	bool deep = !(argc > 1 && !strcmp(argv[1], "--no-deep"));

	enter_tmp("fsfixes");
	if (geteuid() != 0) {
		printf("Bail out! must start as root\n");
		return 1;
	}
	chmod(t_base, 0777);
	if (deep) {
		deep_trees();
		in_child(nested_mounts, 0);
	}
	build_setid_tree();
	in_child(setid_as_user, 1000);
	{
		struct rlimit nofile = { 4096, 4096 };

		if (setrlimit(RLIMIT_NOFILE, &nofile))	/* inherited by the uid 1000 child */
			printf("# setrlimit: %s\n", strerror(errno));
		in_child(pipes_per_user, 1000);
	}
	setid_as_root();
	sysinfo_procs();
	time_agrees();
	in_child(tty_pgrp, 0);
	return finish("fsfixes");
}
