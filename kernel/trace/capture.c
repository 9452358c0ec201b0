// SPDX-License-Identifier: GPL-2.0
/*
 * Capture plans: which user memory a traced syscall's record carries, worked out once per
 * ABI at trace_init() from the SYSCALL_DEFINE metadata (each argument's C type and name as
 * strings), never from a list of syscalls. The rules, in order, for argument i:
 *
 *   a rule of capture_calls.c for this call's name  what it says (ioctl's arg by request,
 *   and argument                                    prctl's name, futex's timeout, i386
 *                                                   clone's tls, 32-bit wait4's pointers,
 *                                                   clone3's clone_args)
 *   argv, of type T ** or compat_uptr_t *          FTR_CAP_ARGV at entry (execve, execveat)
 *   envp, likewise                                  FTR_CAP_NR_PTRS at entry: the count only
 *   const char * + a byte-count argument next       FTR_CAP_IN, that many bytes, at entry
 *   (or a plain char * of a call in reads_char_buf; utimensat's times: two, at entry)
 *   const char *, or char * without a count         FTR_CAP_STRING at entry (a path or name:
 *                                                   a call cannot write an unbounded string)
 *   char * / void * + a byte-count argument next    FTR_CAP_OUT at exit, ret bytes (read-like)
 *   const void * + a byte-count argument next       FTR_CAP_IN, that many bytes, at entry
 *   pointer to a type of the table below            const: FTR_CAP_IN at entry; otherwise
 *                                                   FTR_CAP_OUT at exit, when ret >= 0; the
 *                                                   size is the type's in that ABI, times an
 *                                                   element count argument next (vlen, nfds)
 *                                                   for arrays (iovec, pollfd)
 *   an iovec array of writev/pwritev(2)             also FTR_CAP_IOV at entry: the segments'
 *   (readv/preadv(2))                               data (at exit, ret bytes in all)
 *   anything else                                   no capture: the raw register says it all
 *
 * Byte counts are arguments named count, len, size, nbytes, bufsiz, sz, sigsetsize, usize;
 * element counts are vlen and nfds. A NULL pointer gets no capture (the host prints NULL
 * from the register). Every capture is cut at the contract's caps (FTR_CAP_*_MAX): a
 * structure of fixed size is kept whole up to 512 bytes (utsname's 390), a counted buffer
 * up to 256, iovec data 64 bytes a segment and 256 in all.
 * What the metadata cannot say and no rule says is left out: fcntl's third argument
 * (flock: the type depends on the command), ioctl requests outside capture_calls.c's
 * table, sockaddr lengths passed by pointer, and buffers whose count precedes them other
 * than by a known name.
 *
 * The copies themselves: entry captures go into the task's staging area (trace.h), exit
 * captures straight into the ring (trace_capture_exit). Both through the uaccess layer: a
 * bad pointer gives FTR_CAP_FAULT and no bytes, never a fault of the kernel's own.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include "trace.h"

struct trace_abi trace_abis[TRACE_NR_ABIS];

/*
 * Sizes of the structures (and scalars) syscalls point at, per ABI, as Linux 6.1 lays them
 * out: { x86_64, i386, arm64, arm }. 0: the type does not occur in that ABI's calls.
 */
