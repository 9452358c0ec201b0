/*
 * procfs (issue 12), through glibc on every ABI; also run under qemu-user, where the host's
 * Linux answers, so every check is a format or a relation Linux keeps, never a value only
 * Ferry prints:
 *   /proc/self/stat (52 fields, pid, comm in parentheses, state, ppid), status (Linux's
 *   lines in Linux's order), cmdline == argv, comm (read, write back), maps (the stack and
 *   this program's own code), fd/ links after open, dup and pipe, exe, self and
 *   thread-self, task/, a forked child's directory (Z before the wait, gone after it), a
 *   readdir of /proc listing live pids, meminfo, uptime, loadavg, stat, version, cpuinfo,
 *   mounts and filesystems formats, EACCES for another user's maps and exe, and loginuid
 *   (digits, no newline; set once by the thread itself, inherited by a child).
 * As /init (Ferry) it mounts proc on /proc itself; it builds its own files under /tmp.
 * KTAP; exits with the number of failures.
 */

#include <dirent.h>
#include <fcntl.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>
#include <sys/stat.h>
pid_t gettid(void);	/* glibc has it; <sys/syscall.h> needs <asm/unistd.h> */
int setresuid(uid_t r, uid_t e, uid_t s);	/* glibc has it under _GNU_SOURCE */
#include <sys/wait.h>

/* glibc's <errno.h> includes <asm/errno.h>, which the i386 multilib setup lacks */
extern int *__errno_location(void);
#define errno (*__errno_location())
#define ENOENT	2
#define ESRCH	3
#define EPERM	1
#define EACCES	13
#define EINVAL	22

/* nor <sys/prctl.h> (it includes <linux/prctl.h>) */
int prctl(int option, ...);
#define PR_SET_NAME	15
#define PR_GET_NAME	16

/* <sys/mount.h> pulls kernel headers the i386 cross setup lacks */
int mount(const char *source, const char *target, const char *type, unsigned long flags,
	  const void *data);

static int n, failed;

/*
 * Where this process's own files are read. qemu-user answers "/proc/self/..." itself, with
 * a partial stat (43 fields), maps without zero padding or the code area, and a stat of
 * exe that is its own binary; "/proc//self" is the same directory to Linux (and Ferry) but
 * escapes qemu's match, so the host's Linux answers about the process qemu runs in. Checks
 * of values only the emulation knows (this program's argv, code and stack addresses, exe)
 * use "/proc/self"; format checks use self_dir.
 */
static const char *self_dir = "/proc/self";
static int qemu_user;

static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	printf("%sok %d ", ok ? "" : "not ", ++n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	failed += !ok;
}

/* The whole file (NUL-terminated; *len its size), read in small pieces to exercise offsets. */
static char *slurp(const char *path, size_t *len)
{
	size_t cap = 256, got = 0;
	char *buf = malloc(cap + 1);
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		free(buf);
		return NULL;
	}
	for (;;) {
		ssize_t r;

		if (got == cap)
			buf = realloc(buf, (cap *= 2) + 1);
		r = read(fd, buf + got, got < 100 ? 7 : cap - got);
		if (r <= 0)
			break;
		got += r;
	}
	close(fd);
	buf[got] = 0;
	if (len)
		*len = got;
	return buf;
}

/* Does every line of text match the extended regex re? */
static int all_lines_match(const char *text, const char *re)
{
	regex_t rx;
	char *copy = strdup(text), *save, *line;
	int ok = 1, lines = 0;

	regcomp(&rx, re, REG_EXTENDED | REG_NOSUB);
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		lines++;
		if (regexec(&rx, line, 0, NULL, 0)) {
			printf("# line does not match %s: '%s'\n", re, line);
			ok = 0;
			break;
		}
	}
	regfree(&rx);
	free(copy);
	return ok && lines > 0;
}

