/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Ferry's binary trace format, version 2: what the kernel writes into the trace channel and
 * what the host reader (scripts/trace/binary.py) decodes. The channel is a host file that the
 * guest sees as PCI memory (QEMU's ivshmem-plain, BAR 2) on both arches; the host drains it
 * while the guest runs (scripts/qemu-run.py --trace).
 *
 * Everything is little-endian, and every record starts 8-byte aligned with a size that is a
 * multiple of 8. docs/tracing.md describes the format in prose; this file is the contract.
 *
 * The file:
 *
 *   0x0000               struct ftr_file_header (one 4 KiB page)
 *   0x1000 + i * stride  ring i (i < nr_rings; stride = FTR_RING_CTL_SIZE + ring_size):
 *                          struct ftr_ring_ctl, padded to FTR_RING_CTL_SIZE
 *                          ring_size bytes of records (a power of two)
 *
 * One ring per CPU: CPU n writes ring n only (single writer, no lock); a CPU whose number is
 * >= nr_rings has no ring and counts every record it would write as dropped in
 * header.orphan_dropped (an atomic add: the only shared counter).
 *
 * A ring's positions are byte counts since boot, never wrapped: head (written by the guest)
 * and tail (written by the host); the bytes of [tail, head) are records not yet consumed, at
 * offsets pos & (ring_size - 1). A record never straddles the end of the ring: when the next
 * record does not fit before the end, the writer first fills the rest with one FTR_PAD record.
 *
 * Ordering. The writer stores the record, then publishes head with a release store (arm64
 * stlr; x86 a plain store after a compiler barrier). It reads tail with an acquire load
 * before it overwrites consumed space. The host reads head, then the bytes, then stores
 * tail; it never writes anything else after the guest's ready flag is set.
 *
 * Room. A record that does not fit in ring_size - (head - tail), or is larger than half the
 * ring, is not written: the ring's 'dropped' grows by one and the writer remembers a pending
 * loss; the next record that fits is preceded by an FTR_DROPPED record carrying the number
 * lost since the last one, so the reader knows where the gap is. Nothing is ever
 * overwritten. A tail past head or more than ring_size behind it (a host that moved tail
 * backwards) means a broken host: the writer counts the ring as full until tail is sane.
 * The writer starts at head 0 and never reads head back from the file.
 */
#ifndef _UAPI_LINUX_FERRY_TRACE_H
#define _UAPI_LINUX_FERRY_TRACE_H

#ifdef __KERNEL__
#include <linux/types.h>
/* Ferry's linux/types.h has only u8..s64: the uapi names are the same types. */
typedef u8 __u8;
typedef u16 __u16;
typedef u32 __u32;
typedef u64 __u64;
typedef s32 __s32;
typedef s64 __s64;
#else
#include <stdint.h>
typedef uint8_t __u8;
typedef uint16_t __u16;
typedef uint32_t __u32;
typedef uint64_t __u64;
typedef int32_t __s32;
typedef int64_t __s64;
#endif

#define FTR_MAGIC		"FERRYTR2"	/* 8 bytes, no NUL */
#define FTR_VERSION		2
#define FTR_HEADER_SIZE		4096
#define FTR_RING_CTL_SIZE	4096
#define FTR_ALIGN		8

/* ---- the file header: the host fills the first part before boot, the guest the rest ---- */
struct ftr_file_header {
	/* host, before boot (the guest checks them against what the device decodes) */
	char magic[8];			/* FTR_MAGIC */
	__u32 version;			/* FTR_VERSION */
	__u32 header_size;		/* FTR_HEADER_SIZE */
	__u64 size;			/* bytes of the whole file */
	__u32 nr_rings;			/* rings in the file (>= 1) */
	__u32 ring_size;		/* bytes of records per ring, a power of two >= 4096 */
	/* guest, at trace_init(), before 'ready' */
	__u32 arch;			/* FTR_ARCH_* */
	__u32 icount;			/* 1: trace.icount=1, the cycle counter counts instructions */
	__u64 cycles_per_sec;		/* the timestamp clock's rate */
	__u32 insns_per_cycle;		/* instructions per cycle-counter tick under icount */
	__u32 nr_cpus;			/* CPUs the kernel runs on */
	__u64 boot_ts;			/* the clock when tracing started */
	__u64 orphan_dropped;		/* records of CPUs without a ring (atomic add) */
	__u32 ready;			/* 1 once the fields above are written (stored last) */
	__u32 reserved0;
	char kernel[64];		/* "Ferry <version> <arch>", NUL-terminated */
};

enum ftr_arch {
	FTR_ARCH_X86_64 = 1,
	FTR_ARCH_ARM64 = 2,
};

/* ---- a ring's control block: head and tail on cache lines of their own ---- */
struct ftr_ring_ctl {
	__u64 head;			/* guest: bytes written; published after the records */
	__u64 records;			/* guest: records written (FTR_PAD not counted) */
	__u64 dropped;			/* guest: records lost for want of room, in total */
	__u64 reserved[5];
	__u64 tail;			/* host: bytes consumed (offset 64) */
	__u64 host_reserved[7];
};

/* ---- records ---- */
enum ftr_type {
	FTR_PAD = 0,			/* filler up to the end of the ring: skip 'size' bytes */
	FTR_SYSCALL = 1,		/* struct ftr_syscall + captures */
	FTR_DROPPED = 2,		/* struct ftr_dropped */
	FTR_FORK = 3,			/* struct ftr_fork: a task made by fork/vfork/clone */
	FTR_COMM = 4,			/* struct ftr_comm: a task's name set (exec, PR_SET_NAME) */
	FTR_EXIT = 5,			/* struct ftr_exit: a task (and maybe its process) ended */
	FTR_SIGNAL = 6,			/* struct ftr_signal: get_signal() took a signal */
};

/* The first 8 bytes of every record, written as one 64-bit store. */
struct ftr_hdr {
	__u8 type;			/* enum ftr_type */
	__u8 version;			/* FTR_VERSION */
	__u16 size;			/* bytes of the record, this header included; multiple of 8 */
	__u16 cpu;			/* the CPU (= the ring) that wrote it */
	__u16 flags;			/* per type, below */
};

/* ftr_syscall.hdr.flags */
#define FTR_SC_NO_RETURN	0x0001	/* the call never returned: exit, exit_group, or the task
					 * died in it; ret is meaningless (strace's "= ?") */
/* 0x0002 is reserved (it was FTR_SC_ENTRY_ONLY, never written: NO_RETURN covers it). */

/* Entry routes (the same numbers as the kernel's ROUTE_*). */
enum ftr_route {
	FTR_ROUTE_SYSCALL64 = 0,	/* x86 syscall, 64-bit */
	FTR_ROUTE_INT80 = 1,		/* x86 int $0x80 */
	FTR_ROUTE_SYSENTER = 2,		/* x86 sysenter (32-bit) */
	FTR_ROUTE_SYSCALL32 = 3,	/* x86 syscall from 32-bit mode */
	FTR_ROUTE_SVC = 4,		/* arm64 svc #0 from AArch64 */
	FTR_ROUTE_SVC32 = 5,		/* arm64 svc #0 from AArch32 */
};

/* ABIs (the table a call was served from). */
enum ftr_abi {
	FTR_ABI_X86_64 = 1,
	FTR_ABI_I386 = 2,
	FTR_ABI_ARM64 = 3,
	FTR_ABI_ARM = 4,
};

/*
 * One syscall, written when it returns (or, with FTR_SC_NO_RETURN, when its task ends or its
 * exec replaced the image): what the entry hook saw, the result, and the captured memory.
 * 104 bytes, then nr_captures struct ftr_capture, each followed by its bytes padded to 8.
 */
struct ftr_syscall {
	struct ftr_hdr hdr;
	__u64 seq;			/* this ring's record number (every type counts) */
	__u64 ts;			/* the clock at entry, after the entry hook's own work */
	__u64 cost;			/* clock ticks from entry to exit hook: the call's own cost */
	__u32 pid;			/* tgid */
	__u32 tid;
	__s32 nr;			/* the number as the task passed it (may be out of range) */
	__u8 abi;			/* enum ftr_abi */
	__u8 route;			/* enum ftr_route */
	__u8 nr_captures;
	__u8 reserved;
	__u64 args[6];			/* the raw argument registers, zero-extended for 32-bit ABIs */
	__s64 ret;			/* the return value (negative errno, -ERESTART* included) */
};

/*
 * Bytes of user memory the call read or wrote, copied through the uaccess layer. 'arg' says
 * which argument pointed at it. The data follows the 8-byte capture header.
 */
struct ftr_capture {
	__u8 arg;			/* argument index, 0..5 */
	__u8 kind;			/* enum ftr_capture_kind */
	__u8 flags;			/* FTR_CAP_* */
	__u8 reserved;
	__u16 len;			/* bytes of data that follow (the record pads them to 8) */
	__u16 want;			/* bytes the call named, capped at 65535 (strings: 0) */
};

enum ftr_capture_kind {
	FTR_CAP_STRING = 1,		/* NUL-terminated string at entry; len excludes the NUL */
	FTR_CAP_IN = 2,			/* buffer or structure the call reads, taken at entry */
	FTR_CAP_OUT = 3,		/* buffer or structure the call wrote, taken at exit */
	FTR_CAP_ARGV = 4,		/* a NULL-terminated array of strings (execve's argv):
					 * the strings one after another, each with its NUL */
	FTR_CAP_IOV = 5,		/* the data of the segments of the iovec array at the
					 * same argument (writev's at entry, readv's at exit, ret
					 * bytes in all): per segment, in order, a __u16 count of
					 * bytes kept then those bytes (no padding between) */
	FTR_CAP_NR_PTRS = 6,		/* the length of a NULL-terminated pointer array
					 * (execve's envp): one __u32, the non-NULL pointers */
};

#define FTR_CAP_TRUNCATED	0x01	/* more bytes than kept (string longer; buffer cut) */
#define FTR_CAP_FAULT		0x02	/* the pointer was bad: no bytes (len 0) */

/*
 * Caps on what one capture keeps (the host prints strace's -s 32 from them anyway). Kinds 5
 * and 6 came after version 2's first readers: a reader that does not know a kind skips it.
 * The largest record they allow (104 bytes, then at most four captures: a 512-byte
 * structure, argv's 512, two 256-byte buffers, each with its 8-byte header) is under 2 KiB,
 * half the smallest ring, so a record is never refused for its plan alone.
 */
#define FTR_CAP_STRING_MAX	256
#define FTR_CAP_BUF_MAX		256	/* FTR_CAP_IN / FTR_CAP_OUT of a counted buffer */
#define FTR_CAP_STRUCT_MAX	512	/* a structure of fixed size (new_utsname is 390) */
#define FTR_CAP_ARGV_MAX	512	/* argv: bytes of strings in all */
#define FTR_CAP_ARGV_COUNT	32	/* argv: strings at most */
#define FTR_CAP_IOV_MAX		256	/* FTR_CAP_IOV: bytes in all, the counts included */
#define FTR_CAP_IOV_SEG_MAX	64	/* FTR_CAP_IOV: bytes of one segment at most */
#define FTR_CAP_NR_PTRS_MAX	4096	/* FTR_CAP_NR_PTRS: counting stops here (TRUNCATED) */

/* Records lost on this ring just before this point (since the previous FTR_DROPPED). */
struct ftr_dropped {
	struct ftr_hdr hdr;
	__u64 seq;
	__u64 ts;
	__u64 count;
};

/* A new task: fork, vfork, clone (a thread when CLONE_THREAD). Written by the parent. */
struct ftr_fork {
	struct ftr_hdr hdr;
	__u64 seq;
	__u64 ts;
	__u32 pid, tid;			/* the parent */
	__u32 child_pid, child_tid;	/* the child's tgid and tid */
	__u64 clone_flags;
};

/* A task's name, at exec (after the new image is in) and at prctl(PR_SET_NAME). */
struct ftr_comm {
	struct ftr_hdr hdr;		/* flags: FTR_COMM_EXEC when an exec set it */
	__u64 seq;
	__u64 ts;
	__u32 pid, tid;
	__u8 abi;			/* enum ftr_abi of the task from now on */
	__u8 reserved[7];
	char comm[16];			/* NUL-padded */
};
#define FTR_COMM_EXEC		0x0001

/* A task ended. FTR_EXIT_GROUP: it was its process's last thread; status is the process's
 * wait status (exited with (status >> 8) & 0xff, or killed by status & 0x7f). */
struct ftr_exit {
	struct ftr_hdr hdr;		/* flags: FTR_EXIT_GROUP */
	__u64 seq;
	__u64 ts;
	__u32 pid, tid;
	__s32 status;
	__u32 reserved;
};
#define FTR_EXIT_GROUP		0x0001

/* A signal get_signal() took for a traced task (strace's "--- SIGx {...} ---"). The
 * fields are the kernel's siginfo, flattened; which are meaningful depends on signo/code. */
struct ftr_signal {
	struct ftr_hdr hdr;
	__u64 seq;
	__u64 ts;
	__u32 pid, tid;
	__s32 signo;
	__s32 code;
	__s32 errno_;
	/* siginfo's si_pid, si_uid, ... under names of their own: the kernel's signal headers
	 * define si_pid and the others as macros, which would rename these fields */
	__s32 sender_pid;		/* si_pid: kill, sigqueue, SIGCHLD */
	__u32 sender_uid;		/* si_uid */
	__s32 child_status;		/* si_status: SIGCHLD */
	__s64 child_utime, child_stime;	/* si_utime, si_stime: SIGCHLD, clock ticks */
	__u64 fault_addr;		/* si_addr: SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP */
	__u64 value;			/* si_value: sigqueue, timers: sival_ptr (sival_int in its
					 * low half) */
};

#endif /* _UAPI_LINUX_FERRY_TRACE_H */