static const struct {
	const char *name;
	u16 size[4];
} type_sizes[] = {
	{ "stat",			{ 144,  64, 128,  64 } },
	{ "compat_stat",		{   0,  64,   0,  64 } },
	{ "__old_kernel_stat",		{   0,  32,   0,  32 } },
	{ "stat64",			{   0,  96,   0, 104 } },
	{ "statx",			{ 256, 256, 256, 256 } },
	{ "statfs",			{ 120,  64, 120,  64 } },
	{ "compat_statfs",		{   0,  64,   0,  64 } },
	{ "compat_statfs64",		{   0,  84,   0,  88 } },
	{ "__kernel_timespec",		{  16,  16,  16,  16 } },
	{ "kernel_timespec64",		{  16,  16,  16,  16 } },
	{ "old_timespec32",		{   0,   8,   0,   8 } },
	{ "__kernel_old_timeval",	{  16,   8,  16,   8 } },
	{ "old_timeval32",		{   0,   8,   0,   8 } },
	{ "timezone",			{   8,   8,   8,   8 } },
	{ "kernel_itimerval",		{  32,  16,  32,  16 } },
	{ "old_itimerval32",		{   0,  16,   0,  16 } },
	{ "iovec",			{  16,   8,  16,   8 } },
	{ "compat_iovec",		{   0,   8,   0,   8 } },
	{ "pollfd",			{   8,   8,   8,   8 } },
	{ "sigaction",			{  32,  20,  32,  20 } },
	{ "compat_sigaction",		{   0,  20,   0,  20 } },
	{ "compat_old_sigaction",	{   0,  16,   0,  16 } },
	{ "sigset_t",			{   8,   8,   8,   8 } },
	{ "compat_sigset_t",		{   0,   8,   0,   8 } },
	{ "siginfo_t",			{ 128, 128, 128, 128 } },
	{ "compat_siginfo",		{   0, 128,   0, 128 } },
	{ "waitid_siginfo",		{ 128, 128, 128, 128 } },
	{ "stack_t",			{  24,  12,  24,  12 } },
	{ "compat_stack_t",		{   0,  12,   0,  12 } },
	{ "rlimit",			{  16,   8,  16,   8 } },
	{ "compat_rlimit",		{   0,   8,   0,   8 } },
	{ "rlimit64",			{  16,  16,  16,  16 } },
	{ "new_utsname",		{ 390, 390, 390, 390 } },
	{ "old_utsname",		{ 325, 325, 325, 325 } },
	{ "oldold_utsname",		{  45,  45,  45,  45 } },
	{ "sysinfo",			{ 112,  64, 112,  64 } },
	{ "compat_sysinfo",		{   0,  64,   0,  64 } },
	{ "rusage",			{ 144,  72, 144,  72 } },
	{ "compat_rusage",		{   0,  72,   0,  72 } },
	{ "tms",			{  32,  16,  32,  16 } },
	{ "compat_tms",			{   0,  16,   0,  16 } },
	{ "utimbuf",			{  16,   8,  16,   8 } },
	{ "old_utimbuf32",		{   0,   8,   0,   8 } },
	{ "user_desc",			{  16,  16,   0,   0 } },
	{ "mmap_arg_struct32",		{   0,  24,   0,  24 } },
	{ "compat_sel_arg_struct",	{   0,  20,   0,  20 } },
	/* scalars written through a pointer: wait4's status, getresuid's ids, llseek's result */
	{ "int",			{   4,   4,   4,   4 } },
	{ "unsigned int",		{   4,   4,   4,   4 } },
	{ "u32",			{   4,   4,   4,   4 } },
	{ "uid_t",			{   4,   4,   4,   4 } },
	{ "gid_t",			{   4,   4,   4,   4 } },
	{ "old_uid_t",			{   2,   2,   2,   2 } },
	{ "old_gid_t",			{   2,   2,   2,   2 } },
	{ "loff_t",			{   8,   8,   8,   8 } },
	{ "compat_off_t",		{   0,   4,   0,   4 } },
	{ "__kernel_old_time_t",	{   8,   4,   8,   4 } },
	{ "old_time32_t",		{   0,   4,   0,   4 } },
};

static bool name_in(const char *n, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(n, *list))
			return true;
	return false;
}

static const char *const byte_counts[] = {
	"count", "len", "size", "nbytes", "bufsiz", "sz", "sigsetsize", "usize", NULL
};
static const char *const element_counts[] = { "vlen", "nfds", NULL };

/*
 * Calls whose plain (non-const) char * + count is read by the call, not written: the
 * metadata spells them as read(2)'s buffer, so only their names can tell. Without this,
 * sethostname's name was taken as an output of ret (0) bytes: sethostname("", 5).
 */
static const char *const reads_char_buf[] = { "sethostname", "setdomainname", NULL };

/*
 * utimensat's times: the metadata says a non-const pointer to one timespec, but the call
 * reads an array of two (atime, mtime): both are taken at entry.
 */
