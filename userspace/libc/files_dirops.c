/*
 * files_dirops: the calls that change directories, with Linux's errno for each refusal:
 * mkdir/mkdirat, mknod/mknodat (regular, FIFO, device), unlink/unlinkat/rmdir (AT_REMOVEDIR,
 * ENOTEMPTY, EISDIR, ".", ".." and mount points), rename/renameat2 (replacing rules,
 * RENAME_NOREPLACE, RENAME_EXCHANGE, a directory into itself, EXDEV), link/linkat
 * (AT_SYMLINK_FOLLOW, directories), symlink/symlinkat. Run as root, in its own directory
 * under /tmp, with a small tmpfs mounted inside it for the cross-mount rules.
 * KTAP; exits 1 if any check failed.
 */
#include "files_check.h"
/* sys/mount.h would pull in linux/mount.h, whose asm/ headers the host lacks for i386. */
int mount(const char *src, const char *dst, const char *type, unsigned long flags,
	  const void *data);
int umount2(const char *target, int flags);
#include <sys/sysmacros.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#define RENAME_EXCHANGE  (1 << 1)
#endif

static long renameat2_(int od, const char *o, int nd, const char *n, unsigned int flags)
{
	return syscall(SYS_renameat2, od, o, nd, n, flags);
}

static void read_back(const char *p, const char *want)
{
	char buf[64] = "";
	int fd = open(p, O_RDONLY);
	ssize_t r = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	check(r >= 0 && !strcmp(buf, want), p, r, (long)strlen(want));
}

static void test_mkdir(void)
{
	char longname[300];
	int dfd, ffd;

	WORKS(mkdir("d", 0777));
	EQ(mode_of("d"), S_IFDIR | 0755);		/* umask 022 */
	FAILS(mkdir("d", 0755), EEXIST);
	FAILS(mkdir("nope/x", 0755), ENOENT);
	put_file("f", "file", 0644);
	FAILS(mkdir("f", 0755), EEXIST);
	FAILS(mkdir("f/x", 0755), ENOTDIR);
	WORKS(mkdir("d2/", 0700));
	EQ(mode_of("d2"), S_IFDIR | 0700);
	WORKS(mkdir("v", 01777));
	EQ(mode_of("v"), S_IFDIR | 01755);
	FAILS(mkdir(".", 0755), EEXIST);
	FAILS(mkdir("d/..", 0755), EEXIST);
	FAILS(mkdir("", 0755), ENOENT);
	memset(longname, 'n', 256);
	longname[256] = 0;
	FAILS(mkdir(longname, 0755), ENAMETOOLONG);
	longname[255] = 0;
	WORKS(mkdir(longname, 0755));
	WORKS(rmdir(longname));
	FAILS(syscall(SYS_mkdirat, AT_FDCWD, (char *)8, 0755), EFAULT);
	dfd = open("d", O_RDONLY | O_DIRECTORY);
	WORKS(mkdirat(dfd, "sub", 0755));
	EQ(S_ISDIR(mode_of("d/sub")), 1);
	ffd = open("f", O_RDONLY);
	FAILS(mkdirat(ffd, "x", 0755), ENOTDIR);
	FAILS(mkdirat(99, "x", 0755), EBADF);
	WORKS(mkdirat(ffd, "/tmp/../" "tmp", 0755) == -1 && errno == EEXIST ? 0 : -1);
	close(dfd);
	close(ffd);
}

static void test_mknod(void)
{
	struct stat st;

	WORKS(mknod("fifo", S_IFIFO | 0644, 0));
	EQ(mode_of("fifo"), S_IFIFO | 0644);
	WORKS(mknod("reg", S_IFREG | 0600, 0));
	EQ(mode_of("reg"), S_IFREG | 0600);
	WORKS(mknod("reg0", 0644, 0));			/* no type: a regular file */
	EQ(mode_of("reg0"), S_IFREG | 0644);
	WORKS(mknod("chr", S_IFCHR | 0600, makedev(1, 3)));
	st.st_rdev = 0;
	stat("chr", &st);
	EQ(S_ISCHR(st.st_mode), 1);
	EQ(major(st.st_rdev), 1);
	EQ(minor(st.st_rdev), 3);
	WORKS(mknod("blk", S_IFBLK | 0600, makedev(7, 0)));
	EQ(S_ISBLK(mode_of("blk")), 1);
	FAILS(mknod("dir", S_IFDIR | 0755, 0), EPERM);
	FAILS(mknod("bad", 0170000 | 0644, 0), EINVAL);
	FAILS(mknod("fifo", S_IFIFO | 0644, 0), EEXIST);
	FAILS(mknod("nope/fifo", S_IFIFO | 0644, 0), ENOENT);
	FAILS(mknodat(AT_FDCWD, "f/x", S_IFIFO | 0644, 0), ENOTDIR);
}

