/*
 * Host-side harness for unit tests: runs the registered cases, prints KTAP, and stands in
 * for the few kernel services generic code calls (printk, panic).
 */
#include <stdarg.h>
#include <string.h>
#include "ktap.h"

struct unit_case unit_cases[MAX_CASES];
int unit_ncases, unit_failed_now;
jmp_buf *unit_panic_jmp;
char unit_panic_msg[256];

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(unit_panic_msg, sizeof(unit_panic_msg), fmt, ap);
	va_end(ap);
	if (unit_panic_jmp)
		longjmp(*unit_panic_jmp, 1);
	printf("    # unexpected panic: %s\n", unit_panic_msg);
	printf("not ok - crashed\n");
	exit(1);
}

int printk(const char *fmt, ...)
{
	return 0;	/* kernel log output is not part of what these tests check */
}

int main(int argc, char **argv)
{
	int failed = 0;

	printf("KTAP version 1\n1..%d\n", unit_ncases);
	for (int i = 0; i < unit_ncases; i++) {
		unit_failed_now = 0;
		unit_cases[i].fn();
		failed += unit_failed_now;
		printf("%sok %d %s\n", unit_failed_now ? "not " : "", i + 1, unit_cases[i].name);
		fflush(stdout);
	}
	return failed ? 1 : 0;
}
