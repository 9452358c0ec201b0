// SPDX-License-Identifier: GPL-2.0
/*
 * Argument decoding for trace records, driven only by the SYSCALL_DEFINE metadata (the
 * declared C type and name of each argument), never by a list of syscalls:
 *
 *   const char * followed by a count/len/size argument  -> buffer ("hi\n", capped)
 *   const char * otherwise                               -> string (capped)
 *   argv (execve's, execveat's: an array of strings)      -> ["wc", "-l"], capped
 *   other arrays of strings (envp)                        -> pointer
 *   char * (output)                                      -> buffer, read at exit
 *   any other pointer                                    -> hex, or NULL
 *   unsigned long addr, brk, start                       -> hex (an address in a long)
 * (The types as the metadata spells them: __user is an annotation for people and checkers,
 * and the preprocessor has removed it by the time SYSCALL_METADATA stringifies the type.)
 *   fd, dfd, oldfd, newfd                                       -> number, AT_FDCWD
 *   flags of open/openat                                        -> O_* names
 *   mode                                                        -> octal
 *   signed / unsigned integer types                             -> decimal
 * User memory is read with the uaccess layer, so a bad pointer shows as its address.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include "trace.h"

static bool has(const char *s, const char *sub)
{
	return strstr(s, sub) != NULL;
}

/* How many levels of pointer a type has: "const char __user *const __user *" is two. */
static int pointer_depth(const char *t)
{
	int n = 0;

	for (; *t; t++)
		n += *t == '*';
	return n;
}

static bool is_size_name(const char *n)
{
	return !strcmp(n, "count") || !strcmp(n, "len") || !strcmp(n, "size") ||
	       !strcmp(n, "nbytes") || !strcmp(n, "bufsiz");
}

static bool is_fd_name(const char *n)
{
	return !strcmp(n, "fd") || !strcmp(n, "dfd") || !strcmp(n, "oldfd") ||
	       !strcmp(n, "newfd") || !strcmp(n, "dirfd");
}

/* A compat entry's compat_ulong_t, compat_off_t, ... decode as their 64-bit counterparts. */
static bool is_unsigned_type(const char *t)
{
	if (!strncmp(t, "compat_", 7))
		return !strcmp(t + 7, "ulong_t") || !strcmp(t + 7, "uint_t") ||
		       !strcmp(t + 7, "size_t");
	return !strncmp(t, "unsigned", 8) || !strcmp(t, "size_t") || !strcmp(t, "umode_t") ||
	       !strcmp(t, "u32") || !strcmp(t, "u64") || !strcmp(t, "uid_t") || !strcmp(t, "gid_t");
}

static bool is_signed_type(const char *t)
{
	if (!strncmp(t, "compat_", 7))
		return !strcmp(t + 7, "long_t") || !strcmp(t + 7, "int_t") ||
		       !strcmp(t + 7, "off_t") || !strcmp(t + 7, "ssize_t");
	return !strcmp(t, "int") || !strcmp(t, "long") || !strcmp(t, "pid_t") ||
	       !strcmp(t, "off_t") || !strcmp(t, "loff_t") || !strcmp(t, "ssize_t");
}

/*
 * strace-style quoting into o..end: printable ASCII as is, C escapes, octal for the rest;
 * "..." after the quote when the string was cut. Returns the end of what it wrote (a NUL
 * there); stops early when the room runs out: 9 bytes are kept for the last escape (4), the
 * closing quote, "..." and the NUL (end - o must be at least 10).
 */
static char *quote_to(char *o, char *end, const unsigned char *s, size_t n, bool truncated)
{
	end -= 9;
	*o++ = '"';
	for (size_t i = 0; i < n && o < end; i++) {
		unsigned char c = s[i];
		const char *esc = c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" :
				  c == '"' ? "\\\"" : c == '\\' ? "\\\\" : NULL;

		if (esc) {
			*o++ = esc[0];
			*o++ = esc[1];
		} else if (c >= 0x20 && c < 0x7f) {
			*o++ = c;
		} else {
			bool digit_next = i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '7';

			o += snprintf(o, 5, digit_next ? "\\%03o" : "\\%o", c);
		}
	}
	*o++ = '"';
	if (truncated)
		o += snprintf(o, 4, "...");
	*o = '\0';
	return o;
}