static int has_line_matching(const char *text, const char *re)
{
	regex_t rx;
	char *copy = strdup(text), *save, *line;
	int found = 0;

	regcomp(&rx, re, REG_EXTENDED | REG_NOSUB | REG_NEWLINE);
	for (line = strtok_r(copy, "\n", &save); line && !found; line = strtok_r(NULL, "\n", &save))
		found = !regexec(&rx, line, 0, NULL, 0);
	regfree(&rx);
	free(copy);
	return found;
}

/* The value after "Key:\t" in a status-like text, or NULL. */
static const char *field(const char *text, const char *key)
{
	static char val[256];
	size_t k = strlen(key);

	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (!strncmp(p, key, k) && p[k] == ':') {
			const char *v = p + k + 1, *e;

			while (*v == '\t' || *v == ' ')
				v++;
			e = strchr(v, '\n');
			snprintf(val, sizeof(val), "%.*s", e ? (int)(e - v) : (int)strlen(v), v);
			return val;
		}
	}
	return NULL;
}

static int readlink_str(const char *path, char *buf, size_t len)
{
	ssize_t r = readlink(path, buf, len - 1);

	if (r < 0)
		return -errno;
	buf[r] = 0;
	return 0;
}

/* /proc/<pid>/stat split into its fields (comm may hold spaces: split after the last ')'). */
static int stat_fields(const char *path, char comm[64], char *state, long f[64])
{
	char *s = slurp(path, NULL), *close, *p;
	int count = 0;

	if (!s)
		return -errno;
	close = strrchr(s, ')');
	p = strchr(s, '(');
	if (!close || !p) {
		free(s);
		return -1;
	}
	snprintf(comm, 64, "%.*s", (int)(close - p - 1), p + 1);
	f[0] = atol(s);
	count = 2;
	p = close + 2;
	*state = *p;
	count++;
	p += 1;
	while (*p == ' ' && count < 64) {
		count++;
		f[count - 1] = strtoll(p + 1, &p, 10);	/* field k in f[k - 1] */
	}
	free(s);
	return count;
}

static void test_stat(void)
{
	char comm[64], state, expect[16];
	long f[64];
	char path[64];
	int fields;

	snprintf(path, sizeof(path), "%s/stat", self_dir);
	fields = stat_fields(path, comm, &state, f);

	check(fields == 52, "/proc/self/stat has 52 fields (%d)", fields);
	check(f[0] == getpid(), "stat: pid %ld is getpid() %d", f[0], getpid());
	prctl(PR_GET_NAME, expect);
	check(!strcmp(comm, expect), "stat: comm (%s) is the task's name (%s)", comm, expect);
	check(state == 'R', "stat: state of the reader is R (%c)", state);
	check(f[3] == getppid(), "stat: ppid %ld is getppid() %d", f[3], getppid());
	check(f[4] == getpgrp() && f[5] == getsid(0), "stat: pgrp %ld and session %ld", f[4], f[5]);
	/* qemu keeps a thread of its own in the process */
	check(f[19] == 1 || (qemu_user && f[19] == 2), "stat: num_threads is 1 (%ld)", f[19]);
	check(f[21] >= 0 && f[22] > 0, "stat: starttime %ld, vsize %ld", f[21], f[22]);
}

