/*
 * ktest: in-kernel tests in KTAP form. KTEST(suite, name) { ... } registers a test in the
 * .ktest table; "ktest" on the command line (or ktest=SUITE) runs them after boot and powers
 * off with 0 when all passed, EXIT_TESTS_FAILED otherwise.
 */
#ifndef _LINUX_KTEST_H
#define _LINUX_KTEST_H

#include <linux/kernel.h>

struct ktest_ctx {
	const char *name;
	int failed;
	int skipped;
};

struct ktest {
	const char *suite;
	const char *name;
	void (*run)(struct ktest_ctx *t);
};

#define KTEST(suite, tname)							\
	static void ktest_##suite##_##tname(struct ktest_ctx *t);		\
	static const struct ktest __ktest_##suite##_##tname __used		\
		__section(".ktest") __aligned(8) =				\
		{ #suite, #tname, ktest_##suite##_##tname };			\
	static void ktest_##suite##_##tname(struct ktest_ctx *t)

#define KTEST_EXPECT(t, cond) do {						\
	if (!(cond)) {								\
		printk(KERN_ERR "    # %s:%d: expected %s\n",			\
		       __FILE__, __LINE__, #cond);				\
		(t)->failed = 1;						\
	}									\
} while (0)

#define KTEST_EXPECT_EQ(t, a, b) do {						\
	long long __a = (long long)(a), __b = (long long)(b);			\
	if (__a != __b) {							\
		printk(KERN_ERR "    # %s:%d: expected %s == %s (%lld != %lld)\n", \
		       __FILE__, __LINE__, #a, #b, __a, __b);			\
		(t)->failed = 1;						\
	}									\
} while (0)

#define KTEST_SKIP(t, why) do { (t)->skipped = 1; printk(KERN_INFO "    # SKIP %s\n", why); return; } while (0)

int ktest_run_all(const char *filter);

#endif