static void test_unlink_rmdir(void)
{
	int fd;
	char buf[8] = "";
	struct stat st;

	FAILS(unlink("d"), EISDIR);
	FAILS(rmdir("f"), ENOTDIR);
	FAILS(rmdir("d"), ENOTEMPTY);			/* d/sub */
	FAILS(rmdir("."), EINVAL);
	FAILS(rmdir("d/."), EINVAL);
	FAILS(rmdir("d/.."), ENOTEMPTY);
	FAILS(rmdir("nope"), ENOENT);
	FAILS(unlink("nope"), ENOENT);
	FAILS(unlink("f/"), ENOTDIR);
	FAILS(unlink("f/x"), ENOTDIR);
	FAILS(unlinkat(AT_FDCWD, "f", AT_REMOVEDIR), ENOTDIR);
	FAILS(unlinkat(AT_FDCWD, "f", 1), EINVAL);
	FAILS(unlinkat(AT_FDCWD, "d", 0), EISDIR);
	WORKS(unlinkat(AT_FDCWD, "d/sub", AT_REMOVEDIR));
	WORKS(rmdir("d2/"));
	FAILS(access("d2", F_OK), ENOENT);
	/* An unlinked file stays readable through a descriptor, with no links. */
	put_file("gone", "kept", 0644);
	fd = open("gone", O_RDONLY);
	WORKS(unlink("gone"));
	FAILS(access("gone", F_OK), ENOENT);
	EQ(read(fd, buf, 4), 4);
	EQ(memcmp(buf, "kept", 4), 0);
	fstat(fd, &st);
	EQ(st.st_nlink, 0);
	close(fd);
	WORKS(unlink("fifo"));
	WORKS(unlink("chr"));
}

static void test_rename(void)
{
	ino_t fi;

	put_file("a", "A", 0644);
	put_file("b", "B", 0644);
	fi = ino_of("a");
	WORKS(rename("a", "b"));			/* replaces b */
	EQ(ino_of("b"), fi);
	FAILS(access("a", F_OK), ENOENT);
	read_back("b", "A");
	WORKS(rename("b", "b"));			/* the same file: nothing happens */
	EQ(ino_of("b"), fi);
	FAILS(rename("nope", "x"), ENOENT);
	FAILS(rename("b", "nope/x"), ENOENT);
	WORKS(mkdir("e", 0755));
	WORKS(mkdir("full", 0755));
	put_file("full/x", "x", 0644);
	FAILS(rename("b", "e"), EISDIR);
	FAILS(rename("e", "b"), ENOTDIR);
	FAILS(rename("e", "full"), ENOTEMPTY);
	FAILS(rename("e", "e/sub"), EINVAL);		/* into itself */
	WORKS(mkdir("e/in", 0755));
	FAILS(rename("e", "e/in/deeper"), EINVAL);
	FAILS(rename("e/in", "."), EBUSY);
	FAILS(rename(".", "x"), EBUSY);
	FAILS(rename("e/..", "x"), EBUSY);
	FAILS(rename("b/", "c"), ENOTDIR);
	WORKS(mkdir("empty", 0755));
	fi = ino_of("e");
	WORKS(rename("e", "empty"));			/* onto an empty directory */
	EQ(ino_of("empty"), fi);
	EQ(S_ISDIR(mode_of("empty/in")), 1);
	WORKS(rename("empty/", "e/"));
	/* renameat2 */
	put_file("c", "C", 0644);
	FAILS(renameat2_(AT_FDCWD, "b", AT_FDCWD, "c", RENAME_NOREPLACE), EEXIST);
	WORKS(renameat2_(AT_FDCWD, "c", AT_FDCWD, "c2", RENAME_NOREPLACE));
	read_back("c2", "C");
	fi = ino_of("b");
	WORKS(renameat2_(AT_FDCWD, "b", AT_FDCWD, "e", RENAME_EXCHANGE));
	EQ(ino_of("e"), fi);
	EQ(S_ISDIR(mode_of("b")), 1);
	EQ(S_ISDIR(mode_of("b/in")), 1);
	read_back("e", "A");
	FAILS(renameat2_(AT_FDCWD, "e", AT_FDCWD, "absent", RENAME_EXCHANGE), ENOENT);
	FAILS(renameat2_(AT_FDCWD, "e", AT_FDCWD, "c2", RENAME_EXCHANGE | RENAME_NOREPLACE), EINVAL);
	FAILS(renameat2_(AT_FDCWD, "e", AT_FDCWD, "c2", 0x80), EINVAL);
	FAILS(renameat2_(AT_FDCWD, "b", AT_FDCWD, "b/in", RENAME_EXCHANGE), EINVAL);
	WORKS(renameat(AT_FDCWD, "c2", AT_FDCWD, "b/in/c3"));
	read_back("b/in/c3", "C");
}