static void test_status(void)
{
	static const char *const order[] = {
		"Name", "Umask", "State", "Tgid", "Ngid", "Pid", "PPid", "TracerPid", "Uid", "Gid",
		"FDSize", "Groups", "NStgid", "NSpid", "NSpgid", "NSsid", "VmPeak", "VmSize",
		"VmLck", "VmPin", "VmHWM", "VmRSS", "RssAnon", "RssFile", "RssShmem", "VmData",
		"VmStk", "VmExe", "VmLib", "VmPTE", "VmSwap", "HugetlbPages", "CoreDumping",
		"THP_enabled", "Threads", "SigQ", "SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt",
		"CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb", "NoNewPrivs", "Seccomp",
		"Cpus_allowed", "Cpus_allowed_list", "Mems_allowed", "Mems_allowed_list",
		"voluntary_ctxt_switches", "nonvoluntary_ctxt_switches",
	};
	char want[32], path[64];
	char *s = (snprintf(path, sizeof(path), "%s/status", self_dir), slurp(path, NULL));
	const char *p = s, *v;
	unsigned i;

	check(s != NULL, "open /proc/self/status");
	if (!s)
		return;
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		char key[40];
		const char *at;

		snprintf(key, sizeof(key), "\n%s:\t", order[i]);
		at = i == 0 ? (strncmp(s, "Name:\t", 6) ? NULL : s) : strstr(p, key);
		if (!at)
			break;
		p = at + 1;
	}
	check(i == sizeof(order) / sizeof(order[0]), "status: Linux's lines in Linux's order (stops at %s)",
	      i < sizeof(order) / sizeof(order[0]) ? order[i] : "-");
	snprintf(want, sizeof(want), "%d", getpid());
	v = field(s, "Pid");
	check(v && !strcmp(v, want), "status: Pid %s", v ? v : "?");
	v = field(s, "Tgid");
	check(v && !strcmp(v, want), "status: Tgid %s", v ? v : "?");
	snprintf(want, sizeof(want), "%d", getppid());
	v = field(s, "PPid");
	check(v && !strcmp(v, want), "status: PPid %s", v ? v : "?");
	v = field(s, "State");
	check(v && !strcmp(v, "R (running)"), "status: State '%s'", v ? v : "?");
	snprintf(want, sizeof(want), "%u\t%u\t%u\t%u", getuid(), geteuid(), getuid(), geteuid());
	v = field(s, "Uid");
	check(v && !strcmp(v, want), "status: Uid '%s'", v ? v : "?");
	v = field(s, "Threads");
	check(v && (!strcmp(v, "1") || (qemu_user && !strcmp(v, "2"))), "status: Threads %s",
	      v ? v : "?");
	v = field(s, "VmRSS");
	check(v && has_line_matching(s, "^VmSize:\t +[0-9]+ kB$"), "status: VmSize in kB");
	free(s);
}

static void test_cmdline(int argc, char **argv)
{
	size_t len, want = 0;
	char *s = slurp("/proc/self/cmdline", &len);
	int same = s != NULL;

	for (int i = 0; i < argc; i++)
		want += strlen(argv[i]) + 1;
	if (s && len == want) {
		const char *p = s;

		for (int i = 0; i < argc; i++, p += strlen(p) + 1)
			same &= !strcmp(p, argv[i]);
	} else {
		same = 0;
	}
	check(same, "cmdline is argv, NUL-separated (%zu bytes, argv %zu)", s ? len : 0, want);
	free(s);
}

static void test_comm(void)
{
	char name[16], *s;
	int fd;

	prctl(PR_GET_NAME, name);
	s = slurp("/proc/self/comm", NULL);
	check(s && !strncmp(s, name, strlen(name)) && !strcmp(s + strlen(name), "\n"),
	      "comm is the name and a newline");
	free(s);
	fd = open("/proc/self/comm", O_WRONLY);
	check(fd >= 0 && write(fd, "proc-renamed", 12) == 12, "write /proc/self/comm");
	close(fd);
	prctl(PR_GET_NAME, name);
	check(!strcmp(name, "proc-renamed"), "the write renames the process (%s)", name);
	s = slurp("/proc/self/comm", NULL);
	check(s && !strcmp(s, "proc-renamed\n"), "comm reads the new name");
	free(s);
}

/* Write text to path; 0, or the errno. */
static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY), err = 0;

	if (fd < 0)
		return errno;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		err = errno;
	close(fd);
	return err;
}

/*
 * loginuid (Linux with audit, as Debian's kernels): the login uid as digits without a
 * newline, unset (4294967295) from boot; only the thread itself may set it, and a child
 * inherits it. The writes run in a child, and not under qemu-user (they would set the
 * host's process's login uid).
 */
