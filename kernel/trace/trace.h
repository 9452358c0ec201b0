/*
 * Internal interfaces of the syscall tracer (kernel/trace/):
 *   ring.c          the per-CPU ring writer over the shared file, and its setup
 *   capture.c       capture plans (from SYSCALL_DEFINE metadata) and the copies they make
 *   syscall_trace.c the entry/exit hooks, the command line, who is traced
 *   events.c        fork, comm, exit and signal records
 *
 * The writers' rule: a record is written by the task it describes, in process context,
 * never from an interrupt (no hook runs in one), on the ring of the CPU it runs on. Ferry's
 * kernel code is not preempted (kernel/sched/core.c), so a writer owns its CPU's ring from
 * trace_ring_begin() to trace_ring_commit(), except while a user copy sleeps in a page
 * fault: the ring's 'busy' flag covers that window, and any other writer that finds it set
 * counts its record as dropped rather than write into the space being filled.
 *
 * SMP (which fields whose): begin runs only on the ring's own CPU, so 'busy' is claimed
 * there and nowhere else (a plain store: no other CPU claims it). The writer that holds it
 * owns head, seq, records and the record's bytes, and may commit from another CPU if it
 * slept and woke there: commit publishes head, then clears busy with a release store, and
 * begin reads busy with an acquire load, so the ring's CPU then sees the new head and seq.
 * tail, limit, dropped and pending are per-CPU only: touched by begin and trace_count_dropped()
 * on the ring's own CPU, never by a writer that woke elsewhere (there is no cancel path).
 * The header's orphan_dropped is the only shared counter (an atomic add).
 */
#ifndef _KERNEL_TRACE_TRACE_H
#define _KERNEL_TRACE_TRACE_H

#include <linux/types.h>
#include <linux/smp.h>
#include <linux/syscall_trace.h>
#include <uapi/linux/ferry_trace.h>

struct task_struct;
struct trace_call;
struct syscall_metadata;

/* Instructions per cycle-counter tick under -icount shift=0 (arch asm/timex.h may say). */
#include <asm/timex.h>
#ifndef ICOUNT_INSNS_PER_CYCLE
#define ICOUNT_INSNS_PER_CYCLE 1
#endif

#define TRACE_NR_ABIS	5		/* enum ftr_abi: 1..4 */
#define TRACE_MAX_CAPS	4		/* captures one syscall's plan may name */

#define min_t(t, a, b) ((t)(a) < (t)(b) ? (t)(a) : (t)(b))

struct trace_config {
	bool enabled;		/* trace= given (or prctl) and the channel is there */
	bool all;		/* every task */
	bool icount;		/* trace.icount=1: the cycle counter counts instructions */
	bool nr_filter;		/* trace=nr: given: only the calls in each ABI's bitmap */
	int pid;		/* trace=pid:N: that process and its descendants (0: none) */
	char comms[128];	/* comm:a,b - trace tasks with these names, from their exec */
	char names[256];	/* nr:write,getpid - resolved into the bitmaps at trace_init() */
};
extern struct trace_config trace_config;

/* ---- capture plans (capture.c) ---- */

/* How a capture's length is found. */
enum trace_cap_len {
	CAPLEN_STRING,		/* up to the NUL (FTR_CAP_STRING) */
	CAPLEN_ARGV,		/* an array of string pointers of the ABI's width */
	CAPLEN_ARG,		/* args[len_arg] bytes (times 'size' when size is set: an array) */
	CAPLEN_RET,		/* the return value's bytes (read-like calls), when ret > 0 */
	CAPLEN_FIXED,		/* 'size' bytes: a structure of this ABI */
	CAPLEN_CALL,		/* the call's own rule decides at run time (capture_calls.c) */
	CAPLEN_IOV,		/* the segments of the iovec array at 'arg' (FTR_CAP_IOV) */
	CAPLEN_NR_PTRS,		/* the length of a pointer array (FTR_CAP_NR_PTRS) */
};

/* CAPLEN_CALL's rules: what decides whether (and how much) the argument is copied. */
enum trace_call_rule {
	RULE_IOCTL_IN,		/* ioctl's argument, by request: read by the call */
	RULE_IOCTL_OUT,		/* ioctl's argument, by request: written by the call */
	RULE_FUTEX_TIMEOUT,	/* futex's utime: a timespec for the waiting commands only */
	RULE_CLONE_TLS,		/* i386 clone's tls: a user_desc with CLONE_SETTLS only */
	RULE_PR_SET_NAME,	/* prctl's arg2: the name PR_SET_NAME reads */
	RULE_PR_GET_NAME,	/* prctl's arg2: the name PR_GET_NAME writes */
};

struct trace_cap {
	u8 arg;			/* argument index */
	u8 kind;		/* enum ftr_capture_kind */
	u8 len;			/* enum trace_cap_len */
	u8 len_arg;		/* CAPLEN_ARG: the argument holding the count;
				 * CAPLEN_CALL: the rule (enum trace_call_rule) */
	u16 size;		/* CAPLEN_FIXED: bytes; CAPLEN_ARG: element size (0: bytes) */
	u16 max;		/* the contract's cap for this kind */
};

/* One syscall's plan: entry captures first, then exit ones. */
struct trace_plan {
	u8 nr_entry;
	u8 nr_exit;
	u8 selected;		/* trace=nr: picked it (1 when there is no nr: filter) */
	u8 reserved;
	struct trace_cap cap[TRACE_MAX_CAPS];
};

