/*
 * A tiny KTAP producer for host-side unit tests of generic kernel code. Each test binary
 * prints "KTAP version 1", a plan, and one "ok N name" / "not ok N name" line per case;
 * scripts/check.py reads them. Cases are registered with TEST(name) and run in file order.
 */
#ifndef TESTS_UNIT_KTAP_H
#define TESTS_UNIT_KTAP_H

#include <stdio.h>
#include <stdlib.h>
#include <setjmp.h>

struct unit_case {
	const char *name;
	void (*fn)(void);
};

#define MAX_CASES 256
extern struct unit_case unit_cases[MAX_CASES];
extern int unit_ncases, unit_failed_now;

#define TEST(name)							\
	static void test_##name(void);					\
	__attribute__((constructor)) static void reg_##name(void)	\
	{								\
		unit_cases[unit_ncases++] = (struct unit_case){ #name, test_##name }; \
	}								\
	static void test_##name(void)

#define EXPECT(cond) do {						\
	if (!(cond)) {							\
		printf("    # %s:%d: expected %s\n", __FILE__, __LINE__, #cond); \
		unit_failed_now = 1;					\
	}								\
} while (0)

#define EXPECT_EQ(a, b) do {						\
	long long __a = (long long)(a), __b = (long long)(b);		\
	if (__a != __b) {						\
		printf("    # %s:%d: expected %s == %s (%lld != %lld)\n",	\
		       __FILE__, __LINE__, #a, #b, __a, __b);		\
		unit_failed_now = 1;					\
	}								\
} while (0)

#define EXPECT_STR(a, b) do {						\
	const char *__a = (a), *__b = (b);				\
	if (!__a || strcmp(__a, __b)) {					\
		printf("    # %s:%d: expected \"%s\", got \"%s\"\n",	\
		       __FILE__, __LINE__, __b, __a ? __a : "(null)");	\
		unit_failed_now = 1;					\
	}								\
} while (0)

/* panic() in code under test longjmps here when a test expects it. */
extern jmp_buf *unit_panic_jmp;
extern char unit_panic_msg[256];

#define EXPECT_PANIC(stmt) do {						\
	jmp_buf __jb;							\
	unit_panic_jmp = &__jb;						\
	if (!setjmp(__jb)) {						\
		stmt;							\
		printf("    # %s:%d: expected a panic from %s\n", __FILE__, __LINE__, #stmt); \
		unit_failed_now = 1;					\
	}								\
	unit_panic_jmp = NULL;						\
} while (0)

#endif
