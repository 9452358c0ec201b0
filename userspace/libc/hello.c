/*
 * A plain C program against the C library (glibc, linked -static): not written for Ferry at
 * all. Its startup is what a Linux binary really does before main: thread-local storage
 * (x86_64 arch_prctl(ARCH_SET_FS), i386 set_thread_area + a %gs selector, arm64 TPIDR_EL0
 * from user space), RELRO with mprotect, brk for malloc, probing syscalls Ferry lacks
 * (rseq, set_robust_list: -ENOSYS, which glibc accepts). Exits with 7 so a test can tell
 * main ran to the end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <time.h>

static __thread int tls_counter = 40;	/* lives in the TLS block the startup set up */

int main(int argc, char **argv)
{
	struct utsname u;
	struct timespec ts;
	char *p = malloc(100000);

	if (!p)
		return 1;
	memset(p, 1, 100000);
	tls_counter += 2;
	uname(&u);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	printf("hello from glibc: pid %d, %s %s, argv[0]=%s, tls %d, heap ok %d\n", getpid(),
	       u.sysname, u.machine, argv[0], tls_counter, p[99999] == 1);
	free(p);
	return 7;
}
