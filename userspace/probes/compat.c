/*
 * Compat entry points: where a 32-bit ABI lays an argument or a structure out differently,
 * the kernel must read and write the 32-bit layout (the .tbl's compat column, issue 10).
 * Each check holds on every ABI and on Linux, and fails on a kernel that runs the native
 * body for a 32-bit call:
 *   - lseek(fd, -1, SEEK_END) is one byte before the end: the offset register is signed
 *     (compat_sys_lseek); zero-extended it would be 4 GiB past the end;
 *   - gettimeofday writes exactly the ABI's struct timeval (8 bytes on i386 and arm,
 *     compat_sys_gettimeofday), time() exactly its time_t (4 bytes: sys_time32 on i386),
 *     sysinfo exactly its struct sysinfo (64 bytes for 32-bit ABIs, compat_sys_sysinfo):
 *     a canary after each must survive, and the figures must make sense;
 *   - x86_64: the same calls through int $0x80 (the i386 table from 64-bit code), with
 *     garbage in the upper halves of the registers, which the compat wrapper must drop;
 *     and arch_prctl through int $0x80 is -EINVAL (compat_sys_arch_prctl: no FS base for
 *     32-bit code), while the native one answers ARCH_GET_FS.
 */
#include <ferry/probe.h>
#include <ferry/linux_types.h>
#include <stdint.h>

#define SEEK_SET	0
#define SEEK_END	2
#define AT_FDCWD	-100
#define EINVAL		22
#define CANARY		0xa5

struct timeval_abi {		/* the ABI's struct timeval: two longs */
	long tv_sec, tv_usec;
};


static long open_self(const char *path)
{
#if defined(__NR_open)
	return sys(open, path, 0, 0);
#else
	return sys(openat, AT_FDCWD, path, 0, 0);
#endif
}

/* Bytes at p[from, to) all still CANARY. */
static int untouched(const unsigned char *p, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (p[i] != CANARY)
			return 0;
	return 1;
}

static void check_lseek(long (*seek)(long fd, long off, long whence), const char *how,
			const char *path)
{
	long fd = open_self(path), size, r;

	if (fd < 0) {
		ktap_result(0, "%s: open %s = %ld", how, path, fd);
		return;
	}
	size = seek(fd, 0, SEEK_END);
	r = seek(fd, -1, SEEK_END);
	ktap_result(size > 1 && r == size - 1, "%s: lseek(fd, -1, SEEK_END) = %ld (size %ld)",
		    how, r, size);
	sys(close, fd);
}

static void check_time(long (*gtod)(void *tv, void *tz), long (*tm)(void *t), size_t tv_size,
		       size_t t_size, const char *how)
{
	unsigned char buf[32];
	long r, sec, usec, t;

	memset(buf, CANARY, sizeof(buf));
	r = gtod(buf, 0);
	if (tv_size == 8) {
		sec = ((int32_t *)buf)[0];
		usec = ((int32_t *)buf)[1];
	} else {
		sec = ((int64_t *)buf)[0];
		usec = ((int64_t *)buf)[1];
	}
	ktap_result(r == 0 && sec >= 0 && usec >= 0 && usec < 1000000 &&
		    untouched(buf, tv_size, sizeof(buf)),
		    "%s: gettimeofday writes its %zu-byte timeval (sec %ld, usec %ld), nothing after",
		    how, tv_size, sec, usec);

	if (!tm)
		return;
	memset(buf, CANARY, sizeof(buf));
	r = tm(buf);
	t = t_size == 4 ? ((int32_t *)buf)[0] : (long)((int64_t *)buf)[0];
	ktap_result(r >= 0 && r == t && untouched(buf, t_size, sizeof(buf)),
		    "%s: time(&t) = t = %ld, %zu bytes written", how, r, t_size);
}

static void check_sysinfo(long (*si)(void *info), size_t size, int bits, const char *how)
{
	unsigned char buf[160];
	unsigned long total, freeram, unit;
	long r;

	memset(buf, CANARY, sizeof(buf));
	r = si(buf);
	if (bits == 32) {
		total = ((uint32_t *)buf)[4];
		freeram = ((uint32_t *)buf)[5];
		unit = ((uint32_t *)buf)[13];
	} else {
		total = ((uint64_t *)buf)[4];
		freeram = ((uint64_t *)buf)[5];
		unit = ((uint32_t *)buf)[26];
	}
	/*
	 * Not init: qemu-user on a host. Its 32-bit sysinfo is the host's 64-bit one cut to 32
	 * bits with mem_unit left at 1 (Linux's compat sysinfo switches to mem_unit = PAGE_SIZE
	 * when a value does not fit), so on a host with more than 4 GiB "free" may come out above "total".
	 */
	if (bits == 32 && r == 0 && freeram > total && sys(getpid) != 1) {
		ktap_result(1, "%s: sysinfo # SKIP qemu-user cut the host's 64-bit sizes to 32 bits "
			    "(totalram %lu, freeram %lu)", how, total, freeram);
		return;
	}
	ktap_result(r == 0 && total && freeram <= total && (unit == 1 || unit == 4096) &&
		    (unsigned long long)total * unit >= (16ULL << 20) &&
		    untouched(buf, size, sizeof(buf)),
		    "%s: sysinfo fills its %zu-byte struct (totalram %lu x %lu), nothing after",
		    how, size, total, unit);
}

