/*
 * sparse_walks: what the session review found (/proc sizes and MADV_REMOVE looked at every
 * page address of an area, under the page-table lock: a huge, nearly empty mapping held the
 * CPU for minutes). Both must cost what is mapped: a 16 TiB PROT_NONE reservation (1 GiB on
 * the 32-bit ABIs) read through /proc/self/statm, and MADV_REMOVE over a 1 TiB shared file
 * mapping (1 GiB on 32-bit) with one page written. Before the fix, the statm read did not
 * finish within the boot test's timeout.
 */
#define _FILE_OFFSET_BITS 64
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>

/* <sys/mount.h> needs the kernel's asm/ headers, which the host lacks for i386. */
int mount(const char *source, const char *target, const char *type, unsigned long flags,
	  const void *data);

static int n, failed;

static void check(int ok, const char *what)
{
	n++;
	failed += !ok;
	printf("%sok %d %s\n", ok ? "" : "not ", n, what);
}

int main(void)
{
	unsigned long big = sizeof(long) == 8 ? 1UL << 44 : 1UL << 30;
	unsigned long file_len = sizeof(long) == 8 ? 1UL << 40 : 1UL << 30;
	char buf[256], path[64];
	ssize_t r;

	printf("KTAP version 1\n1..4\n");
	if (getpid() == 1) {		/* booted as init: mount what a distribution's init would */
		mkdir("/proc", 0555);
		mkdir("/tmp", 01777);
		mount("proc", "/proc", "proc", 0, NULL);
	}
	void *p = mmap(NULL, big, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	check(p != MAP_FAILED, "a huge PROT_NONE reservation");
	int fd = open("/proc/self/statm", O_RDONLY);
	r = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	buf[r > 0 ? r : 0] = 0;
	unsigned long size = 0;
	sscanf(buf, "%lu", &size);
	check(r > 0 && size >= big / 4096, "/proc/self/statm counts it, at once");
	close(fd);

	snprintf(path, sizeof(path), "/tmp/sparse_walks.%d", (int)getpid());
	int f = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	char *s = f >= 0 && ftruncate(f, file_len) == 0 ?
		mmap(NULL, file_len, PROT_READ | PROT_WRITE, MAP_SHARED, f, 0) : MAP_FAILED;
	int ok = s != MAP_FAILED;
	if (ok) {
		s[4096] = 1;
		ok = madvise(s, file_len, MADV_REMOVE) == 0;
	}
	check(ok, "MADV_REMOVE over a huge shared file mapping, at once");
	check(ok && s[4096] == 0, "the written page reads zero after MADV_REMOVE");
	if (f >= 0) {
		close(f);
		unlink(path);
	}
	printf("# sparse_walks: %d passed, %d failed\n", n - failed, failed);
	return failed != 0;
}