static const char *const reads_two_times[] = { "utimensat", "utimensat_time32", NULL };

/*
 * Calls with an iovec array and its count (vlen): the segments' data is taken as well,
 * at entry for the writes, at exit (ret bytes) for the reads; the metadata spells both
 * arrays const, so only the name tells the direction.
 */
static const char *const writes_iov[] = { "writev", "pwritev", "pwritev2", NULL };
static const char *const reads_iov[] = { "readv", "preadv", "preadv2", NULL };

/*
 * The call's name in the metadata without the underscore SYSCALL_DEFINEn puts before it
 * (its name argument is "_" #name, as in Linux): "_writev" -> "writev". The name-keyed
 * tables compared the raw "_sethostname" before, so they never matched in the kernel.
 */
const char *trace_call_name(const struct syscall_metadata *m)
{
	if (!m->name)
		return "";
	return m->name + (m->name[0] == '_');
}

static int pointer_depth(const char *t)
{
	int n = 0;

	for (; *t; t++)
		n += *t == '*';
	return n;
}

/*
 * The pointed-to type of a one-level pointer, without const, struct, __user and the star:
 * "const struct iovec __user *" -> "iovec". The metadata strings are short; 48 is plenty.
 */
static void base_type(const char *t, char *out, size_t size)
{
	size_t n = 0;

	while (*t && n + 1 < size) {
		if (!strncmp(t, "const ", 6)) {
			t += 6;
		} else if (!strncmp(t, "struct ", 7)) {
			t += 7;
		} else if (!strncmp(t, "__user", 6)) {
			t += 6;
		} else if (*t == '*') {
			break;
		} else {
			out[n++] = *t++;
		}
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

int trace_type_size(const char *base, unsigned int abi)
{
	for (size_t i = 0; i < ARRAY_SIZE(type_sizes); i++)
		if (!strcmp(type_sizes[i].name, base))
			return type_sizes[i].size[abi - 1];
	return 0;
}

/* The contract's cap on one capture of this kind and length rule. */
static u16 cap_max(u8 kind, u8 len)
{
	switch (kind) {
	case FTR_CAP_STRING:
		return FTR_CAP_STRING_MAX;
	case FTR_CAP_ARGV:
		return FTR_CAP_ARGV_MAX;
	case FTR_CAP_IOV:
		return FTR_CAP_IOV_MAX;
	case FTR_CAP_NR_PTRS:
		return sizeof(u32);
	}
	/* a structure is taken whole (utsname's 390 bytes); a counted buffer is cut */
	return len == CAPLEN_FIXED || len == CAPLEN_CALL ? FTR_CAP_STRUCT_MAX : FTR_CAP_BUF_MAX;
}

void trace_add_cap(struct trace_cap *caps, int *n, u8 arg, u8 kind, u8 len, u8 len_arg,
		   u16 size)
{
	if (*n >= TRACE_MAX_CAPS)
		return;
	caps[*n] = (struct trace_cap){
		.arg = arg, .kind = kind, .len = len, .len_arg = len_arg, .size = size,
		.max = cap_max(kind, len),
	};
	(*n)++;
}
#define add_cap trace_add_cap

/* The plan of one syscall of one ABI, from its metadata (the rules at the top). */
static void plan_one(struct trace_plan *p, const struct syscall_metadata *m, unsigned int abi)
{
	struct trace_cap in[TRACE_MAX_CAPS], out[TRACE_MAX_CAPS];
	const char *call = trace_call_name(m);
	bool reads = name_in(call, reads_char_buf);
	bool two_times = name_in(call, reads_two_times);
	int nin = 0, nout = 0;

	for (int i = 0; i < m->nb_args && i < 6; i++) {
		const char *t = m->types[i], *name = m->args[i];
		const char *next = i + 1 < m->nb_args ? m->args[i + 1] : "";
		bool is_const = !strncmp(t, "const ", 6);
		bool counted = name_in(next, byte_counts), elements = name_in(next, element_counts);
		int depth = pointer_depth(t);
		char base[48];
		int size;

		if (trace_plan_call_rules(m, i, abi, in, &nin, out, &nout))
			continue;
		if (!strcmp(name, "argv") && (depth == 2 || (depth == 1 && strstr(t, "compat_uptr_t")))) {
			add_cap(in, &nin, i, FTR_CAP_ARGV, CAPLEN_ARGV, 0, 0);
			continue;
		}
		if (!strcmp(name, "envp") && (depth == 2 || (depth == 1 && strstr(t, "compat_uptr_t")))) {
			/* strace prints only how many: count the pointers, copy no string */
			add_cap(in, &nin, i, FTR_CAP_NR_PTRS, CAPLEN_NR_PTRS, 0, 0);
			continue;
		}
		if (depth != 1)
			continue;
		base_type(t, base, sizeof(base));
		if (!strcmp(base, "char") || !strcmp(base, "void")) {
			if (counted && (is_const || reads))
				add_cap(in, &nin, i, FTR_CAP_IN, CAPLEN_ARG, i + 1, 0);
			else if (counted)
				add_cap(out, &nout, i, FTR_CAP_OUT, CAPLEN_RET, i + 1, 0);
			else if (!strcmp(base, "char"))
				add_cap(in, &nin, i, FTR_CAP_STRING, CAPLEN_STRING, 0, 0);
			continue;
		}
		size = trace_type_size(base, abi);
		if (!size)
			continue;
		if (!strcmp(name, "fildes"))	/* pipe, pipe2: int[2] */
			size *= 2;
		if (two_times && !strcmp(name, "utimes")) {
			size *= 2;
			is_const = true;
		}
		if (!elements) {
			add_cap(is_const ? in : out, is_const ? &nin : &nout, i,
				is_const ? FTR_CAP_IN : FTR_CAP_OUT, CAPLEN_FIXED, 0, size);
			continue;
		}
		add_cap(is_const ? in : out, is_const ? &nin : &nout, i,
			is_const ? FTR_CAP_IN : FTR_CAP_OUT, CAPLEN_ARG, i + 1, size);
		if (strstr(base, "iovec") && name_in(call, writes_iov))
			add_cap(in, &nin, i, FTR_CAP_IOV, CAPLEN_IOV, i + 1, size);
		else if (strstr(base, "iovec") && name_in(call, reads_iov))
			add_cap(out, &nout, i, FTR_CAP_IOV, CAPLEN_IOV, i + 1, size);
	}
	/* At most TRACE_MAX_CAPS in all: entry ones first, they are what strace shows most. */
	nout = min(nout, TRACE_MAX_CAPS - nin);
	memcpy(p->cap, in, nin * sizeof(in[0]));
	memcpy(p->cap + nin, out, nout * sizeof(out[0]));
	p->nr_entry = nin;
	p->nr_exit = nout;
}

/* Every ABI's plans and trace=nr: selection, once, at trace_init(). */
int trace_plans_init(void)
{
	for (unsigned int abi = 1; abi < TRACE_NR_ABIS; abi++) {
		const struct syscall_abi *tbl = arch_trace_abi_table(abi);
		struct trace_abi *a = &trace_abis[abi];

		if (!tbl)
			continue;
		a->table = tbl;
		a->ptr32 = abi == FTR_ABI_I386 || abi == FTR_ABI_ARM;
		a->plans = kzalloc(tbl->nr_syscalls * sizeof(*a->plans), GFP_KERNEL);
		if (!a->plans)
			return -ENOMEM;
		for (unsigned int nr = 0; nr < tbl->nr_syscalls; nr++) {
			struct trace_plan *p = &a->plans[nr];

			if (tbl->meta[nr])
				plan_one(p, tbl->meta[nr], abi);
			p->selected = !trace_config.nr_filter ||
				      (tbl->names[nr] && list_has(trace_config.names, tbl->names[nr]));
		}
	}
	return 0;
}

/* ---- the copies ---- */

static void put_cap(u8 *dst, const struct trace_cap *k, u8 flags, u16 len, u64 want)
{
	struct ftr_capture h = {
		.arg = k->arg, .kind = k->kind, .flags = flags, .len = len,
		.want = want > 0xffff ? 0xffff : want,
	};

	memcpy(dst, &h, sizeof(h));
}

/* argv: the strings one after another, each with its NUL; returns the bytes, or -1. */
static long copy_argv(u8 *dst, size_t room, unsigned long uarr, bool ptr32, u8 *flags)
{
	size_t len = 0;

	for (int i = 0;; i++) {
		unsigned long p = 0;
		u32 p32;
		long n;

		if (i == FTR_CAP_ARGV_COUNT) {
			*flags |= FTR_CAP_TRUNCATED;
			break;
		}
		if (ptr32 ? get_user(p32, (const u32 __user *)(uarr + 4 * i)) :
			    get_user(p, (const unsigned long __user *)(uarr + 8 * i)))
			return -1;
		if (ptr32)
			p = p32;
		if (!p)
			break;
		if (room - len < 2) {
			*flags |= FTR_CAP_TRUNCATED;
			break;
		}
		n = strncpy_from_user((char *)dst + len, (const char __user *)p, room - len);
		if (n < 0)
			return -1;
		if ((size_t)n >= room - len) {		/* cut: keep what fits, NUL-ended */
			dst[room - 1] = '\0';
			len = room;
			*flags |= FTR_CAP_TRUNCATED;
			break;
		}
		len += n + 1;
	}
	return len;
}

/*
 * FTR_CAP_IOV: the data of the iovec array at uvec (vlen entries of the ABI's width), at
 * most limit bytes in all (readv's ret; writev: no limit): per segment a u16 count, then
 * at most FTR_CAP_IOV_SEG_MAX bytes of it, while room lasts (each segment takes at least 2
 * bytes, so the walk is bounded by room whatever vlen says). Returns the bytes, or -1.
 */
static long copy_iov(u8 *dst, size_t room, unsigned long uvec, u64 vlen, bool ptr32,
		     u64 limit, u8 *flags)
{
	size_t pos = 0;

	for (u64 i = 0; i < vlen && limit; i++) {
		unsigned long base;
		u64 len, n;
		u16 n16;

		if (room - pos < sizeof(n16) + 1) {
			*flags |= FTR_CAP_TRUNCATED;
			break;
		}
		if (ptr32) {
			u32 v[2];

			if (copy_from_user(v, (const void __user *)(uvec + 8 * i), sizeof(v)))
				return -1;
			base = v[0];
			len = v[1];
		} else {
			u64 v[2];

			if (copy_from_user(v, (const void __user *)(uvec + 16 * i), sizeof(v)))
				return -1;
			base = v[0];
			len = v[1];
		}
		len = min_t(u64, len, limit);
		limit -= len;
		n = min_t(u64, len, FTR_CAP_IOV_SEG_MAX);
		n = min_t(u64, n, room - pos - sizeof(n16));
		if (n < len)
			*flags |= FTR_CAP_TRUNCATED;
		if (n && copy_from_user(dst + pos + sizeof(n16), (const void __user *)base, n))
			return -1;
		n16 = n;
		memcpy(dst + pos, &n16, sizeof(n16));
		pos += sizeof(n16) + n;
	}
	return pos;
}

/*
 * FTR_CAP_NR_PTRS: how many non-NULL pointers the array at uarr holds before its NULL,
 * counting at most FTR_CAP_NR_PTRS_MAX (then TRUNCATED). Returns 4 (the u32), or -1.
 */
static long count_ptrs(u8 *dst, unsigned long uarr, bool ptr32, u8 *flags)
{
	u32 i;

	for (i = 0; i < FTR_CAP_NR_PTRS_MAX; i++) {
		unsigned long p = 0;
		u32 p32;

		if (ptr32 ? get_user(p32, (const u32 __user *)(uarr + 4 * i)) :
			    get_user(p, (const unsigned long __user *)(uarr + 8 * i)))
			return -1;
		if (!(ptr32 ? p32 : p))
			break;
	}
	if (i == FTR_CAP_NR_PTRS_MAX)
		*flags |= FTR_CAP_TRUNCATED;
	memcpy(dst, &i, sizeof(i));
	return sizeof(i);
}

/*
 * The bytes a CAPLEN_ARG capture names: the count argument times the element size. A count
 * of more than 0xffff elements is just "more" (no capture is that big), so the product
 * never wraps (a count of 1 << 61 eight-byte elements would be 0 bytes, and no TRUNCATED).
 */
static u64 arg_bytes(const struct trace_call *c, const struct trace_cap *k)
{
	u64 count = c->args[k->len_arg];

	if (k->size > 1 && count > 0xffff)
		return 0xffffffffull;
	return count * (k->size ? k->size : 1);
}

/* Strings and input buffers into the task's staging area, as they will sit in the record. */
/* A string of at most room - 1 bytes at uaddr: its length, with flags set. */
static size_t copy_string(u8 *data, unsigned long uaddr, size_t room, u8 *flags)
{
	long got = strncpy_from_user((char *)data, (const char __user *)uaddr, room);

	if (got < 0) {
		*flags = FTR_CAP_FAULT;
		return 0;
	}
	if ((size_t)got >= room) {
		*flags = FTR_CAP_TRUNCATED;
		return room - 1;
	}
	return got;
}

/*
 * The entry captures of the kinds the metadata alone does not plan (CAPLEN_CALL, _IOV,
 * _NR_PTRS), out of line so that the common ones (a path, write's buffer) pay nothing
 * for them. Returns the bytes; -1: no capture for this call (not its request); -2: a
 * bad pointer.
 */
static noinline long capture_entry_special(const struct trace_call *c,
					   const struct trace_cap *k, u8 *data, size_t room,
					   u8 *flags, u64 *want)
{
	unsigned long uaddr = c->args[k->arg];
	bool ptr32 = trace_abis[c->abi].ptr32;
	long got;

	if (k->len == CAPLEN_CALL) {
		u32 size = trace_call_rule_size(c, k);

		if (!size)
			return -1;	/* not this request/option/command's argument */
		if (k->kind == FTR_CAP_STRING)	/* prctl's name: 15 bytes and a NUL */
			return copy_string(data, uaddr, min(room, (size_t)size), flags);
		*want = size;
		got = min_t(u64, size, room - 1);
		if (got < size)
			*flags = FTR_CAP_TRUNCATED;
		if (copy_from_user(data, (const void __user *)uaddr, got))
			return -2;
		return got;
	}
	if (k->len == CAPLEN_IOV)
		got = copy_iov(data, room - 1, uaddr, c->args[k->len_arg], ptr32, ~0ull, flags);
	else
		got = count_ptrs(data, uaddr, ptr32, flags);
	return got < 0 ? -2 : got;	/* a fault: -2, not 'no capture' */
}

/* Strings and input buffers into the task's staging area, as they will sit in the record. */
void trace_capture_entry(struct trace_call *c)
{
	const struct trace_plan *p = c->plan;
	size_t pos = 0;

	for (int i = 0; i < p->nr_entry; i++) {
		const struct trace_cap *k = &p->cap[i];
		unsigned long uaddr = c->args[k->arg];
		u8 *data = c->stage + pos + sizeof(struct ftr_capture);
		size_t room = TRACE_STAGE_SIZE - pos - sizeof(struct ftr_capture), n = 0;
		u64 want = 0;
		u8 flags = 0;
		long got;

		if (!uaddr)
			continue;
		if (pos + sizeof(struct ftr_capture) + 8 > TRACE_STAGE_SIZE)
			break;
		room = min(room, (size_t)k->max + 1);
		switch (k->len) {
		case CAPLEN_STRING:
			n = copy_string(data, uaddr, room, &flags);
			break;
		case CAPLEN_ARGV:
			got = copy_argv(data, room - 1, uaddr, trace_abis[c->abi].ptr32, &flags);
			if (got < 0)
				flags = FTR_CAP_FAULT;
			else
				n = got;
			break;
		case CAPLEN_ARG:
		case CAPLEN_FIXED:	/* an input buffer or structure */
			want = k->len == CAPLEN_FIXED ? k->size : arg_bytes(c, k);
			n = min_t(u64, want, room - 1);
			if (n < want)
				flags = FTR_CAP_TRUNCATED;
			if (n && copy_from_user(data, (const void __user *)uaddr, n)) {
				n = 0;
				flags = FTR_CAP_FAULT;
			}
			break;
		default:		/* CAPLEN_CALL, CAPLEN_IOV, CAPLEN_NR_PTRS */
			got = capture_entry_special(c, k, data, room, &flags, &want);
			if (got == -1)
				continue;
			if (got < 0)
				flags = FTR_CAP_FAULT;
			else
				n = got;
			break;
		}
		if (flags & FTR_CAP_FAULT)
			n = 0;
		if (n & 7)
			memset(data + n, 0, 8 - (n & 7));
		put_cap(c->stage + pos, k, flags, n, want);
		pos += sizeof(struct ftr_capture) + ALIGN(n, 8);
		c->nr_staged++;
	}
	c->stage_len = pos;
}

/* Bytes an exit capture would copy (0 with skip set: no capture at all). */
static size_t exit_len(const struct trace_call *c, const struct trace_cap *k, long ret,
		       bool *skip)
{
	u64 n;

	*skip = ret < 0 || !c->args[k->arg];
	if (*skip)
		return 0;
	if (k->len == CAPLEN_RET)
		n = ret;
	else if (k->len == CAPLEN_FIXED)
		n = k->size;
	else if (k->len == CAPLEN_IOV)		/* at most: the counts make it more than ret */
		n = ret ? k->max : 0;
	else if (k->len == CAPLEN_CALL)
		*skip = !(n = trace_call_rule_size(c, k));
	else
		n = arg_bytes(c, k);
	return min_t(u64, n, k->max);
}

size_t trace_exit_room(const struct trace_call *c, long ret)
{
	const struct trace_plan *p = c->plan;
	size_t room = 0;

	for (int i = p->nr_entry; i < p->nr_entry + p->nr_exit; i++) {
		bool skip;
		size_t n = exit_len(c, &p->cap[i], ret, &skip);

		if (!skip)
			room += sizeof(struct ftr_capture) + ALIGN(n, 8);
	}
	return room;
}

/* Output buffers and structures, copied from user memory straight into the ring at dst. */
size_t trace_capture_exit(const struct trace_call *c, long ret, u8 *dst, u8 *nr)
{
	const struct trace_plan *p = c->plan;
	size_t pos = 0;

	for (int i = p->nr_entry; i < p->nr_entry + p->nr_exit; i++) {
		const struct trace_cap *k = &p->cap[i];
		bool skip;
		size_t n = exit_len(c, k, ret, &skip);
		u64 want;
		u8 flags = 0;
		u8 *data = dst + pos + sizeof(struct ftr_capture);

		if (skip)
			continue;
		if (k->len == CAPLEN_IOV) {	/* readv's data: n is the room, not the bytes */
			long got = copy_iov(data, n, c->args[k->arg], c->args[k->len_arg],
					    trace_abis[c->abi].ptr32, ret, &flags);

			n = got < 0 ? 0 : got;
			if (got < 0)
				flags = FTR_CAP_FAULT;
			if (n & 7)
				memset(data + n, 0, 8 - (n & 7));
			put_cap(dst + pos, k, flags, n, 0);
			pos += sizeof(struct ftr_capture) + ALIGN(n, 8);
			(*nr)++;
			continue;
		}
		want = k->len == CAPLEN_RET ? c->args[k->len_arg] :
		       k->len == CAPLEN_FIXED ? k->size : k->len == CAPLEN_CALL ? n : arg_bytes(c, k);
		if (k->len == CAPLEN_RET ? (u64)ret > n : want > n)
			flags = FTR_CAP_TRUNCATED;
		if (n & 7)		/* the padding: zeros, whatever the ring held before */
			*(u64 *)(data + (n & ~7ul)) = 0;
		if (n && copy_from_user(data, (const void __user *)c->args[k->arg], n)) {
			flags = FTR_CAP_FAULT;
			n = 0;
		}
		put_cap(dst + pos, k, flags, n, want);
		pos += sizeof(struct ftr_capture) + ALIGN(n, 8);
		(*nr)++;
	}
	return pos;
}
