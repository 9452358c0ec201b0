// SPDX-License-Identifier: GPL-2.0
/*
 * Trace records as JSON Lines, one object per line (docs/tracing.md has the format).
 * Formatting happens into one line buffer; a line that would not fit is cut at a field
 * boundary and marked, never emitted as broken JSON.
 */
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/errno.h>
#include <asm/timex.h>
#include "trace.h"

static const char *const route_names[NR_SYSCALL_ROUTES] = {
	[ROUTE_SYSCALL64] = "syscall", [ROUTE_INT80] = "int80", [ROUTE_SYSENTER] = "sysenter",
	[ROUTE_SYSCALL32] = "syscall32", [ROUTE_SVC] = "svc", [ROUTE_SVC32] = "svc32",
};

static const char *const errnames[MAX_ERRNO + 1] = {
#include <generated/errnames.h>
};

struct line {
	char buf[2048];
	size_t len;
};

static void add(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(l->buf + l->len, sizeof(l->buf) - l->len, fmt, ap);
	va_end(ap);
	l->len = min(l->len + n, sizeof(l->buf) - 1);
}

/* A JSON string: quotes, backslashes and control characters escaped. */
static void add_json_str(struct line *l, const char *s)
{
	add(l, "\"");
	for (; *s && l->len < sizeof(l->buf) - 8; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			add(l, "\\%c", c);
		else if (c < 0x20)
			add(l, "\\u%04x", c);
		else
			l->buf[l->len++] = c;
	}
	add(l, "\"");
}

static void emit(struct line *l)
{
	add(l, "\n");
	trace_write_record(l->buf, l->len);
}

static unsigned long long seq;

void trace_emit_header(void)
{
	struct line l = { .len = 0 };

	add(&l, "{\"type\":\"header\",\"source\":\"ferry\",\"arch\":\"%s\",\"version\":1,"
		"\"cycles_per_sec\":%llu,\"icount\":%s,\"insns_per_cycle\":%u}",
		KBUILD_ARCH_STR, (unsigned long long)cycles_per_sec(),
		trace_config.icount ? "true" : "false", ICOUNT_INSNS_PER_CYCLE);
	emit(&l);
}

void trace_emit_syscall(struct trace_call *c)
{
	static struct line l;
	const char *name = (unsigned long)c->nr < c->abi->nr_syscalls ? c->abi->names[c->nr] : NULL;

	l.len = 0;
	add(&l, "{\"type\":\"syscall\",\"seq\":%llu,\"ts\":%llu,\"pid\":%d,\"tid\":%d,\"comm\":",
	    ++seq, (unsigned long long)c->ts, current->tgid, current->pid);
	add_json_str(&l, current->comm);
	add(&l, ",\"abi\":\"%s\",\"route\":\"%s\",\"nr\":%ld,\"name\":", c->abi->name,
	    c->route < NR_SYSCALL_ROUTES ? route_names[c->route] : "unknown", c->nr);
	if (name)
		add_json_str(&l, name);
	else
		add(&l, "null");
	add(&l, ",\"args\":[");
	for (int i = 0; i < 6; i++)
		add(&l, "%s\"%#lx\"", i ? "," : "", c->args[i]);
	add(&l, "],\"decoded\":");
	if (c->nargs < 0) {
		add(&l, "null");
	} else {
		const struct syscall_metadata *m = c->abi->meta[c->nr];

		add(&l, "[");
		for (int i = 0; i < c->nargs; i++) {
			add(&l, "%s{\"name\":", i ? "," : "");
			add_json_str(&l, m->args[i]);
			add(&l, ",\"type\":");
			add_json_str(&l, m->types[i]);
			add(&l, ",\"kind\":\"%s\",\"value\":", c->dec[i].kind);
			add_json_str(&l, c->dec[i].value);
			if (c->dec[i].truncated)
				add(&l, ",\"truncated\":true");
			add(&l, "}");
		}
		add(&l, "]");
	}
	if (c->no_return)
		add(&l, ",\"ret\":null,\"errno\":");
	else
		add(&l, ",\"ret\":%ld,\"errno\":", c->ret);
	if (!c->no_return && c->ret < 0 && c->ret >= -MAX_ERRNO && errnames[-c->ret])
		add(&l, "\"%s\"", errnames[-c->ret]);
	else
		add(&l, "null");
	add(&l, ",\"cycles\":%llu,\"insns\":", (unsigned long long)c->cycles);
	if (trace_config.icount)
		add(&l, "%llu}", (unsigned long long)c->cycles * ICOUNT_INSNS_PER_CYCLE);
	else
		add(&l, "null}");
	emit(&l);
}

/* The process's end as strace says it: "exited with N" or "killed by SIGx". */
void trace_emit_exit(struct task_struct *t, int code)
{
	struct line l = { .len = 0 };

	if (code & 0x7f)
		add(&l, "{\"type\":\"exit\",\"pid\":%d,\"status\":null,\"signal\":\"%s\","
		    "\"dropped_total\":%llu}", t->tgid, signal_name(code & 0x7f),
		    (unsigned long long)trace_dropped_total());
	else
		add(&l, "{\"type\":\"exit\",\"pid\":%d,\"status\":%d,\"dropped_total\":%llu}",
		    t->tgid, (code >> 8) & 0xff, (unsigned long long)trace_dropped_total());
	emit(&l);
	trace_flush();
}
