/* Internal interfaces of the syscall tracer (kernel/trace/). */
#ifndef _KERNEL_TRACE_TRACE_H
#define _KERNEL_TRACE_TRACE_H

#include <linux/types.h>
#include <linux/syscall_trace.h>

struct task_struct;

/* Instructions per cycle-counter tick under -icount shift=0 (arch asm/timex.h may say). */
#include <asm/timex.h>
#ifndef ICOUNT_INSNS_PER_CYCLE
#define ICOUNT_INSNS_PER_CYCLE 1
#endif

struct trace_config {
	bool enabled;		/* trace= given, or prctl turned it on */
	bool all;		/* every task */
	bool icount;		/* trace.icount=1: the cycle counter counts instructions */
	char comms[128];	/* comm:a,b - trace tasks with these names */
	char names[256];	/* nr:write,getpid - only these syscalls */
};
extern struct trace_config trace_config;

#define TRACE_STR_MAX    64	/* bytes of a string argument copied from user memory */
#define TRACE_BUF_MAX    32	/* bytes of a buffer argument */
#define TRACE_VALUE_MAX  (4 * TRACE_STR_MAX + 8)

struct trace_arg {
	const char *kind;	/* int uint fd str buf ptr flags hex */
	bool truncated;
	bool at_exit;		/* an output buffer: decoded when the syscall returns */
	char value[TRACE_VALUE_MAX];
};

struct trace_call {
	bool active;
	const struct syscall_abi *abi;
	long nr;
	u8 route;
	unsigned long args[6];
	u64 ts, cycles;
	long ret;
	bool no_return;		/* exit, exit_group: the call never returns (strace's "= ?") */
	int nargs;		/* -1: no metadata, arguments not decoded */
	struct trace_arg dec[6];
};

bool trace_nr_selected(const struct syscall_abi *abi, long nr);
void trace_decode_entry(struct trace_call *c);
void trace_decode_exit(struct trace_call *c);

void trace_emit_header(void);
void trace_emit_syscall(struct trace_call *c);
void trace_emit_exit(struct task_struct *t, int code);	/* code: a wait status */

/* channel.c: a ring buffer in front of the arch channel. */
void trace_write_record(const char *line, size_t len);
void trace_flush(void);
u64 trace_dropped_total(void);
void trace_count_dropped(void);

#endif