static void quote(struct trace_arg *a, const unsigned char *s, size_t n, bool truncated)
{
	quote_to(a->value, a->value + sizeof(a->value), s, n, truncated);
	a->truncated = truncated;
}

static void decode_buf(struct trace_arg *a, unsigned long uaddr, unsigned long len)
{
	unsigned char tmp[TRACE_BUF_MAX];
	size_t n = min(len, (unsigned long)TRACE_BUF_MAX);

	a->kind = "buf";
	if (copy_from_user(tmp, (const void __user *)uaddr, n)) {
		snprintf(a->value, sizeof(a->value), "%#lx", uaddr);
		a->kind = "ptr";
		return;
	}
	quote(a, tmp, n, len > n);
}

static void decode_str(struct trace_arg *a, unsigned long uaddr)
{
	char tmp[TRACE_STR_MAX + 1];
	long n = strncpy_from_user(tmp, (const char __user *)uaddr, TRACE_STR_MAX + 1);

	a->kind = "str";
	if (n < 0) {
		snprintf(a->value, sizeof(a->value), "%#lx", uaddr);
		a->kind = "ptr";
		return;
	}
	quote(a, (unsigned char *)tmp, min(n, (long)TRACE_STR_MAX), n > TRACE_STR_MAX);
}

/*
 * execve's argv as strace prints it, ["wc", "-l"]: make compare matches the processes of a
 * script across kernels by these command lines (busybox runs its applets by exec'ing
 * /proc/self/exe, so the file name says nothing). The array's words are pointers of the
 * task's ABI (4 bytes for i386 and arm), read until the NULL one. At most TRACE_ARGV_MAX
 * words, each cut at TRACE_ARGV_WORD bytes, and only what fits in the value: a cut array
 * ends ", ..." as strace's does. An unreadable array or word shows the array's address.
 */
#define TRACE_ARGV_MAX  16
#define TRACE_ARGV_WORD 40

static void decode_argv(struct trace_arg *a, unsigned long uaddr, bool ptr32)
{
	char *o = a->value, *end = a->value + sizeof(a->value);
	unsigned char word[TRACE_ARGV_WORD + 1];
	char q[4 * TRACE_ARGV_WORD + 8];	/* one word quoted: every byte an escape at worst */

	a->kind = "argv";
	*o++ = '[';
	for (int i = 0;; i++) {
		unsigned long p = 0;
		u32 p32;
		long n;
		size_t len;

		if (ptr32 ? copy_from_user(&p32, (const void __user *)(uaddr + 4 * i), 4) :
			    copy_from_user(&p, (const void __user *)(uaddr + 8 * i), 8))
			goto bad;
		if (ptr32)
			p = p32;
		if (!p)
			break;
		n = strncpy_from_user((char *)word, (const char __user *)p, sizeof(word));
		if (n < 0)
			goto bad;
		len = quote_to(q, q + sizeof(q), word, min(n, (long)TRACE_ARGV_WORD),
			       n > TRACE_ARGV_WORD) - q;
		/* this word after ", ", and still room for ", ...]" and the NUL */
		if (i == TRACE_ARGV_MAX || (size_t)(end - o) < 2 + len + 7) {
			o += snprintf(o, end - o, "%s...", i ? ", " : "");
			a->truncated = true;
			break;
		}
		if (i) {
			memcpy(o, ", ", 2);
			o += 2;
		}
		memcpy(o, q, len);
		o += len;
	}
	*o++ = ']';
	*o = '\0';
	return;
bad:
	a->kind = "ptr";
	a->truncated = false;
	snprintf(a->value, sizeof(a->value), "%#lx", uaddr);
}

