/* Small helpers every kernel file wants, and the two ways to stop: panic() and die(). */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/printk.h>
#include <stdarg.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define ALIGN(x, a)       (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)  ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)  (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define DIV_ROUND_UP(n, d) (((n) + (d) - 1) / (d))

#define min(a, b) ((a) < (b) ? (a) : (b))
#define max(a, b) ((a) > (b) ? (a) : (b))

#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), "BUILD_BUG_ON: " #cond)

struct pt_regs;

void __noreturn __printf(1, 2) panic(const char *fmt, ...);
void __noreturn die(const char *what, struct pt_regs *regs, long err);
void dump_stack(void);	/* the calls that led here (lib/dump_stack.c) */

/* How far the boot is (init/main.c): checks that only hold once tasks can sleep look here. */
enum system_states {
	SYSTEM_BOOTING,		/* start_kernel before the first local_irq_enable() */
	SYSTEM_SCHEDULING,	/* interrupts on: a sleep can be woken */
};
extern enum system_states system_state;

#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)
#define BUG_ON(c) do { if (unlikely(c)) BUG(); } while (0)
#define WARN_ON(c) ({ int __w = !!(c); \
	if (unlikely(__w)) pr_warn("WARNING at %s:%d\n", __FILE__, __LINE__); \
	unlikely(__w); })

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int __printf(3, 4) snprintf(char *buf, size_t size, const char *fmt, ...);
int __printf(2, 3) sprintf(char *buf, const char *fmt, ...);
unsigned long long simple_strtoull(const char *s, char **end, unsigned int base);
long long simple_strtoll(const char *s, char **end, unsigned int base);
int kstrtoull(const char *s, unsigned int base, unsigned long long *res);
unsigned long long memparse(const char *s, char **end);

#endif