/* The program's own ABI, through its usual syscall instruction. */
static long own_seek(long fd, long off, long whence) { return sys(lseek, fd, off, whence); }
static long own_gtod(void *tv, void *tz) { return sys(gettimeofday, tv, tz); }
#if defined(__NR_time)
#define TIME_CHECKS 1
static long own_time(void *t) { return sys(time, t); }
#else
#define TIME_CHECKS 0		/* asm-generic and arm EABI have no time(2) */
#define own_time NULL
#endif
static long own_sysinfo(void *info) { return sys(sysinfo, info); }

#if defined(__x86_64__)
/* int $0x80 from 64-bit code: the i386 table, args in ebx ecx edx (here at most three). */
static long int80(long nr, long a, long b, long c)
{
	long ret;

	__asm__ __volatile__("int $0x80"
			     : "=a"(ret)
			     : "a"(nr), "b"(a), "c"(b), "d"(c)
			     : "memory", "r8", "r9", "r10", "r11");
	return (int)ret;	/* EAX: a 32-bit result */
}
#define I386_LSEEK		19
#define I386_GETTIMEOFDAY	78
#define I386_SYSINFO		116
#define I386_TIME		13
#define I386_ARCH_PRCTL		384
#define ARCH_GET_FS		0x1003
#define GARBAGE			0x5a5a5a5a00000000L	/* in the upper halves: must be dropped */

static long i386_seek(long fd, long off, long whence)
{
	return int80(I386_LSEEK, fd | GARBAGE, (uint32_t)off | GARBAGE, whence | GARBAGE);
}

/*
 * Buffers on the stack are above 4 GiB: the i386 calls write to one below (in the program's
 * .bss), filled with the canary first and copied to the caller's buffer after.
 */
static unsigned char low[256] __attribute__((aligned(16)));

static long i386_gtod(void *tv, void *tz)
{
	long r;

	memset(low, CANARY, sizeof(low));
	r = int80(I386_GETTIMEOFDAY, (long)low, 0, 0);

	memcpy(tv, low, 32);
	return r;
}

static long i386_time(void *t)
{
	long r;

	memset(low, CANARY, sizeof(low));
	r = int80(I386_TIME, (long)low, 0, 0);

	memcpy(t, low, 32);
	return r;
}

static long i386_sysinfo(void *info)
{
	long r;

	memset(low, CANARY, sizeof(low));
	r = int80(I386_SYSINFO, (long)low, 0, 0);

	memcpy(info, low, 160);
	return r;
}
#endif

#if defined(__x86_64__)
#define INT80_CHECKS 5
#else
#define INT80_CHECKS 0
#endif

int main(int argc, char **argv)
{
	int bits = sizeof(long) * 8;

	ktap_plan(3 + TIME_CHECKS + INT80_CHECKS);
	check_lseek(own_seek, "own ABI", argv[0]);
	check_time(own_gtod, own_time, 2 * sizeof(long), sizeof(long), "own ABI");
	check_sysinfo(own_sysinfo, sizeof(struct sysinfo), bits, "own ABI");
#if defined(__x86_64__)
	check_lseek(i386_seek, "int80 from 64-bit", argv[0]);
	check_time(i386_gtod, i386_time, 8, 4, "int80 from 64-bit");
	check_sysinfo(i386_sysinfo, 64, 32, "int80 from 64-bit");
	{
		unsigned long fs = 1;
		long native = sys(arch_prctl, ARCH_GET_FS, &fs);
		long compat = int80(I386_ARCH_PRCTL, ARCH_GET_FS, (long)low, 0);

		ktap_result(native == 0 && compat == -EINVAL,
			    "arch_prctl(ARCH_GET_FS): native %ld, int80 from 64-bit %ld (-EINVAL)",
			    native, compat);
	}
#endif
	return ktap_finish();
}