static void test_loginuid(void)
{
	char path[64], *s;
	pid_t pid;
	int status;

	snprintf(path, sizeof(path), "%s/loginuid", self_dir);
	s = slurp(path, NULL);
	check(s && s[0] && strspn(s, "0123456789") == strlen(s), "loginuid is digits, no newline (%s)",
	      s ? s : "missing");
	if (!qemu_user)
		check(s && !strcmp(s, "4294967295"), "loginuid starts unset: 4294967295");
	free(s);
	if (qemu_user) {
		printf("ok %d # SKIP qemu-user: writes would set the host process's loginuid\n", ++n);
		return;
	}
	snprintf(path, sizeof(path), "/proc/%d/loginuid", getpid());
	pid = fork();
	if (pid == 0) {
		char own[64];
		int bad = 0, fd;

		bad |= write_file(path, "1000") != EPERM;		/* the parent's: not ours */
		bad |= (write_file("/proc/self/loginuid", "12x") != EINVAL) << 1;
		bad |= (write_file("/proc/self/loginuid", "1000\n") != 0) << 2;
		s = slurp("/proc/self/loginuid", NULL);
		bad |= (!s || strcmp(s, "1000")) << 3;
		snprintf(own, sizeof(own), "/proc/%d/loginuid", getpid());
		if (fork() == 0) {
			s = slurp(own, NULL);		/* the parent's, from the child */
			char *mine = slurp("/proc/self/loginuid", NULL);
			_exit(!(s && mine && !strcmp(s, "1000") && !strcmp(mine, "1000")));
		}
		wait(&status);
		bad |= (!WIFEXITED(status) || WEXITSTATUS(status)) << 4;
		/* set already: a second change needs CAP_AUDIT_CONTROL, which root has */
		bad |= (write_file("/proc/self/loginuid", "+0") != 0) << 5;
		/*
		 * and nobody lacks: opened as root first, since a process that changes its uids
		 * is no longer dumpable and its /proc files become root's (EACCES to open);
		 * the write itself is what checks the capability
		 */
		fd = open("/proc/self/loginuid", O_WRONLY);
		bad |= (fd < 0 || setresuid(65534, 65534, 65534) || write(fd, "5", 1) != -1 ||
			errno != EPERM) << 6;
		_exit(bad);
	}
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "loginuid: EPERM for another's, EINVAL for 12x, set to 1000 by itself, "
	      "inherited by a fork, set again as root, EPERM for uid 65534 (failures mask %#x)",
	      WIFEXITED(status) ? WEXITSTATUS(status) : 0xff);
	s = slurp(path, NULL);
	check(s && !strcmp(s, "4294967295"), "the child's loginuid is not the parent's");
	free(s);
}

static void test_maps(void)
{
	char path[64], *s, *save, *line;
	unsigned long stack_var = (unsigned long)&save, code = (unsigned long)test_maps;
	int stack = 0, text = 0;

	snprintf(path, sizeof(path), "%s/maps", self_dir);
	s = slurp(path, NULL);
	check(s && all_lines_match(s, "^[0-9a-f]{8,16}-[0-9a-f]{8,16} [r-][w-][x-][ps] [0-9a-f]{8,} "
				      "[0-9a-f]{2,}:[0-9a-f]{2,} [0-9]+( +.*)?$"),
	      "maps: every line in Linux's format");
	for (line = s ? strtok_r(s, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save)) {
		unsigned long lo, hi;
		char perms[5];

		if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) != 3)
			continue;
		if (lo <= stack_var && stack_var < hi && strstr(line, " [stack]") && perms[1] == 'w')
			stack = 1;
		if (lo <= code && code < hi && perms[2] == 'x' && perms[0] == 'r')
			text = 1;
	}
	free(s);
	if (qemu_user) {
		printf("ok %d # SKIP qemu-user's maps lack the code area\n", ++n);
		printf("ok %d # SKIP the same\n", ++n);
		return;
	}
	check(stack, "maps: a writable [stack] area holds a local variable");
	check(text, "maps: an r-x area holds this program's code");
}

