/*
 * files_perm: what an ordinary user (uid and gid 1000, no supplementary groups) may and may
 * not do, with Linux's EACCES/EPERM: searching a directory without execute permission,
 * listing one without read, writing a read-only file, creating or removing in a directory
 * it cannot write, unlinking and renaming others' files in a sticky directory, chown and
 * chmod by a non-owner (and chmod's quiet drop of set-group-ID for a group it is not in),
 * utimensat's "now" by a writer versus explicit times by the owner only, truncate, device
 * nodes, set-user-ID cleared by a write, and access() judging by the real ids while
 * AT_EACCESS judges by the effective ones. Root builds the tree; children switch ids with
 * setresgid/setresuid. KTAP; exits 1 if any check failed.
 */
#include "files_check.h"
#include <grp.h>
#include <sys/wait.h>
#include <sys/sysmacros.h>

/* The tree, made by root (relative to the probe's directory):
 *   closed/      0700 root   closed/x 0644
 *   noread/      0311 root   noread/x 0644
 *   ro/          0755 root   ro/rootfile 0644, ro/sub/ 0777
 *   open/        0777 root   open/rootfile 0644
 *   sticky/      01777 root  sticky/rootfile 0666, sticky/rootdir/ 0777
 *   rootro       0644 root   rootrw 0666   root600 0600
 *   mine         0644 1000   minero 0444 (1000)
 */
static void build_tree(void)
{
	mkdir("closed", 0700);
	put_file("closed/x", "x", 0644);
	mkdir("noread", 0311);
	put_file("noread/x", "x", 0644);
	mkdir("ro", 0755);
	put_file("ro/rootfile", "r", 0644);
	mkdir("ro/sub", 0777);
	mkdir("open", 0777);
	chmod("open", 0777);
	put_file("open/rootfile", "r", 0644);
	mkdir("sticky", 0777);
	chmod("sticky", 01777);
	put_file("sticky/rootfile", "r", 0666);
	chmod("sticky/rootfile", 0666);
	mkdir("sticky/rootdir", 0777);
	put_file("rootro", "r", 0644);
	put_file("rootrw", "r", 0666);
	chmod("rootrw", 0666);
	put_file("root600", "r", 0600);
	put_file("mine", "m", 0644);
	chown("mine", 1000, 1000);
	put_file("minero", "m", 0444);
	chown("minero", 1000, 1000);
	chmod(".", 0777);		/* the probe's directory: anyone may create here */
}

