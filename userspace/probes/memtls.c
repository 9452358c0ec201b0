/*
 * mprotect and thread-local storage, the two things a C library's static startup needs from
 * the kernel beyond plain syscalls (userspace/libc/hello.c is the real-world version):
 *   - mprotect: read-only pages stay readable; bad arguments give EINVAL / ENOMEM; a range
 *     made writable again takes writes;
 *   - x86_64: arch_prctl(ARCH_SET_FS) moves %fs:0, ARCH_GET_FS reads it back, a kernel
 *     address is refused (EPERM);
 *   - i386: set_thread_area(entry -1) picks a GDT slot (12-14), %gs then reaches the area,
 *     get_thread_area reads the slot back as it was set;
 *   - arm64: TPIDR_EL0, which user space sets itself, survives a syscall;
 *   - arm: the private call set_tls (0x0f0005) sets TPIDRURO, which user space can read
 *     but not write, and it survives a syscall; so does TPIDRURW, which user space sets.
 * Last, a write to a page made read-only must kill the probe with SIGSEGV (status 139).
 */
#include <ferry/probe.h>

#define PROT_READ	1
#define PROT_WRITE	2
#define MAP_PRIVATE	2
#define MAP_ANONYMOUS	0x20
#define EINVAL		22
#define ENOMEM		12
#define EPERM		1
#define EFAULT		14
#define PAGE		4096UL

static char *map_pages(unsigned long n)
{
#if defined(__i386__) || defined(__arm__)
	return (char *)sys(mmap2, 0, n * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			   -1, 0);
#else
	return (char *)sys(mmap, 0, n * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			   -1, 0);
#endif
}

static unsigned long tls_area[4] = { 0x1234567, 0x89abcdef, 0, 0 };

static void check_tls(void)
{
#if defined(__x86_64__)
	unsigned long fs_word, got = 0;

	ktap_result(sys(arch_prctl, 0x1002 /* ARCH_SET_FS */, tls_area) == 0,
		    "arch_prctl(ARCH_SET_FS, &area) = 0");
	__asm__ __volatile__("mov %%fs:0, %0" : "=r"(fs_word));
	ktap_result(fs_word == tls_area[0], "%%fs:0 reads the area (%#lx)", fs_word);
	sys(getpid);	/* a syscall in between must not lose it */
	__asm__ __volatile__("mov %%fs:8, %0" : "=r"(fs_word));
	ktap_result(fs_word == tls_area[1], "%%fs:8 after a syscall (%#lx)", fs_word);
	ktap_result(sys(arch_prctl, 0x1003 /* ARCH_GET_FS */, &got) == 0 &&
		    got == (unsigned long)tls_area, "ARCH_GET_FS returns it");
	ktap_result(sys(arch_prctl, 0x1002, 0xffffffff80000000UL) == -EPERM,
		    "ARCH_SET_FS to a kernel address -> -EPERM");
	ktap_result(sys(arch_prctl, 0x1003, 16) == -EFAULT, "ARCH_GET_FS to a bad pointer -> -EFAULT");
	ktap_result(sys(arch_prctl, 0x1234, 0) == -EINVAL, "unknown arch_prctl code -> -EINVAL");
#elif defined(__i386__)
	struct {
		unsigned int entry_number, base_addr, limit, flags;
	} d = { -1u, (unsigned int)tls_area, 0xfffff,
		1 /* seg_32bit */ | 1 << 4 /* limit_in_pages */ | 1 << 6 /* useable */ }, g;
	unsigned int gs_word;

	ktap_result(sys(set_thread_area, &d) == 0, "set_thread_area(entry -1) = 0");
	/* 12-14 on a 64-bit kernel (Ferry, x86_64 Linux); 6-8 on a 32-bit one. */
	ktap_result((d.entry_number >= 12 && d.entry_number <= 14) ||
		    (d.entry_number >= 6 && d.entry_number <= 8), "picked GDT slot %u",
		    d.entry_number);
	__asm__ __volatile__("movw %w0, %%gs" : : "r"(d.entry_number * 8 + 3));
	__asm__ __volatile__("movl %%gs:0, %0" : "=r"(gs_word));
	ktap_result(gs_word == tls_area[0], "%%gs:0 reads the area (%#x)", gs_word);
	sys(getpid);
	__asm__ __volatile__("movl %%gs:4, %0" : "=r"(gs_word));
	ktap_result(gs_word == tls_area[1], "%%gs:4 after a syscall (%#x)", gs_word);
	g.entry_number = d.entry_number;
	ktap_result(sys(get_thread_area, &g) == 0 && g.entry_number == d.entry_number &&
		    g.base_addr == d.base_addr && g.limit == d.limit && g.flags == d.flags,
		    "get_thread_area reads the slot back (base %#x limit %#x flags %#x)",
		    g.base_addr, g.limit, g.flags);
	d.entry_number = 11;
	ktap_result(sys(set_thread_area, &d) == -EINVAL, "slot 11 (not TLS) -> -EINVAL");
	ktap_result(sys(get_thread_area, &d) == -EINVAL, "get_thread_area(slot 11) -> -EINVAL");
	ktap_result(sys(set_thread_area, 16) == -EFAULT, "set_thread_area(bad pointer) -> -EFAULT");
#elif defined(__aarch64__)
	unsigned long v;

	__asm__ __volatile__("msr tpidr_el0, %0" : : "r"(tls_area));
	sys(getpid);
	__asm__ __volatile__("mrs %0, tpidr_el0" : "=r"(v));
	ktap_result(v == (unsigned long)tls_area, "TPIDR_EL0 survives a syscall");
#elif defined(__arm__)
	unsigned long ro, rw;

	ktap_result(sysnr(0x0f0005 /* __ARM_NR_set_tls */, tls_area) == 0, "set_tls(&area) = 0");
	__asm__ __volatile__("mrc p15, 0, %0, c13, c0, 3" : "=r"(ro));	/* TPIDRURO */
	ktap_result(ro == (unsigned long)tls_area, "TPIDRURO reads it (%#lx)", ro);
	__asm__ __volatile__("mcr p15, 0, %0, c13, c0, 2" : : "r"(&tls_area[2]));	/* TPIDRURW */
	sys(getpid);
	__asm__ __volatile__("mrc p15, 0, %0, c13, c0, 3" : "=r"(ro));
	__asm__ __volatile__("mrc p15, 0, %0, c13, c0, 2" : "=r"(rw));
	ktap_result(ro == (unsigned long)tls_area, "TPIDRURO survives a syscall");
	ktap_result(rw == (unsigned long)&tls_area[2], "TPIDRURW survives a syscall");
#endif
}