static void test_links(const char *program)
{
	char path[256], link[256], want[256];
	int fd, fd2, p[2];
	struct stat a, b;

	snprintf(want, sizeof(want), "/tmp/proc-probe-%d", getpid());
	mkdir("/tmp", 01777);
	fd = open(want, O_RDWR | O_CREAT | O_TRUNC, 0644);
	check(fd >= 0, "create %s", want);
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	check(!readlink_str(path, link, sizeof(link)) && !strcmp(link, want),
	      "fd/%d names the file (%s)", fd, link);
	check(!stat(path, &a) && !fstat(fd, &b) && a.st_ino == b.st_ino && a.st_dev == b.st_dev,
	      "stat through fd/%d is the open file", fd);
	check(!lstat(path, &a) && S_ISLNK(a.st_mode) && (a.st_mode & 0777) == 0700,
	      "fd/%d is a link with mode 0700 for O_RDWR (%o)", fd, a.st_mode);
	fd2 = dup(fd);
	if (fd2 < 0 && errno == 38) {	/* ENOSYS: a kernel without dup yet */
		printf("ok %d # SKIP dup: ENOSYS\n", ++n);
	} else {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd2);
		check(!readlink_str(path, link, sizeof(link)) && !strcmp(link, want),
		      "fd/%d of dup names it too (%s)", fd2, link);
		close(fd2);
	}
	check(lstat(path, &a) < 0 && errno == ENOENT, "fd/%d is gone after close", fd2);
	if (pipe(p) == 0) {
		regex_t rx;

		regcomp(&rx, "^pipe:\\[[0-9]+\\]$", REG_EXTENDED | REG_NOSUB);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", p[0]);
		check(!readlink_str(path, link, sizeof(link)) && !regexec(&rx, link, 0, NULL, 0),
		      "a pipe's fd link reads pipe:[N] (%s)", link);
		regfree(&rx);
		close(p[0]);
		close(p[1]);
	} else {
		printf("ok %d # SKIP no pipes yet (%d)\n", ++n, errno);
	}
	close(fd);
	unlink(want);

	snprintf(want, sizeof(want), "%d", getpid());
	check(!readlink_str("/proc/self", link, sizeof(link)) && !strcmp(link, want),
	      "/proc/self reads the pid (%s)", link);
	snprintf(want, sizeof(want), "%d/task/%ld", getpid(), (long)gettid());
	check(!readlink_str("/proc/thread-self", link, sizeof(link)) && !strcmp(link, want),
	      "/proc/thread-self reads pid/task/tid (%s)", link);
	check(!readlink_str("/proc/self/exe", link, sizeof(link)) && program &&
	      !strcmp(link, program), "exe names this program (%s, %s)", link, program);
	snprintf(path, sizeof(path), "/proc/self/task/%ld/stat", (long)gettid());
	fd = open(path, O_RDONLY);
	check(fd >= 0, "task/<tid>/stat exists");
	close(fd);
}

static int in_proc_listing(pid_t pid, int *has_self)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int found = 0;

	*has_self = 0;
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		if (atoi(e->d_name) == pid && e->d_type == DT_DIR)
			found = 1;
		if (!strcmp(e->d_name, "self"))
			*has_self = 1;
	}
	closedir(d);
	return found;
}

