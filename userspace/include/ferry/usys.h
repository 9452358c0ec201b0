/*
 * Raw system calls for the probes, one inline-asm sequence per ABI (no libc).
 *
 *   sys(getpid)            -> the number comes from <asm/unistd.h>, generated from the same
 *   sys(write, 1, p, n)       .tbl file as the kernel's table, so they cannot disagree
 *
 * x86_64:  syscall;      nr in rax, args rdi rsi rdx r10 r8 r9; rcx and r11 are clobbered
 * i386:    int $0x80;    nr in eax, args ebx ecx edx esi edi ebp
 * arm64:   svc #0;       nr in x8,  args x0..x5; result in x0
 * arm:     svc #0;       nr in r7,  args r0..r5 (r6 for a seventh); result in r0; ARM or Thumb
 * Return values in -4095..-1 are -errno.
 */
#ifndef FERRY_USYS_H
#define FERRY_USYS_H

#include <asm/unistd.h>

#if defined(__x86_64__)
static inline long __sc6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ __volatile__("syscall"
			     : "=a"(ret)
			     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
			     : "rcx", "r11", "memory");
	return ret;
}
#elif defined(__i386__)
static inline long __sc6(long n, long a, long b, long c, long d, long e, long f)
{
	long ret, last[2] = { e, f };
	long *p = last;

	/*
	 * ebp may be the frame pointer, so it cannot be an operand: pass args 5 and 6 in
	 * memory, load them into edi and ebp around the int (edi is therefore in/out).
	 */
	__asm__ __volatile__("push %%ebp\n\t"
			     "mov 4(%%edi), %%ebp\n\t"
			     "mov 0(%%edi), %%edi\n\t"
			     "int $0x80\n\t"
			     "pop %%ebp"
			     : "=a"(ret), "+D"(p)
			     : "a"(n), "b"(a), "c"(b), "d"(c), "S"(d)
			     : "memory");
	return ret;
}
#elif defined(__aarch64__)
static inline long __sc6(long n, long a, long b, long c, long d, long e, long f)
{
	register long x8 __asm__("x8") = n;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;
	register long x5 __asm__("x5") = f;

	__asm__ __volatile__("svc #0"
			     : "+r"(x0)
			     : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
			     : "memory");
	return x0;
}
#elif defined(__arm__)
static inline long __sc6(long n, long a, long b, long c, long d, long e, long f)
{
	register long r0 __asm__("r0") = a;
	register long r1 __asm__("r1") = b;
	register long r2 __asm__("r2") = c;
	register long r3 __asm__("r3") = d;
	register long r4 __asm__("r4") = e;
	register long r5 __asm__("r5") = f;
#if defined(__thumb__)
	/*
	 * In Thumb code r7 is the frame pointer, so it cannot be an operand: keep it in ip
	 * across the svc and put the number in it only for the call.
	 */
	__asm__ __volatile__("mov ip, r7\n\t"
			     "mov r7, %1\n\t"
			     "svc #0\n\t"
			     "mov r7, ip"
			     : "+r"(r0)
			     : "r"(n), "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5)
			     : "ip", "memory");
#else
	register long r7 __asm__("r7") = n;

	__asm__ __volatile__("svc #0"
			     : "+r"(r0)
			     : "r"(r7), "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5)
			     : "memory");
#endif
	return r0;
}
#else
#error "unsupported ABI"
#endif

#define __sc_n(n, a, b, c, d, e, f, ...) \
	__sc6((n), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))
/* sys(name, args...): up to six arguments; missing ones are passed as 0. */
#define sys(name, ...) __sc_n(__NR_##name, ##__VA_ARGS__, 0, 0, 0, 0, 0, 0)
/* sysnr(number, args...): a raw number, for the bad-number tests. */
#define sysnr(nr, ...) __sc_n((nr), ##__VA_ARGS__, 0, 0, 0, 0, 0, 0)

#endif
