// SPDX-License-Identifier: GPL-2.0
/*
 * Captures that a call's name decides, where the SYSCALL_DEFINE metadata cannot: an
 * argument typed as an integer that is a pointer to memory whose type depends on another
 * argument (ioctl's arg by request, prctl's arg2 by option), a pointer the command may not
 * use as one (futex's utime is an integer for FUTEX_WAKE and the requeues), i386 clone's tls
 * (a user_desc pointer only with CLONE_SETTLS), the 32-bit wait4's compat_uptr_t
 * pointers, and clone3's clone_args (a non-const pointer the call reads). capture.c's plan_one() asks trace_plan_call_rules() first for every argument;
 * the run-time test (trace_call_rule_size) is only reached by these few calls' captures.
 *
 * Request, option and command numbers are the same on all four ABIs (asm-generic's ioctls;
 * x86 and arm use them unchanged), so one table serves every ABI.
 */
#include <linux/kernel.h>
#include <linux/sched.h>	/* trace.h's inline ring writer: smp_processor_id() */
#include <linux/string.h>
#include <linux/syscalls.h>
#include "trace.h"

#define FUTEX_CMD_MASK		0x7f	/* without FUTEX_PRIVATE_FLAG, FUTEX_CLOCK_REALTIME */
#define PR_SET_NAME		15
#define PR_GET_NAME		16
#define TASK_COMM_BYTES		16
#define CLONE_SETTLS		0x00080000

/* ioctl requests whose argument is a structure or an int, with its size and direction. */
static const struct {
	u32 request;
	u16 size;
	bool out;		/* written by the call (taken at exit), else read (entry) */
} ioctl_args[] = {
	{ 0x5401,     36, true },	/* TCGETS: struct termios */
	{ 0x5402,     36, false },	/* TCSETS */
	{ 0x5403,     36, false },	/* TCSETSW */
	{ 0x5404,     36, false },	/* TCSETSF */
	{ 0x540f,      4, true },	/* TIOCGPGRP: pid_t */
	{ 0x5410,      4, false },	/* TIOCSPGRP */
	{ 0x5413,      8, true },	/* TIOCGWINSZ: struct winsize */
	{ 0x5414,      8, false },	/* TIOCSWINSZ */
	{ 0x541b,      4, true },	/* FIONREAD: int */
	{ 0x5421,      4, false },	/* FIONBIO: int */
	{ 0x5429,      4, true },	/* TIOCGSID: pid_t */
	{ 0x80045430,  4, true },	/* TIOCGPTN: unsigned int */
};

/* Futex commands whose fourth argument is a timeout (the others pass val2 there). */
static bool futex_waits(u32 op)
{
	switch (op & FUTEX_CMD_MASK) {
	case 0:		/* FUTEX_WAIT */
	case 6:		/* FUTEX_LOCK_PI */
	case 9:		/* FUTEX_WAIT_BITSET */
	case 11:	/* FUTEX_WAIT_REQUEUE_PI */
	case 13:	/* FUTEX_LOCK_PI2 */
		return true;
	}
	return false;
}

/*
 * The rules, by the name the SYSCALL_DEFINE gave (compat bodies keep the native name) and
 * argument: kind, length rule (CAPLEN_CALL with its rule; CAPLEN_FIXED; CAPLEN_ARG with the
 * index of the byte-count argument in 'rule') and the type whose size it copies.
 * 'only_type': the rule applies only where the metadata spells the argument so (wait4's
 * native int * is the generic rules' business).
 */
static const struct call_rule {
	const char *call, *arg, *only_type;
	u8 kind, len, rule;
	const char *type;
} call_rules[] = {
	{ "ioctl", "arg", NULL, FTR_CAP_IN, CAPLEN_CALL, RULE_IOCTL_IN, NULL },
	{ "ioctl", "arg", NULL, FTR_CAP_OUT, CAPLEN_CALL, RULE_IOCTL_OUT, NULL },
	{ "prctl", "arg2", NULL, FTR_CAP_STRING, CAPLEN_CALL, RULE_PR_SET_NAME, NULL },
	{ "prctl", "arg2", NULL, FTR_CAP_OUT, CAPLEN_CALL, RULE_PR_GET_NAME, NULL },
	{ "futex", "utime", NULL, FTR_CAP_IN, CAPLEN_CALL, RULE_FUTEX_TIMEOUT,
	  "__kernel_timespec" },
	{ "futex_time32", "utime", NULL, FTR_CAP_IN, CAPLEN_CALL, RULE_FUTEX_TIMEOUT,
	  "old_timespec32" },
	{ "ia32_clone", "tls_val", NULL, FTR_CAP_IN, CAPLEN_CALL, RULE_CLONE_TLS, "user_desc" },
	/* clone3 reads its clone_args (size bytes: the struct grows by version) */
	{ "clone3", "uargs", NULL, FTR_CAP_IN, CAPLEN_ARG, 1, NULL },
	{ "wait4", "stat_addr", "compat_uptr_t", FTR_CAP_OUT, CAPLEN_FIXED, 0, "int" },
	{ "wait4", "ru", "compat_uptr_t", FTR_CAP_OUT, CAPLEN_FIXED, 0, "compat_rusage" },
	{ "waitid", "ru", "compat_uptr_t", FTR_CAP_OUT, CAPLEN_FIXED, 0, "compat_rusage" },
};

bool trace_plan_call_rules(const struct syscall_metadata *m, int i, unsigned int abi,
			   struct trace_cap *in, int *nin, struct trace_cap *out, int *nout)
{
	const char *call = trace_call_name(m);
	bool found = false;

	for (size_t r = 0; r < ARRAY_SIZE(call_rules); r++) {
		const struct call_rule *cr = &call_rules[r];
		int size = cr->type ? trace_type_size(cr->type, abi) : 0;
		bool exit = cr->kind == FTR_CAP_OUT;

		if (strcmp(cr->call, call) || strcmp(cr->arg, m->args[i]) ||
		    (cr->only_type && strcmp(cr->only_type, m->types[i])))
			continue;
		found = true;
		if (cr->type && !size)
			continue;	/* the type does not occur in this ABI */
		trace_add_cap(exit ? out : in, exit ? nout : nin, i, cr->kind, cr->len,
			      cr->len == CAPLEN_FIXED ? 0 : cr->rule, size);
	}
	return found;
}

u32 trace_call_rule_size(const struct trace_call *c, const struct trace_cap *k)
{
	switch (k->len_arg) {
	case RULE_IOCTL_IN:
	case RULE_IOCTL_OUT:
		for (size_t i = 0; i < ARRAY_SIZE(ioctl_args); i++)
			if (ioctl_args[i].request == (u32)c->args[1])
				return ioctl_args[i].out == (k->len_arg == RULE_IOCTL_OUT) ?
				       ioctl_args[i].size : 0;
		return 0;	/* a request we do not know: its argument stays an address */
	case RULE_FUTEX_TIMEOUT:
		return futex_waits(c->args[1]) ? k->size : 0;
	case RULE_CLONE_TLS:
		return c->args[0] & CLONE_SETTLS ? k->size : 0;
	case RULE_PR_SET_NAME:
		return (int)c->args[0] == PR_SET_NAME ? TASK_COMM_BYTES : 0;
	case RULE_PR_GET_NAME:
		return (int)c->args[0] == PR_GET_NAME ? TASK_COMM_BYTES : 0;
	}
	return 0;
}