static void test_child(void)
{
	int go[2], status, has_self;
	char path[64], comm[64], state = '?';
	long f[64];
	pid_t child;
	struct stat st;

	if (pipe(go)) {
		printf("ok %d # SKIP no pipes yet\n", ++n);
		return;
	}
	child = fork();
	if (child == 0) {
		char c;

		close(go[1]);
		read(go[0], &c, 1);	/* until the parent closes its end */
		_exit(3);
	}
	close(go[0]);
	check(in_proc_listing(child, &has_self) == 1 && has_self,
	      "readdir of /proc lists the child %d and self", child);
	check(in_proc_listing(getpid(), &has_self) == 1, "readdir of /proc lists this process");
	snprintf(path, sizeof(path), "/proc/%d/stat", child);
	{
		int fields = 0;

		for (int i = 0; i < 2000; i++) {	/* until it sleeps in its read */
			fields = stat_fields(path, comm, &state, f);
			if (fields != 52 || state == 'S')
				break;
			usleep(1000);
		}

		check(fields == 52 && f[3] == getpid() && state == 'S',
		      "the child's stat: ppid is us, state S (%d fields, %c)", fields, state);
	}
	close(go[1]);
	/* wait for it to become a zombie without reaping it */
	for (int i = 0; i < 2000; i++) {
		if (stat_fields(path, comm, &state, f) == 52 && state == 'Z')
			break;
		usleep(1000);
	}
	check(state == 'Z', "the exited child is Z before the wait (%c)", state);
	check(waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 3,
	      "wait reaps it");
	snprintf(path, sizeof(path), "/proc/%d", child);
	check(stat(path, &st) < 0 && errno == ENOENT, "/proc/%d is gone after the wait", child);
	snprintf(path, sizeof(path), "/proc/%d/stat", child);
	check(open(path, O_RDONLY) < 0 && errno == ENOENT, "and its stat cannot be opened");
	check(in_proc_listing(child, &has_self) == 0, "readdir no longer lists it");
}

/* A process exits while its directory is open: reads give an error, nothing crashes. */
static void test_vanishing(void)
{
	int status, dfd, fd;
	char path[64], buf[64];
	pid_t child = fork();

	if (child == 0) {
		pause();
		_exit(0);
	}
	snprintf(path, sizeof(path), "/proc/%d", child);
	dfd = open(path, O_RDONLY | O_DIRECTORY);
	fd = openat(dfd, "status", O_RDONLY);
	check(dfd >= 0 && fd >= 0, "open the child's directory and status");
	kill(child, 9);
	waitpid(child, &status, 0);
	check(read(fd, buf, sizeof(buf)) < 0 && errno == ESRCH, "status read after the reap: ESRCH");
	fd = openat(dfd, "stat", O_RDONLY);
	/* Linux: ESRCH from the directory's permission check (proc_pid_permission); Ferry's
	 * VFS has no such hook, its lookup says ENOENT (docs/files.md) */
	check(fd < 0 && (errno == ESRCH || errno == ENOENT),
	      "openat in its directory: ESRCH or ENOENT (%d, %d)", fd, errno);
	close(fd);
	close(dfd);
}