static int become(uid_t ruid, uid_t euid)
{
	if (setgroups(0, NULL) || setresgid(1000, 1000, 1000) || setresuid(ruid, euid, euid)) {
		printf("Bail out! cannot switch ids: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

static void as_user(void)
{
	struct timespec ts[2] = { { 100, 0 }, { 200, 0 } };
	struct timespec now2[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	struct stat st;
	int fd;

	/* Directory search and listing. */
	FAILS(stat("closed/x", &st), EACCES);
	FAILS(open("closed/x", O_RDONLY), EACCES);
	FAILS(open("closed", O_RDONLY | O_DIRECTORY), EACCES);
	FAILS(chdir("closed"), EACCES);
	WORKS(stat("noread/x", &st));			/* search without read: fine */
	FAILS(open("noread", O_RDONLY | O_DIRECTORY), EACCES);
	FAILS(access("closed/x", F_OK), EACCES);
	/* Reading and writing files. */
	FAILS(open("rootro", O_WRONLY), EACCES);
	FAILS(open("rootro", O_RDWR), EACCES);
	FAILS(open("root600", O_RDONLY), EACCES);
	FAILS(open("minero", O_WRONLY), EACCES);	/* even the owner, through mode bits */
	WORKS(fd = open("rootrw", O_WRONLY));
	close(fd);
	FAILS(truncate("rootro", 0), EACCES);
	FAILS(truncate("minero", 0), EACCES);
	/* Creating and removing. */
	FAILS(open("ro/new", O_WRONLY | O_CREAT, 0644), EACCES);
	FAILS(mkdir("ro/newdir", 0755), EACCES);
	FAILS(unlink("ro/rootfile"), EACCES);
	FAILS(rename("ro/rootfile", "ro/other"), EACCES);
	FAILS(rename("mine", "ro/mine"), EACCES);
	FAILS(symlink("x", "ro/link"), EACCES);
	FAILS(link("mine", "ro/link"), EACCES);
	FAILS(mknod("ro/fifo", S_IFIFO | 0644, 0), EACCES);
	FAILS(rmdir("ro/sub"), EACCES);
	WORKS(unlink("open/rootfile"));			/* no sticky bit: any writer may */
	/* The sticky directory. */
	FAILS(unlink("sticky/rootfile"), EPERM);
	FAILS(rename("sticky/rootfile", "sticky/moved"), EPERM);
	FAILS(rmdir("sticky/rootdir"), EPERM);
	WORKS(fd = open("sticky/rootfile", O_WRONLY));	/* writing it is still allowed */
	close(fd);
	put_file("sticky/minefile", "m", 0644);
	WORKS(rename("sticky/minefile", "sticky/mine2"));
	FAILS(rename("sticky/mine2", "sticky/rootfile"), EPERM);	/* would replace root's */
	WORKS(unlink("sticky/mine2"));
	/* Device nodes need privilege; FIFOs do not. */
	FAILS(mknod("chr", S_IFCHR | 0600, makedev(1, 3)), EPERM);
	FAILS(mknod("blk", S_IFBLK | 0600, makedev(7, 0)), EPERM);
	WORKS(mknod("fifo", S_IFIFO | 0600, 0));
	/* chown and chmod. */
	FAILS(chown("rootrw", 1000, 1000), EPERM);
	FAILS(chown("mine", 0, -1), EPERM);
	FAILS(chown("mine", 1001, -1), EPERM);
	FAILS(chown("mine", -1, 0), EPERM);		/* not one of its groups */
	WORKS(chown("mine", 1000, 1000));
	WORKS(chown("mine", -1, -1));
	FAILS(chmod("rootrw", 0777), EPERM);
	FAILS(chmod("sticky", 0777), EPERM);
	WORKS(chmod("mine", 0600));
	EQ(mode_of("mine"), S_IFREG | 0600);
	WORKS(chmod("mine", 02755));			/* its own group: set-group-ID kept */
	EQ(mode_of("mine"), S_IFREG | 02755);
	/* utimensat: "now" needs write permission, explicit times need ownership. */
	WORKS(utimensat(AT_FDCWD, "rootrw", NULL, 0));
	WORKS(utimensat(AT_FDCWD, "rootrw", now2, 0));
	FAILS(utimensat(AT_FDCWD, "rootrw", ts, 0), EPERM);
	FAILS(utimensat(AT_FDCWD, "rootro", NULL, 0), EACCES);
	FAILS(utimensat(AT_FDCWD, "rootro", ts, 0), EPERM);
	WORKS(utimensat(AT_FDCWD, "minero", ts, 0));	/* the owner, read-only or not */
	WORKS(utimensat(AT_FDCWD, "minero", NULL, 0));
	/* A write takes set-user-ID and set-group-ID away. */
	put_file("suid", "", 0755);
	WORKS(chmod("suid", 06755));
	EQ(mode_of("suid"), S_IFREG | 06755);
	fd = open("suid", O_WRONLY);
	EQ(write(fd, "abc", 3), 3);
	close(fd);
	EQ(mode_of("suid"), S_IFREG | 0755);
	WORKS(chmod("suid", 06755));
	WORKS(truncate("suid", 1));			/* and so does a truncate */
	EQ(mode_of("suid"), S_IFREG | 0755);
	WORKS(chmod("suid", 04755));
	WORKS(chown("suid", -1, 1000));			/* and chown, even to the same ids */
	EQ(mode_of("suid"), S_IFREG | 0755);
	FAILS(syscall(SYS_faccessat2, AT_FDCWD, "root600", R_OK, AT_EACCESS), EACCES);
}

/* Real uid 1000, effective uid 0 (a set-user-ID root program): access() asks for the user. */
static void as_setuid_root(void)
{
	FAILS(access("root600", R_OK), EACCES);
	FAILS(access("closed/x", F_OK), EACCES);
	WORKS(syscall(SYS_faccessat2, AT_FDCWD, "root600", R_OK, AT_EACCESS));
	WORKS(syscall(SYS_faccessat2, AT_FDCWD, "closed/x", F_OK, AT_EACCESS));
	WORKS(access("rootrw", W_OK));
	WORKS(access("mine", R_OK));
}

/* Run fn in a child with the given ids; its checks print through the shared counters. */
static void in_child(void (*fn)(void), uid_t ruid, uid_t euid)
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
		if (become(ruid, euid) == 0)
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

int main(void)
{
	enter_tmp("perm");
	if (geteuid() != 0) {
		printf("Bail out! must start as root\n");
		return 1;
	}
	chmod(t_base, 0777);
	build_tree();
	in_child(as_user, 1000, 1000);
	in_child(as_setuid_root, 1000, 0);
	EQ(S_ISFIFO(mode_of("fifo")), 1);
	return finish("files_perm");
}
