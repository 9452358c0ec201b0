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

/* ---- signals taken: strace's "--- SIGx {si_signo=SIGx, si_code=..., ...} ---" ---------- */

/* strace's names: SIGRTMIN for 32, SIGRT_n above it (signal_name() knows only 1..31). */
static void add_signame(char *buf, size_t size, int sig)
{
	if (sig < 32)
		snprintf(buf, size, "%s", signal_name(sig));
	else if (sig == 32)
		snprintf(buf, size, "SIGRTMIN");
	else
		snprintf(buf, size, "SIGRT_%d", sig - 32);
}

static const char *si_code_name(int sig, int code)
{
	static const char *const user[] = {	/* SI_USER (0) down to SI_DETHREAD (-7) */
		"SI_USER", "SI_QUEUE", "SI_TIMER", "SI_MESGQ", "SI_ASYNCIO", "SI_SIGIO",
		"SI_TKILL", "SI_DETHREAD",
	};
	static const char *const segv[] = { NULL, "SEGV_MAPERR", "SEGV_ACCERR" };
	static const char *const fpe[] = { NULL, "FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV",
		"FPE_FLTOVF", "FPE_FLTUND", "FPE_FLTRES", "FPE_FLTINV", "FPE_FLTSUB" };
	static const char *const bus[] = { NULL, "BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR" };
	static const char *const ill[] = { NULL, "ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR",
		"ILL_ILLTRP", "ILL_PRVOPC", "ILL_PRVREG", "ILL_COPROC", "ILL_BADSTK" };
	static const char *const trap[] = { NULL, "TRAP_BRKPT", "TRAP_TRACE", "TRAP_BRANCH",
		"TRAP_HWBKPT", "TRAP_UNK" };
	static const char *const cld[] = { NULL, "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED",
		"CLD_TRAPPED", "CLD_STOPPED", "CLD_CONTINUED" };
#define PICK(tab) (code > 0 && code < (int)ARRAY_SIZE(tab) ? tab[code] : NULL)

	if (code <= 0 && code >= SI_DETHREAD)
		return user[-code];
	if (code == SI_KERNEL)
		return "SI_KERNEL";
	switch (sig) {
	case SIGSEGV: return PICK(segv);
	case SIGFPE: return PICK(fpe);
	case SIGBUS: return PICK(bus);
	case SIGILL: return PICK(ill);
	case SIGTRAP: return PICK(trap);
	case SIGCHLD: return PICK(cld);
	}
	return NULL;
#undef PICK
}

/*
 * A signal get_signal() took for a traced task, before its action is chosen (as strace
 * sees it at ptrace's signal-delivery stop): handled, ignored by default, stopping or
 * fatal. The fields follow siginfo's layout for the code, in strace's order.
 */
void trace_emit_signal(int sig, const struct kernel_siginfo *info)
{
	struct line l = { .len = 0 };
	char name[16], text[192];
	const char *code = si_code_name(sig, info->si_code);
	size_t n;

	add_signame(name, sizeof(name), sig);
	n = snprintf(text, sizeof(text), "{si_signo=%s, si_code=", name);
	if (code)
		n += snprintf(text + n, sizeof(text) - n, "%s", code);
	else
		n += snprintf(text + n, sizeof(text) - n, "%d", info->si_code);
	if (info->si_code <= 0 || sig == SIGCHLD)
		n += snprintf(text + n, sizeof(text) - n, ", si_pid=%d, si_uid=%u",
			      info->si_pid, info->si_uid);
	if (info->si_code == SI_QUEUE)
		n += snprintf(text + n, sizeof(text) - n, ", si_int=%d, si_ptr=%#lx",
			      info->_sifields.rt.sigval.sival_int,
			      (unsigned long)info->_sifields.rt.sigval.sival_ptr);
	else if (sig == SIGCHLD && info->si_code > 0)
		n += snprintf(text + n, sizeof(text) - n, ", si_status=%d, si_utime=%ld, si_stime=%ld",
			      info->_sifields.sigchld.status, info->_sifields.sigchld.utime,
			      info->_sifields.sigchld.stime);
	else if (info->si_code > 0 && info->si_code != SI_KERNEL &&
		 (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP))
		n += snprintf(text + n, sizeof(text) - n, ", si_addr=%#lx",
			      (unsigned long)info->_sifields.sigfault.addr);
	snprintf(text + min(n, sizeof(text) - 2), sizeof(text) - min(n, sizeof(text) - 2), "}");
	add(&l, "{\"type\":\"signal\",\"seq\":%llu,\"pid\":%d,\"tid\":%d,\"signal\":\"%s\",\"info\":",
	    ++seq, current->tgid, current->pid, name);
	add_json_str(&l, text);
	add(&l, "}");
	emit(&l);
}
