/* KTAP output for probes: "ok N name" per check, so the boot tests can read the results. */
#include <ferry/probe.h>

static int number, failures;

void ktap_plan(int n)
{
	/*
	 * Written here, not first by the first result: a probe run with mm_selfcheck compares
	 * the kernel's pages in use at its first fork and at its exit, and a page of the
	 * probe's own first written after that fork would count as one the kernel kept.
	 */
	number = failures = 0;
	printf("KTAP version 1\n1..%d\n", n);
}

void ktap_result(int ok, const char *fmt, ...)
{
	char name[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	printf("%sok %d %s\n", ok ? "" : "not ", ++number, name);
	if (!ok)
		failures++;
}

int ktap_finish(void)
{
	printf("# %s: %d passed, %d failed\n", "probe", number - failures, failures);
	return failures;
}
