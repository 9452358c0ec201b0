/*
 * Example program (issue 14): file I/O the way ordinary programs do it, in a scratch
 * directory under /tmp — open/read/write/lseek/pread/pwrite/fstat/ftruncate, O_APPEND and
 * O_EXCL, rename and unlink with their errno, and stdio's three buffering modes seen from
 * the file's size (full: nothing reaches the file before fflush; line: each newline; none:
 * each call). KTAP; the same lines on every kernel and ABI (programs.sh compares them with
 * Linux 6.1); exits with the number of failures.
 */
#include "prog.h"
#include <fcntl.h>

static char path[128], path2[128];

static long long size_of(const char *p)
{
	struct stat st;

	return stat(p, &st) ? -1 : (long long)st.st_size;
}

static void raw_io(void)
{
	char buf[64] = "";
	struct stat st;
	int fd, r;

	fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0666);
	check(fd >= 0, "open(O_CREAT|O_EXCL) of a new file");
	errno = 0;
	r = open(path, O_RDWR | O_CREAT | O_EXCL, 0666);
	check(r < 0 && errno == EEXIST, "open(O_CREAT|O_EXCL) again: EEXIST");
	check(write(fd, "hello, world\n", 13) == 13, "write 13 bytes");
	check(write(fd, "second line\n", 12) == 12, "write 12 more");
	check(lseek(fd, 0, SEEK_CUR) == 25, "lseek(0, SEEK_CUR) = 25");
	check(lseek(fd, 7, SEEK_SET) == 7 && read(fd, buf, 5) == 5 && !memcmp(buf, "world", 5),
	      "lseek(7, SEEK_SET) then read 5: \"%.5s\"", buf);
	check(lseek(fd, -5, SEEK_END) == 20 && read(fd, buf, 64) == 5 && !memcmp(buf, "line\n", 5),
	      "lseek(-5, SEEK_END) = 20, read to the end: 5 bytes");
	check(read(fd, buf, 64) == 0, "read at the end of the file: 0");
	errno = 0;
	check(lseek(fd, -100, SEEK_SET) < 0 && errno == EINVAL, "lseek to a negative offset: EINVAL");
	check(pwrite(fd, "HELLO", 5, 0) == 5 && lseek(fd, 0, SEEK_CUR) == 25,
	      "pwrite at 0 leaves the offset at 25");
	memset(buf, 0, sizeof(buf));
	check(pread(fd, buf, 12, 0) == 12 && !strcmp(buf, "HELLO, world"), "pread: \"%s\"", buf);
	check(lseek(fd, 100, SEEK_SET) == 100 && write(fd, "!", 1) == 1 && size_of(path) == 101,
	      "a write past the end: size 101 (a hole)");
	check(pread(fd, buf, 4, 50) == 4 && !memcmp(buf, "\0\0\0\0", 4), "the hole reads as zeros");
	memset(&st, 0, sizeof(st));
	r = fstat(fd, &st);	/* apart: check()'s arguments are evaluated in no set order */
	check(r == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0644 &&
	      st.st_size == 101 && st.st_nlink == 1,
	      "fstat: regular, mode %03o under umask 022, size %lld, 1 link",
	      (unsigned)(st.st_mode & 0777), (long long)st.st_size);
	check(ftruncate(fd, 12) == 0 && size_of(path) == 12, "ftruncate to 12");
	close(fd);

	fd = open(path, O_WRONLY | O_APPEND);
	check(fd >= 0 && lseek(fd, 0, SEEK_SET) == 0 && write(fd, "+tail", 5) == 5 &&
	      size_of(path) == 17, "O_APPEND: a write after lseek(0) still lands at the end (17)");
	close(fd);
	fd = open(path, O_RDONLY);
	memset(buf, 0, sizeof(buf));
	check(read(fd, buf, 64) == 17 && !strcmp(buf, "HELLO, world+tail"), "content: \"%s\"", buf);
	errno = 0;
	check(write(fd, "x", 1) < 0 && errno == EBADF, "write to an O_RDONLY fd: EBADF");
	close(fd);

	check(rename(path, path2) == 0, "rename to a new name");
	errno = 0;
	check(open(path, O_RDONLY) < 0 && errno == ENOENT, "the old name: ENOENT");
	check(size_of(path2) == 17, "the new name has the 17 bytes");
	check(unlink(path2) == 0, "unlink");
	errno = 0;
	check(unlink(path2) < 0 && errno == ENOENT, "unlink again: ENOENT");
}

/* stdio: what the file holds (its size) after each call, per buffering mode. */
static void stdio_buffering(void)
{
	static char fullbuf[4096];
	char line[64];
	long long a, b, c;
	FILE *f;
	int lines = 0;

	f = fopen(path, "w");
	setvbuf(f, fullbuf, _IOFBF, sizeof(fullbuf));
	fprintf(f, "full %d\n", 1);
	fprintf(f, "full %d\n", 2);
	a = size_of(path);
	fflush(f);
	b = size_of(path);
	check(a == 0 && b == 14, "_IOFBF: size %lld before fflush, %lld after", a, b);
	fclose(f);

	f = fopen(path, "a");
	setvbuf(f, NULL, _IOLBF, 0);
	fputs("line", f);
	a = size_of(path);
	fputs(" three\n", f);
	b = size_of(path);
	check(a == 14 && b == 25, "_IOLBF: size %lld before the newline, %lld after", a, b);
	fclose(f);

	f = fopen(path, "a");
	setvbuf(f, NULL, _IONBF, 0);
	fputc('x', f);
	a = size_of(path);
	fputc('\n', f);
	b = size_of(path);
	check(a == 26 && b == 27, "_IONBF: each fputc reaches the file (%lld, %lld)", a, b);
	fclose(f);

	f = fopen(path, "r");
	while (fgets(line, sizeof(line), f))
		lines++;
	check(lines == 4, "fgets reads %d lines back", lines);
	c = fseek(f, 5, SEEK_SET) == 0 ? ftell(f) : -1;
	check(c == 5 && fgets(line, sizeof(line), f) && !strcmp(line, "1\n"),
	      "fseek(5) and ftell = %lld, then \"1\\n\"", c);
	fclose(f);
	check(unlink(path) == 0, "unlink the stdio file");
}

int main(void)
{
	const char *dir;

	prog_begin("prog_fileio: file I/O and stdio buffering");
	umask(022);
	dir = prog_scratch("fileio");
	snprintf(path, sizeof(path), "%s/data", dir);
	snprintf(path2, sizeof(path2), "%s/renamed", dir);
	raw_io();
	stdio_buffering();
	check(rmdir(dir) == 0, "rmdir the scratch directory (empty again)");
	return prog_end();
}
