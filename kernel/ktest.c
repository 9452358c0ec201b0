// SPDX-License-Identifier: GPL-2.0
/*
 * ktest: runs the KTEST() cases linked into the kernel and prints KTAP version 1, one
 * subtest per suite (the format Linux's KUnit prints, so its parsers read ours):
 *
 *   KTAP version 1
 *   1..2
 *       KTAP version 1
 *       # Subtest: mm
 *       1..3
 *       ok 1 pages_alloc_free_restores_count
 *       ...
 *   ok 1 mm
 */
#include <linux/ktest.h>
#include <linux/string.h>

extern const struct ktest __ktest_start[], __ktest_end[];

static bool suite_selected(const char *suite, const char *filter)
{
	size_t n = strlen(suite);

	if (!filter || !*filter || !strcmp(filter, "all"))
		return true;
	for (const char *p = filter; p; p = strchr(p, ',')) {
		if (*p == ',')
			p++;
		if (!strncmp(p, suite, n) && (p[n] == ',' || p[n] == '\0'))
			return true;
	}
	return false;
}

/* Suites are the runs of equal 'suite' names in the table (one file = one suite). */
static const struct ktest *suite_end(const struct ktest *t)
{
	const struct ktest *e = t;

	while (e < __ktest_end && !strcmp(e->suite, t->suite))
		e++;
	return e;
}

int ktest_run_all(const char *filter)
{
	int nsuites = 0, suite_no = 0, failed_total = 0, passed_total = 0;

	for (const struct ktest *t = __ktest_start; t < __ktest_end; t = suite_end(t))
		if (suite_selected(t->suite, filter))
			nsuites++;

	printk(KERN_NOTICE "KTAP version 1\n1..%d\n", nsuites);
	for (const struct ktest *t = __ktest_start; t < __ktest_end;) {
		const struct ktest *end = suite_end(t);
		int n = 0, failed = 0;

		if (!suite_selected(t->suite, filter)) {
			t = end;
			continue;
		}
		printk(KERN_NOTICE "    KTAP version 1\n    # Subtest: %s\n    1..%d\n",
		       t->suite, (int)(end - t));
		for (const struct ktest *c = t; c < end; c++) {
			struct ktest_ctx ctx = { c->name, 0, 0 };

			c->run(&ctx);
			n++;
			failed += ctx.failed;
			if (ctx.failed)
				failed_total++;
			else
				passed_total++;
			printk(KERN_NOTICE "    %sok %d %s%s\n", ctx.failed ? "not " : "", n,
			       c->name, ctx.skipped ? " # SKIP" : "");
		}
		printk(KERN_NOTICE "%sok %d %s\n", failed ? "not " : "", ++suite_no, t->suite);
		t = end;
	}
	printk(KERN_NOTICE "# ktest: %d passed, %d failed\n", passed_total, failed_total);
	return failed_total;
}
