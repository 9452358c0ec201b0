/*
 * KTAP helpers shared by the files_* glibc probes (dirops, attr, fcntl, perm): each check
 * prints one "ok"/"not ok" line naming what it tried, what came back and what Linux gives;
 * the probe builds its own tree in a fresh directory under /tmp and removes it at the end.
 */
#ifndef FILES_CHECK_H
#define FILES_CHECK_H
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64	/* stat of files past 2 GiB on the 32-bit ABIs */
#if defined(__i386__) && !__has_include(<asm/errno.h>)
/* The host's i386 glibc headers come without the kernel's asm/ (linux-libc-dev:i386 is not
 * installed): take the errno numbers from asm-generic, which is what asm/errno.h holds. */
#define _BITS_ERRNO_H 1
#include <asm-generic/errno.h>
#define _LINUX_STAT_H 1		/* sys/stat.h: glibc's own statx declarations instead */
#define I386_NO_ASM_UNISTD 1
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>
#include <sys/stat.h>
#ifdef I386_NO_ASM_UNISTD
/* sys/syscall.h needs asm/unistd.h: the i386 numbers these probes call (syscall_32.tbl). */
#define SYS_lchown		16
#define SYS_utime		30
#define SYS_fcntl		55
#define SYS_truncate		92
#define SYS_ftruncate		93
#define SYS_fchown		95
#define SYS_statfs		99
#define SYS_fstatfs		100
#define SYS_chown		182
#define SYS_truncate64		193
#define SYS_ftruncate64		194
#define SYS_lchown32		198
#define SYS_fchown32		207
#define SYS_chown32		212
#define SYS_fcntl64		221
#define SYS_statfs64		268
#define SYS_fstatfs64		269
#define SYS_utimes		271
#define SYS_mkdirat		296
#define SYS_fchownat		298
#define SYS_fchmodat		306
#define SYS_futimesat		299
#define SYS_faccessat		307
#define SYS_utimensat		320
#define SYS_dup3		330
#define SYS_syncfs		344
#define SYS_renameat2		353
#define SYS_utimensat_time64	412
#define SYS_close_range		436
#define SYS_faccessat2		439
#define SYS_setresuid32		208
#define SYS_setresgid32		210
#else
#include <sys/syscall.h>
#endif
#include <sys/types.h>

static int t_n, t_failed;

static void check(int ok, const char *what, long got, long want)
{
	printf("%sok %d %s (got %ld, want %ld)\n", ok ? "" : "not ", ++t_n, what, got, want);
	t_failed += !ok;
}

static __attribute__((unused)) void skip(const char *what, const char *why)
{
	printf("ok %d %s # SKIP %s\n", ++t_n, what, why);
}

/* A call that must fail with err: the result is -1 and errno is err. */
#define FAILS(call, err) do { \
	errno = 0; long r_ = (long)(call); int e_ = errno; \
	check(r_ == -1 && e_ == (err), #call " fails " #err, r_ == -1 ? -e_ : r_, -(err)); \
} while (0)
/* A call that must succeed (0 or more). */
#define WORKS(call) do { \
	errno = 0; long r_ = (long)(call); \
	check(r_ >= 0, #call " works", r_ < 0 ? -errno : r_, 0); \
} while (0)
#define EQ(a, b) do { long a_ = (long)(a), b_ = (long)(b); check(a_ == b_, #a " == " #b, a_, b_); } while (0)

static __attribute__((unused)) mode_t mode_of(const char *p)
{
	struct stat st;

	return lstat(p, &st) ? (mode_t)-1 : st.st_mode;
}

static __attribute__((unused)) ino_t ino_of(const char *p)
{
	struct stat st;

	return lstat(p, &st) ? 0 : st.st_ino;
}

static __attribute__((unused)) void put_file(const char *p, const char *data, mode_t mode)
{
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0 || write(fd, data, strlen(data)) != (ssize_t)strlen(data))
		printf("# cannot make %s: %s\n", p, strerror(errno));
	if (fd >= 0)
		close(fd);
}

static void remove_tree(const char *p)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char sub[4096];

	if (lstat(p, &st))
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(p);
		return;
	}
	chmod(p, 0700);
	d = opendir(p);
	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", p, e->d_name);
		remove_tree(sub);
	}
	if (d)
		closedir(d);
	rmdir(p);
}

/* A fresh directory under /tmp (made first on a bare root), entered: its path. */
static char t_base[64];

static void ktap_start(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("KTAP version 1\n");
	umask(022);
}

static __attribute__((unused)) const char *enter_tmp(const char *name)
{
	ktap_start();
	mkdir("/tmp", 01777);
	snprintf(t_base, sizeof(t_base), "/tmp/ferry-%s-XXXXXX", name);
	if (!mkdtemp(t_base) || chdir(t_base)) {
		printf("Bail out! no temporary directory: %s\n", strerror(errno));
		exit(1);
	}
	return t_base;
}

static int finish(const char *name)
{
	if (t_base[0] && chdir("/") == 0)
		remove_tree(t_base);
	printf("1..%d\n", t_n);
	printf("# %s: %d passed, %d failed\n", name, t_n - t_failed, t_failed);
	return t_failed ? 1 : 0;
}
#endif