/* Open flags as Linux names them (asm-generic values; x86 and arm64 agree on these). */
static void decode_open_flags(struct trace_arg *a, unsigned long v)
{
	static const struct { unsigned long bit; const char *name; } bits[] = {
		{ 0100, "O_CREAT" }, { 0200, "O_EXCL" }, { 0400, "O_NOCTTY" },
		{ 01000, "O_TRUNC" }, { 02000, "O_APPEND" }, { 04000, "O_NONBLOCK" },
		{ 02000000, "O_CLOEXEC" },
	};
	static const char *const acc[4] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
	char *o = a->value;

	a->kind = "flags";
	o += snprintf(o, 16, "%s", acc[v & 3]);
	v &= ~3UL;
	for (unsigned i = 0; i < ARRAY_SIZE(bits); i++)
		if (v & bits[i].bit) {
			o += snprintf(o, 24, "|%s", bits[i].name);
			v &= ~bits[i].bit;
		}
	if (v)
		snprintf(o, 24, "|%#lo", v);
}

static void decode_one(struct trace_call *c, int i, const struct syscall_metadata *m)
{
	struct trace_arg *a = &c->dec[i];
	const char *t = m->types[i], *n = m->args[i];
	unsigned long v = c->args[i];
	bool compat = !strcmp(c->abi->name, "i386");

	a->truncated = false;
	a->at_exit = false;
	if (!strcmp(n, "argv") && has(t, "*")) {	/* char **, or compat_uptr_t * */
		decode_argv(a, v, compat || !strcmp(c->abi->name, "arm"));
	} else if (has(t, "char") && pointer_depth(t) == 1) {	/* an array of strings is a pointer */
		if (strncmp(t, "const ", 6)) {
			a->at_exit = true;	/* output buffer: contents exist after the call */
			a->kind = "buf";
			return;
		}
		if (i + 1 < m->nb_args && is_size_name(m->args[i + 1]))
			decode_buf(a, v, c->args[i + 1]);
		else
			decode_str(a, v);
	} else if (has(t, "*")) {
		a->kind = "ptr";
		if (v)
			snprintf(a->value, sizeof(a->value), "%#lx", v);
		else
			strlcpy(a->value, "NULL", sizeof(a->value));
	} else if (is_fd_name(n)) {
		a->kind = "fd";
		if ((int)v == -100)
			strlcpy(a->value, "AT_FDCWD", sizeof(a->value));
		else
			snprintf(a->value, sizeof(a->value), "%d", (int)v);
	} else if (!strcmp(n, "flags") && c->abi->names[c->nr] &&
		   (!strcmp(c->abi->names[c->nr], "open") || !strcmp(c->abi->names[c->nr], "openat"))) {
		decode_open_flags(a, v);
	} else if (!strcmp(n, "addr") || !strcmp(n, "brk") || !strcmp(n, "start")) {
		a->kind = "hex";
		snprintf(a->value, sizeof(a->value), "%#lx", v);
	} else if (!strcmp(n, "mode")) {
		a->kind = "uint";
		snprintf(a->value, sizeof(a->value), "%#lo", v);
	} else if (is_unsigned_type(t)) {
		a->kind = "uint";
		snprintf(a->value, sizeof(a->value), "%lu", compat ? (unsigned long)(u32)v : v);
	} else if (is_signed_type(t)) {
		a->kind = "int";
		snprintf(a->value, sizeof(a->value), "%ld",
			 compat || !strcmp(t, "int") || !strcmp(t, "pid_t") ? (long)(int)v : (long)v);
	} else {
		a->kind = "hex";
		snprintf(a->value, sizeof(a->value), "%#lx", v);
	}
}

static const struct syscall_metadata *meta_of(struct trace_call *c)
{
	if ((unsigned long)c->nr >= c->abi->nr_syscalls)
		return NULL;
	return c->abi->meta[c->nr];
}

void trace_decode_entry(struct trace_call *c)
{
	const struct syscall_metadata *m = meta_of(c);

	c->nargs = m ? m->nb_args : -1;
	for (int i = 0; m && i < m->nb_args; i++)
		decode_one(c, i, m);
}

void trace_decode_exit(struct trace_call *c)
{
	for (int i = 0; i < c->nargs; i++) {
		struct trace_arg *a = &c->dec[i];

		if (!a->at_exit)
			continue;
		if (c->ret > 0)
			decode_buf(a, c->args[i], c->ret);
		else
			snprintf(a->value, sizeof(a->value), "%#lx", c->args[i]), a->kind = "ptr";
	}
}