int main(void)
{
	char *p = map_pages(4);
	volatile char *ro;

#if defined(__x86_64__)
	ktap_plan(15);
#elif defined(__i386__)
	ktap_plan(16);
#elif defined(__arm__)
	ktap_plan(12);
#else
	ktap_plan(9);
#endif
	if ((long)p < 0 && (long)p > -4096) {
		ktap_result(0, "mmap failed: %ld", (long)p);
		return ktap_finish();
	}
	sys(munmap, p + 3 * PAGE, PAGE);	/* a hole right after the three pages */
	p[0] = 1, p[PAGE] = 2, p[2 * PAGE] = 3;
	ktap_result(sys(mprotect, p + PAGE, PAGE, PROT_READ) == 0, "mprotect(middle page, READ) = 0");
	ktap_result(p[PAGE] == 2, "the read-only page still reads");
	p[0] = 4, p[2 * PAGE] = 5;	/* the pages around it are still writable */
	ktap_result(p[0] == 4 && p[2 * PAGE] == 5, "its neighbours still take writes");
	ktap_result(sys(mprotect, p + 1, PAGE, PROT_READ) == -EINVAL, "unaligned start -> -EINVAL");
	ktap_result(sys(mprotect, p, PAGE, 0x100) == -EINVAL, "unknown prot bit -> -EINVAL");
	ktap_result(sys(mprotect, p + 3 * PAGE, PAGE, PROT_READ) == -ENOMEM,
		    "a range over an unmapped hole -> -ENOMEM");
	ktap_result(sys(mprotect, (char *)0 - 2 * PAGE, PAGE, PROT_READ) == -ENOMEM,
		    "a range in the kernel's half -> -ENOMEM");
	ktap_result(sys(mprotect, p, 3 * PAGE, PROT_READ | PROT_WRITE) == 0,
		    "whole range back to READ|WRITE = 0");
	p[PAGE] = 6;
	check_tls();
	if (ktap_finish())
		return 1;
	/* Finally the protection must hold: this write is the probe's end. */
	sys(mprotect, p + PAGE, PAGE, PROT_READ);
	ro = p + PAGE;
	printf("memtls: writing to the read-only page (expect SIGSEGV)\n");
	*ro = 7;
	printf("memtls: the write went through\n");
	return 2;
}