static void test_link_symlink(void)
{
	struct stat st;
	char buf[64];

	put_file("t", "T", 0644);
	WORKS(link("t", "t2"));
	stat("t", &st);
	EQ(st.st_nlink, 2);
	EQ(ino_of("t2"), ino_of("t"));
	FAILS(link("t", "t2"), EEXIST);
	FAILS(link("nope", "t3"), ENOENT);
	FAILS(link("b", "b2"), EPERM);			/* a directory */
	FAILS(link("t", "nope/t3"), ENOENT);
	FAILS(link("t/", "t3"), ENOTDIR);
	WORKS(symlink("t", "s"));
	EQ(S_ISLNK(mode_of("s")), 1);
	lstat("s", &st);
	EQ(st.st_size, 1);
	memset(buf, 0, sizeof(buf));
	EQ(readlink("s", buf, sizeof(buf)), 1);
	EQ(buf[0], 't');
	WORKS(linkat(AT_FDCWD, "s", AT_FDCWD, "hs", 0));	/* the link itself */
	EQ(S_ISLNK(mode_of("hs")), 1);
	EQ(ino_of("hs"), ino_of("s"));
	WORKS(linkat(AT_FDCWD, "s", AT_FDCWD, "hf", AT_SYMLINK_FOLLOW));
	EQ(S_ISREG(mode_of("hf")), 1);
	EQ(ino_of("hf"), ino_of("t"));
	FAILS(linkat(AT_FDCWD, "s", AT_FDCWD, "hx", 0x2), EINVAL);
	FAILS(symlink("", "s0"), ENOENT);
	FAILS(symlink("t", "s"), EEXIST);
	FAILS(symlink("t", "nope/s"), ENOENT);
	WORKS(symlink("dangling/target", "dang"));
	FAILS(stat("dang", &st), ENOENT);
	WORKS(symlinkat("/", AT_FDCWD, "root"));
	WORKS(unlink("s"));				/* the link, not its target */
	EQ(S_ISREG(mode_of("t")), 1);
	WORKS(unlink("t2"));
	stat("t", &st);
	EQ(st.st_nlink, 2);				/* t and hf (hs links the symlink) */
	WORKS(unlink("hf"));
	stat("t", &st);
	EQ(st.st_nlink, 1);
	FAILS(rmdir("root"), ENOTDIR);
	FAILS(rmdir("root/"), ENOTDIR);
}

static void test_mounts(void)
{
	if (mkdir("m", 0755) || mount("none", "m", "tmpfs", 0, "size=1m")) {
		skip("cross-mount rules", "cannot mount a tmpfs");
		return;
	}
	put_file("m/inner", "I", 0644);
	FAILS(rename("t", "m/t"), EXDEV);
	FAILS(rename("m/inner", "inner"), EXDEV);
	FAILS(link("t", "m/t"), EXDEV);
	FAILS(rmdir("m"), EBUSY);
	FAILS(rename("m", "m2"), EBUSY);
	FAILS(rename("b/in", "m"), EBUSY);
	FAILS(renameat2_(AT_FDCWD, "m/inner", AT_FDCWD, "e", RENAME_EXCHANGE), EXDEV);
	WORKS(rename("m/inner", "m/inner2"));
	WORKS(symlink("m/inner2", "toinner"));
	read_back("toinner", "I");
	WORKS(umount2("m", 0));
	FAILS(access("m/inner2", F_OK), ENOENT);
	WORKS(rmdir("m"));
}

int main(void)
{
	enter_tmp("dirops");
	test_mkdir();
	test_mknod();
	test_unlink_rmdir();
	test_rename();
	test_link_symlink();
	test_mounts();
	return finish("files_dirops");
}