/* Another user's process: stat readable, maps and exe EACCES. */
static void test_permissions(void)
{
	pid_t parent = getpid(), child;
	int status;

	if (getuid() != 0) {
		printf("ok %d # SKIP not root\n", ++n);
		return;
	}
	child = fork();
	if (child == 0) {
		char path[64], link[256];
		int bad = 0;

		if (setgid(1000) || setuid(1000))
			_exit(100);
		snprintf(path, sizeof(path), "/proc/%d/stat", parent);
		bad |= open(path, O_RDONLY) < 0 ? 1 : 0;
		snprintf(path, sizeof(path), "/proc/%d/maps", parent);
		bad |= open(path, O_RDONLY) >= 0 || errno != EACCES ? 2 : 0;
		snprintf(path, sizeof(path), "/proc/%d/exe", parent);
		bad |= readlink(path, link, sizeof(link)) >= 0 || errno != EACCES ? 4 : 0;
		snprintf(path, sizeof(path), "/proc/%d/fd", parent);
		bad |= opendir(path) || errno != EACCES ? 8 : 0;
		_exit(bad);
	}
	waitpid(child, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "uid 1000: root's stat readable, maps/exe/fd EACCES (failed mask %d)",
	      WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}

static void test_system_files(void)
{
	char *s;

	s = slurp("/proc/meminfo", NULL);
	check(s && !strncmp(s, "MemTotal:", 9) && all_lines_match(s, "^[A-Za-z0-9_()]+: +[0-9]+( kB)?$") &&
	      has_line_matching(s, "^MemFree: +[0-9]+ kB$") &&
	      has_line_matching(s, "^MemAvailable: +[0-9]+ kB$") &&
	      has_line_matching(s, "^SwapTotal: +[0-9]+ kB$"), "meminfo's format");
	free(s);
	s = slurp("/proc/uptime", NULL);
	check(s && all_lines_match(s, "^[0-9]+\\.[0-9][0-9] [0-9]+\\.[0-9][0-9]$"), "uptime's format");
	free(s);
	s = slurp("/proc/loadavg", NULL);
	check(s && all_lines_match(s, "^[0-9]+\\.[0-9][0-9] [0-9]+\\.[0-9][0-9] [0-9]+\\.[0-9][0-9] [0-9]+/[0-9]+ [0-9]+$"),
	      "loadavg's format");
	free(s);
	s = slurp("/proc/version", NULL);
	check(s && !strncmp(s, "Linux version ", 14), "version starts 'Linux version '");
	free(s);
	s = slurp("/proc/stat", NULL);
	check(s && has_line_matching(s, "^cpu  [0-9]+ [0-9]+ [0-9]+ [0-9]+ [0-9]+ [0-9]+ [0-9]+ [0-9]+ [0-9]+ [0-9]+$") &&
	      has_line_matching(s, "^cpu0 [0-9]+") && has_line_matching(s, "^btime [0-9]+$") &&
	      has_line_matching(s, "^processes [0-9]+$") &&
	      has_line_matching(s, "^procs_running [0-9]+$") &&
	      has_line_matching(s, "^ctxt [0-9]+$"), "stat's cpu, ctxt, btime, processes, procs_running lines");
	free(s);
	s = slurp("/proc/cpuinfo", NULL);
#if defined(__x86_64__) || defined(__i386__)
	check(s && has_line_matching(s, "^processor\t: 0$") && has_line_matching(s, "^vendor_id\t: .+") &&
	      has_line_matching(s, "^model name\t: .+") && has_line_matching(s, "^flags\t\t: .*fpu"),
	      "cpuinfo: processor, vendor_id, model name, flags");
#else
	if (qemu_user && s && has_line_matching(s, "^vendor_id")) {
		printf("ok %d # SKIP qemu-user shows the host's x86 cpuinfo\n", ++n);
		free(s);
		s = NULL;
	} else
	check(s && has_line_matching(s, "^processor\t: 0$") && has_line_matching(s, "^Features\t: ") &&
	      has_line_matching(s, "^CPU implementer\t: 0x[0-9a-f]+$") &&
	      has_line_matching(s, "^CPU part\t: 0x[0-9a-f]{3}$"),
	      "cpuinfo: processor, Features, CPU implementer, CPU part");
#endif
	free(s);
	s = slurp("/proc/mounts", NULL);
	check(s && all_lines_match(s, "^[^ ]+ /[^ ]* [^ ]+ (rw|ro)[^ ]* 0 0$") &&
	      has_line_matching(s, "^[^ ]+ /proc proc (rw|ro)"), "mounts: six fields a line, proc on /proc");
	free(s);
	s = slurp("/proc/filesystems", NULL);
	check(s && all_lines_match(s, "^(nodev)?\t[a-z0-9_.]+$") && has_line_matching(s, "^nodev\tproc$"),
	      "filesystems: (nodev)\\tname lines, proc among them");
	free(s);
}

/*
 * What busybox's ps, top, free and date showed differently from Linux 6.1 (issue 14's
 * procps.sh and time.sh): status's Groups line ends with a space even when empty; a file
 * mapping names its file with its inode (Ferry printed every area as anonymous); meminfo
 * has 6.0's SecPageTables (and x86's DirectMap lines); /proc/stat's btime is the realtime
 * clock at boot (it said 0 before the RTC set the clock).
 */
static void test_issue14_formats(void)
{
	char path[64], *s, *save, *line;
	const char *g;
	int named = 0;

	snprintf(path, sizeof(path), "%s/status", self_dir);
	s = slurp(path, NULL);
	g = s ? strstr(s, "\nGroups:\t") : NULL;
	line = g ? strchr(g + 1, '\n') : NULL;
	check(line && line[-1] == ' ', "status: the Groups line ends with a space (Linux's)");
	free(s);

	snprintf(path, sizeof(path), "%s/maps", self_dir);
	s = slurp(path, NULL);
	for (line = s ? strtok_r(s, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save)) {
		unsigned long lo, hi, ino;
		unsigned long long off;
		unsigned int ma, mi;
		char perms[5];
		int at = 0;
		struct stat st;

		if (sscanf(line, "%lx-%lx %4s %llx %x:%x %lu %n", &lo, &hi, perms, &off, &ma, &mi,
			   &ino, &at) < 7 || !at || line[at] != '/' || !ino)
			continue;
		if (!stat(line + at, &st) && st.st_ino == ino)
			named++;
	}
	free(s);
	check(named > 0, "maps: file mappings name their file and its inode (%d areas)", named);

	s = slurp("/proc/meminfo", NULL);
	check(s && has_line_matching(s, "^SecPageTables: +[0-9]+ kB$"), "meminfo: SecPageTables");
#if defined(__x86_64__) || defined(__i386__)
	check(s && has_line_matching(s, "^DirectMap4k: +[0-9]+ kB$"), "meminfo: DirectMap4k (x86)");
#else
	if (qemu_user)	/* the host's meminfo: an x86 kernel's lines */
		printf("ok %d # SKIP qemu-user shows the host's meminfo\n", ++n);
	else
		check(s && has_line_matching(s, "^HardwareCorrupted: +[0-9]+ kB$") &&
		      has_line_matching(s, "^CmaTotal: +[0-9]+ kB$"),
		      "meminfo: HardwareCorrupted and CmaTotal (Debian's arm64 Linux)");
#endif
	free(s);

	s = slurp("/proc/stat", NULL);
	g = s ? strstr(s, "\nbtime ") : NULL;
	{
		char *u = slurp("/proc/uptime", NULL);
		long long bt = g ? atoll(g + 7) : 0, up = u ? atoll(u) : -1000;
		long long skew = (long long)time(NULL) - up - bt;

		check(skew >= -2 && skew <= 2, "stat: btime + uptime is the time (off by %lld s)", skew);
		free(u);
	}
	free(s);
}

int main(int argc, char **argv)
{
	struct stat st;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("KTAP version 1\n");
	if (stat("/proc/self", &st)) {	/* as /init on Ferry: nobody mounted it yet */
		mkdir("/proc", 0555);
		if (mount("proc", "/proc", "proc", 0, NULL))
			printf("# mount proc: %s\n", strerror(errno));
	}
	{
		char a[256], b[256];

		if (!readlink_str("/proc/self/exe", a, sizeof(a)) &&
		    !readlink_str("/proc//self/exe", b, sizeof(b)) && strcmp(a, b)) {
			qemu_user = 1;
			self_dir = "/proc//self";
			printf("# under qemu-user: %s\n", b);
		}
	}
	test_stat();
	test_status();
	test_cmdline(argc, argv);
	test_maps();
	test_links(realpath(argv[0], NULL));
	test_child();
	test_vanishing();
	test_permissions();
	test_system_files();
	test_comm();
	test_loginuid();
	test_issue14_formats();
	printf("1..%d\n", n);
	printf("# proc: %d passed, %d failed\n", n - failed, failed);
	return failed;
}
