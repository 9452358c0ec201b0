// SPDX-License-Identifier: GPL-2.0
/*
 * The random kernel stack offset at syscall entry (linux/randomize_kstack.h): its per-CPU
 * state, the randomize_kstack_offset= boot switch, and the report a boot test reads.
 *
 * kstack_report on the command line (tests/boot/cases_kstack.py): pid 1 gets
 * SYSCALL_WORK_KSTACK_REPORT, so at each of its syscalls the slow entry path
 * (syscall_trace_enter, through syscall_enter_test_work) notes where its own frame sits on
 * the stack. Every KSTACK_SAMPLES
 * calls of one route it prints how many different places it saw, e.g.
 *     kstack offset: syscall64: 32 calls, 27 distinct stack pointers (offset on)
 * With the offset on that number is large; off, it is 1. Only the console sees the
 * addresses: user space learns nothing it could aim with.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/randomize_kstack.h>

/*
 * A false-by-default key that starts enabled when CONFIG_RANDOMIZE_KSTACK_OFFSET_DEFAULT says
 * so: jump_label_init() then turns its sites into jumps like those of any key set on the
 * command line. (Linux's DEFINE_STATIC_KEY_MAYBE makes a true key instead; one kind is
 * enough here.)
 */
struct static_key_false randomize_kstack_offset = {
	.key = { .enabled = IS_ENABLED(CONFIG_RANDOMIZE_KSTACK_OFFSET_DEFAULT) },
};
struct kstack_offset_slot kstack_offset[NR_CPUS];

/* randomize_kstack_offset=on|off (also 1|0, y|n), as Linux's early parameter. */
static int kstack_offset_param(char *val)
{
	if (!strcmp(val, "on") || !strcmp(val, "1") || !strcmp(val, "y"))
		static_branch_enable(&randomize_kstack_offset);
	else if (!strcmp(val, "off") || !strcmp(val, "0") || !strcmp(val, "n"))
		static_branch_disable(&randomize_kstack_offset);
	else
		pr_warn("randomize_kstack_offset: '%s' is not on or off: left %s\n", val,
			static_key_enabled(&randomize_kstack_offset) ? "on" : "off");
	return 0;
}
early_param("randomize_kstack_offset=", kstack_offset_param);

/* ---- the boot test's report ---------------------------------------------------------------- */
#define KSTACK_SAMPLES 32

static bool kstack_report_wanted;
static DEFINE_SPINLOCK(kstack_report_lock);	/* guards the samples below */
static unsigned long kstack_samples[NR_SYSCALL_ROUTES][KSTACK_SAMPLES];
static unsigned int kstack_nr_samples[NR_SYSCALL_ROUTES];

static const char *const route_names[NR_SYSCALL_ROUTES] = {
	[ROUTE_SYSCALL64] = "syscall64", [ROUTE_INT80] = "int80",
	[ROUTE_SYSENTER] = "sysenter", [ROUTE_SYSCALL32] = "syscall32",
	[ROUTE_SVC] = "svc", [ROUTE_SVC32] = "svc32",
};

static int kstack_report_setup(char *val)
{
	kstack_report_wanted = true;
	return 0;
}
__setup("kstack_report", kstack_report_setup);

/* init/user_init.c, for pid 1 before it execs init: arm the report if it was asked for. */
void kstack_report_arm(struct task_struct *t)
{
	if (kstack_report_wanted)
		t->thread_info.syscall_work |= SYSCALL_WORK_KSTACK_REPORT;
}

static unsigned int distinct(const unsigned long *v, unsigned int n)
{
	unsigned int count = 0;

	for (unsigned int i = 0; i < n; i++) {
		unsigned int j = 0;

		while (j < i && v[j] != v[i])
			j++;
		count += j == i;
	}
	return count;
}

/*
 * Called from syscall_enter_test_work (syscall_trace_enter's tail call), whose caller is the
 * entry function that took the offset:
 * this frame sits below it, so its address moves with the offset. noinline: a frame of its own.
 */
noinline void kstack_report_sample(void)
{
	unsigned long sp = (unsigned long)__builtin_frame_address(0);
	unsigned int route = current_thread_info()->syscall_route, n, d = 0;
	unsigned long flags;

	if (route >= NR_SYSCALL_ROUTES)
		return;
	spin_lock_irqsave(&kstack_report_lock, flags);
	n = kstack_nr_samples[route];
	kstack_samples[route][n++] = sp;
	if (n == KSTACK_SAMPLES) {
		d = distinct(kstack_samples[route], n);
		n = 0;
	}
	kstack_nr_samples[route] = n;
	spin_unlock_irqrestore(&kstack_report_lock, flags);
	if (d)
		pr_info("kstack offset: %s: %d calls, %u distinct stack pointers (offset %s)\n",
			route_names[route], KSTACK_SAMPLES, d,
			static_key_enabled(&randomize_kstack_offset) ? "on" : "off");
}