struct trace_abi {
	const struct syscall_abi *table;	/* names and metadata by number */
	struct trace_plan *plans;		/* [nr], table->nr_syscalls of them */
	bool ptr32;				/* pointers are 4 bytes (i386, arm) */
};
extern struct trace_abi trace_abis[TRACE_NR_ABIS];

int trace_plans_init(void);
int trace_type_size(const char *base, unsigned int abi);
const char *trace_call_name(const struct syscall_metadata *m);

/* capture_calls.c: the captures a call's name decides (the metadata cannot say them). */
/* Adds argument i's captures of m (its rules) to in/out; false: none, use the generic rules. */
bool trace_plan_call_rules(const struct syscall_metadata *m, int i, unsigned int abi,
			   struct trace_cap *in, int *nin, struct trace_cap *out, int *nout);
/* Bytes a CAPLEN_CALL capture copies for this call (0: no capture). */
u32 trace_call_rule_size(const struct trace_call *c, const struct trace_cap *k);
void trace_add_cap(struct trace_cap *caps, int *n, u8 arg, u8 kind, u8 len, u8 len_arg,
		   u16 size);
bool list_has(const char *list, const char *word);	/* syscall_trace.c */

/*
 * Entry captures, staged per task: the call's strings and input buffers as they will sit in
 * the record (struct ftr_capture, the bytes, padding to 8), so the exit hook copies them
 * with one memcpy. Bounded: what does not fit is cut (FTR_CAP_TRUNCATED).
 */
#define TRACE_STAGE_SIZE	1280

/* The traced syscall in progress of one task: made at its first traced call. */
struct trace_call {
	bool active;
	u8 abi;			/* enum ftr_abi */
	u8 route;		/* enum ftr_route */
	s32 nr;
	const struct trace_plan *plan;	/* NULL: a number the table does not know */
	u64 args[6];
	u64 ts;
	u16 stage_len;		/* bytes of staged captures */
	u8 nr_staged;
	u8 stage[TRACE_STAGE_SIZE] __aligned(8);
};

void trace_capture_entry(struct trace_call *c);
/* Exit captures straight into the ring at dst (room for trace_exit_room() bytes);
 * returns the bytes written and adds the captures to *nr. */
size_t trace_exit_room(const struct trace_call *c, long ret);
size_t trace_capture_exit(const struct trace_call *c, long ret, u8 *dst, u8 *nr);

/* ---- the ring writer (ring.c) ---- */

/*
 * A CPU's ring, as its writer sees it. Only the CPU's own writers touch it (the busy flag
 * aside, which a writer that slept and woke elsewhere clears from there).
 */
struct trace_ring {
	u8 *data;			/* ring_size bytes in the shared file */
	struct ftr_ring_ctl *ctl;	/* its control block there */
	u64 mask;			/* ring_size - 1 */
	u64 head;			/* the guest's copy of ctl->head */
	u64 tail;			/* the last ctl->tail read: room is known without a read */
	u64 limit;			/* begin's fast path writes below it: see ring.c */
	u64 seq;			/* records written, every type (the records' 'seq') */
	u64 records;			/* records written, FTR_PAD not counted */
	u64 dropped;			/* records lost, in total */
	u64 pending;			/* lost since the last FTR_DROPPED */
	u16 cpu;
	bool busy;			/* a record is being written (see trace.h's top) */
};

/* A record's space, between begin and commit. */
struct trace_slot {
	struct trace_ring *ring;
	u8 *rec;			/* where the record starts in the ring */
	u64 pos;			/* and its position (bytes since boot) */
	u64 seq;
};

void trace_count_dropped(void);
/* Writer internals (ring.c): the inline fast path below calls these on its cold paths. */
extern struct trace_ring *trace_cpu_ring[NR_CPUS];
void trace_orphan_dropped(void);
void trace_ring_drop(struct trace_ring *r);
bool trace_ring_make_room(struct trace_ring *r, u64 need, u64 *pos);
/* The most of the channel this kernel maps: the header and its CPUs' rings (arm64's vmalloc
 * area is 4 GiB; scripts/qemu-run.py refuses a bigger ring file, trace/drain.py MAP_MAX). */
#define TRACE_MAP_MAX	(1u << 30)
int trace_rings_init(phys_addr_t phys, u64 bar_size);
/* Why the host's header cannot be used with a BAR of bar_size bytes, or NULL. */
const char *trace_check_header(const struct ftr_file_header *h, u64 bar_size);
/* For tests (test_trace.c): run the writer over a ring in ordinary memory. */
void trace_ring_attach(struct trace_ring *r, u8 *data, struct ftr_ring_ctl *ctl, u64 size,
		       unsigned int cpu, u64 head);
struct trace_ring *trace_ring_swap(unsigned int cpu, struct trace_ring *r);

#include "ring_write.h"	/* trace_ring_begin(), trace_ring_commit(): inline */

/* ---- records of events (events.c) ---- */
void trace_emit_fork(struct task_struct *child, u64 clone_flags);
void trace_emit_comm(struct task_struct *t, unsigned int abi);	/* abi: exec's, or 0 */
void trace_emit_exit(struct task_struct *t, int code, bool group_dead);

/* The task's syscalls are traced (SYSCALL_WORK_TRACE): every event of it is recorded. */
bool task_traced(const struct task_struct *t);

#endif
