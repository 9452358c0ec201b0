// SPDX-License-Identifier: GPL-2.0
/*
 * Signal data in user memory: the 128-byte siginfo_t of the 64-bit ABIs (the kernel's
 * kernel_siginfo_t has its layout, followed by zeros) and of the 32-bit ABIs (struct
 * compat_siginfo: every long and pointer 32 bits, so each kind of siginfo is converted
 * field by field), and the 32-bit ABIs' sigset_t as two words.
 */
#include <linux/kernel.h>
#include <linux/signal.h>
#include <linux/compat.h>
#include <linux/uaccess.h>
#include <linux/string.h>
#include <linux/errno.h>
#include "signal_internal.h"

/*
 * The 64-bit siginfo_t in kernel memory (a frame being built): kernel_siginfo_t's bytes,
 * then zeros. Inline moves and stores: -fno-builtin would make each a call of ~60
 * instructions, on every signal delivered.
 */
void copy_siginfo_to_external(siginfo_t *to, const kernel_siginfo_t *from)
{
	_Static_assert(sizeof(kernel_siginfo_t) <= SI_MAX_SIZE, "siginfo fits");
	__builtin_memcpy(to->bytes, from, sizeof(*from));
	__builtin_memset(to->bytes + sizeof(*from), 0, SI_MAX_SIZE - sizeof(*from));
}

int copy_siginfo_to_user(siginfo_t __user *to, const kernel_siginfo_t *from)
{
	siginfo_t buf;

	copy_siginfo_to_external(&buf, from);
	return copy_to_user(to, &buf, sizeof(buf)) ? -EFAULT : 0;
}


/*
 * Which union member a siginfo uses (Linux's siginfo_layout), by signal and si_code. The
 * kernel's own codes (1 .. SI_KERNEL-1) mean something per signal up to that signal's last
 * known code; above it, or for a signal without codes of its own, a code up to NSIGPOLL is
 * read as SIGPOLL's (band, fd), as Linux does, and anything else as kill's (pid, uid).
 */
enum siginfo_layout {
	SIL_KILL, SIL_TIMER, SIL_POLL, SIL_FAULT, SIL_FAULT_MCEERR, SIL_FAULT_BNDERR,
	SIL_FAULT_PKUERR, SIL_FAULT_PERF_EVENT, SIL_CHLD, SIL_RT, SIL_SYS,
};

#define NSIGPOLL	6
#define BUS_MCEERR_AR	4
#define BUS_MCEERR_AO	5
#define SEGV_BNDERR	3
#define SEGV_PKUERR	4
#define TRAP_PERF	6

/* the last kernel si_code of each signal that has its own (0: none) */
static const struct { unsigned char limit, layout; } sig_sicodes[] = {
	[SIGILL]  = { 11, SIL_FAULT },		/* NSIGILL */
	[SIGFPE]  = { 15, SIL_FAULT },		/* NSIGFPE */
	[SIGSEGV] = {  9, SIL_FAULT },		/* NSIGSEGV */
	[SIGBUS]  = {  5, SIL_FAULT },		/* NSIGBUS */
	[SIGTRAP] = {  6, SIL_FAULT },		/* NSIGTRAP */
	[SIGCHLD] = {  6, SIL_CHLD },		/* NSIGCHLD */
	[SIGPOLL] = { NSIGPOLL, SIL_POLL },
	[SIGSYS]  = {  2, SIL_SYS },		/* NSIGSYS */
};

static bool sig_specific_sicodes(unsigned int sig)
{
	return sig < ARRAY_SIZE(sig_sicodes) && sig_sicodes[sig].limit;
}

static enum siginfo_layout siginfo_layout(unsigned int sig, int code)
{
	if (code > SI_USER && code < SI_KERNEL) {
		if (sig_specific_sicodes(sig) && code <= sig_sicodes[sig].limit) {
			/* the fault codes whose siginfo carries more than the address */
			if (sig == SIGBUS && (code == BUS_MCEERR_AR || code == BUS_MCEERR_AO))
				return SIL_FAULT_MCEERR;
			if (sig == SIGSEGV && code == SEGV_BNDERR)
				return SIL_FAULT_BNDERR;
			if (sig == SIGSEGV && code == SEGV_PKUERR)
				return SIL_FAULT_PKUERR;
			if (sig == SIGTRAP && code == TRAP_PERF)
				return SIL_FAULT_PERF_EVENT;
			return sig_sicodes[sig].layout;
		}
		return code <= NSIGPOLL ? SIL_POLL : SIL_KILL;
	}
	if (code == SI_TIMER)
		return SIL_TIMER;
	if (code == SI_SIGIO)
		return SIL_POLL;
	return code < 0 ? SIL_RT : SIL_KILL;
}

/*
 * Whether si_code names a layout this kernel knows (Linux's known_siginfo_layout): for the
 * others a sender's 128-byte siginfo cannot be queued as 48 bytes without losing something,
 * so the bytes past kernel_siginfo_t must be zero (see copy_siginfo_from_user).
 */
static bool known_siginfo_layout(unsigned int sig, int code)
{
	if (code == SI_KERNEL)
		return true;
	if (code > SI_USER)
		return code <= (sig_specific_sicodes(sig) ? sig_sicodes[sig].limit : NSIGPOLL);
	return code >= SI_DETHREAD || code == SI_ASYNCNL;
}

/*
 * A sender's siginfo, for the signal sig (what rt_sigqueueinfo delivers; si_signo is set
 * to it): kernel_siginfo_t's bytes, and -E2BIG when the code's layout is unknown and the
 * rest of the 128 bytes is not all zero, as Linux.
 */
int copy_siginfo_from_user(int sig, kernel_siginfo_t *to, const siginfo_t __user *from)
{
	u8 rest[SI_MAX_SIZE - sizeof(kernel_siginfo_t)];

	if (copy_from_user(to, from, sizeof(*to)))
		return -EFAULT;
	to->si_signo = sig;
	if (known_siginfo_layout(sig, to->si_code))
		return 0;
	if (copy_from_user(rest, from->bytes + sizeof(*to), sizeof(rest)))
		return -EFAULT;
	for (unsigned int i = 0; i < sizeof(rest); i++)
		if (rest[i])
			return -E2BIG;
	return 0;
}

/* The 32-bit siginfo in kernel memory (a frame being built), converted field by field. */
void copy_siginfo_to_external32(struct compat_siginfo *to, const kernel_siginfo_t *from)
{
	struct compat_siginfo c;

	__builtin_memset(&c, 0, sizeof(c));	/* inline stores, not a call */
	c.si_signo = from->si_signo;
	c.si_errno = from->si_errno;
	c.si_code = from->si_code;
	switch (siginfo_layout(from->si_signo, from->si_code)) {
	case SIL_KILL:
		c._sifields.kill.pid = from->_sifields.kill.pid;
		c._sifields.kill.uid = from->_sifields.kill.uid;
		break;
	case SIL_TIMER:
		c._sifields.timer.tid = from->_sifields.timer.tid;
		c._sifields.timer.overrun = from->_sifields.timer.overrun;
		c._sifields.timer.sigval.sival_int = from->_sifields.timer.sigval.sival_int;
		break;
	case SIL_POLL:
		c._sifields.sigpoll.band = from->_sifields.sigpoll.band;
		c._sifields.sigpoll.fd = from->_sifields.sigpoll.fd;
		break;
	case SIL_FAULT:
		c._sifields.sigfault.addr = (compat_uptr_t)(unsigned long)from->si_addr;
		break;
	case SIL_FAULT_MCEERR:
		c._sifields.sigfault.addr = (compat_uptr_t)(unsigned long)from->si_addr;
		c._sifields.sigfault.addr_lsb = from->_sifields.sigfault.addr_lsb;
		break;
	case SIL_FAULT_BNDERR:
		c._sifields.sigfault.addr = (compat_uptr_t)(unsigned long)from->si_addr;
		c._sifields.sigfault.addr_bnd.lower =
			(compat_uptr_t)(unsigned long)from->_sifields.sigfault.addr_bnd.lower;
		c._sifields.sigfault.addr_bnd.upper =
			(compat_uptr_t)(unsigned long)from->_sifields.sigfault.addr_bnd.upper;
		break;
	case SIL_FAULT_PKUERR:
		c._sifields.sigfault.addr = (compat_uptr_t)(unsigned long)from->si_addr;
		c._sifields.sigfault.addr_pkey.pkey = from->_sifields.sigfault.addr_pkey.pkey;
		break;
	case SIL_FAULT_PERF_EVENT:
		c._sifields.sigfault.addr = (compat_uptr_t)(unsigned long)from->si_addr;
		c._sifields.sigfault.perf.data = from->_sifields.sigfault.perf.data;
		c._sifields.sigfault.perf.type = from->_sifields.sigfault.perf.type;
		c._sifields.sigfault.perf.flags = from->_sifields.sigfault.perf.flags;
		break;
	case SIL_CHLD:
		c._sifields.sigchld.pid = from->_sifields.sigchld.pid;
		c._sifields.sigchld.uid = from->_sifields.sigchld.uid;
		c._sifields.sigchld.status = from->_sifields.sigchld.status;
		c._sifields.sigchld.utime = from->_sifields.sigchld.utime;
		c._sifields.sigchld.stime = from->_sifields.sigchld.stime;
		break;
	case SIL_RT:
		c._sifields.rt.pid = from->_sifields.rt.pid;
		c._sifields.rt.uid = from->_sifields.rt.uid;
		c._sifields.rt.sigval.sival_int = from->_sifields.rt.sigval.sival_int;
		break;
	case SIL_SYS:
		c._sifields.sigsys.call_addr =
			(compat_uptr_t)(unsigned long)from->_sifields.sigsys.call_addr;
		c._sifields.sigsys.syscall = from->_sifields.sigsys.syscall;
		c._sifields.sigsys.arch = from->_sifields.sigsys.arch;
		break;
	}
	*to = c;
}

int copy_siginfo_to_user32(struct compat_siginfo __user *to, const kernel_siginfo_t *from)
{
	struct compat_siginfo c;

	copy_siginfo_to_external32(&c, from);
	return copy_to_user(to, &c, sizeof(c)) ? -EFAULT : 0;
}

/*
 * A 32-bit sender's siginfo for the signal sig, converted by the layout of (sig, si_code):
 * sig, not the sender's si_signo, decides, as Linux. No E2BIG here (Linux has none for
 * compat: what the layout does not name is dropped).
 */
int copy_siginfo_from_user32(int sig, kernel_siginfo_t *to,
			     const struct compat_siginfo __user *from)
{
	struct compat_siginfo c;

	if (copy_from_user(&c, from, sizeof(c)))
		return -EFAULT;
	c.si_signo = sig;
	clear_siginfo(to);
	to->si_signo = c.si_signo;
	to->si_errno = c.si_errno;
	to->si_code = c.si_code;
	switch (siginfo_layout(c.si_signo, c.si_code)) {
	case SIL_KILL:
		to->_sifields.kill.pid = c._sifields.kill.pid;
		to->_sifields.kill.uid = c._sifields.kill.uid;
		break;
	case SIL_TIMER:
		to->_sifields.timer.tid = c._sifields.timer.tid;
		to->_sifields.timer.overrun = c._sifields.timer.overrun;
		to->_sifields.timer.sigval.sival_ptr = compat_ptr(c._sifields.timer.sigval.sival_ptr);
		break;
	case SIL_POLL:
		to->_sifields.sigpoll.band = c._sifields.sigpoll.band;
		to->_sifields.sigpoll.fd = c._sifields.sigpoll.fd;
		break;
	case SIL_FAULT:
		to->si_addr = compat_ptr(c._sifields.sigfault.addr);
		break;
	case SIL_FAULT_MCEERR:
		to->si_addr = compat_ptr(c._sifields.sigfault.addr);
		to->_sifields.sigfault.addr_lsb = c._sifields.sigfault.addr_lsb;
		break;
	case SIL_FAULT_BNDERR:
		to->si_addr = compat_ptr(c._sifields.sigfault.addr);
		to->_sifields.sigfault.addr_bnd.lower = compat_ptr(c._sifields.sigfault.addr_bnd.lower);
		to->_sifields.sigfault.addr_bnd.upper = compat_ptr(c._sifields.sigfault.addr_bnd.upper);
		break;
	case SIL_FAULT_PKUERR:
		to->si_addr = compat_ptr(c._sifields.sigfault.addr);
		to->_sifields.sigfault.addr_pkey.pkey = c._sifields.sigfault.addr_pkey.pkey;
		break;
	case SIL_FAULT_PERF_EVENT:
		to->si_addr = compat_ptr(c._sifields.sigfault.addr);
		to->_sifields.sigfault.perf.data = c._sifields.sigfault.perf.data;
		to->_sifields.sigfault.perf.type = c._sifields.sigfault.perf.type;
		to->_sifields.sigfault.perf.flags = c._sifields.sigfault.perf.flags;
		break;
	case SIL_CHLD:
		to->_sifields.sigchld.pid = c._sifields.sigchld.pid;
		to->_sifields.sigchld.uid = c._sifields.sigchld.uid;
		to->_sifields.sigchld.status = c._sifields.sigchld.status;
		to->_sifields.sigchld.utime = c._sifields.sigchld.utime;
		to->_sifields.sigchld.stime = c._sifields.sigchld.stime;
		break;
	case SIL_RT:
		to->_sifields.rt.pid = c._sifields.rt.pid;
		to->_sifields.rt.uid = c._sifields.rt.uid;
		/* the pointer-sized value as the 32-bit program's int */
		to->_sifields.rt.sigval.sival_ptr = compat_ptr(c._sifields.rt.sigval.sival_ptr);
		break;
	case SIL_SYS:
		to->_sifields.sigsys.call_addr = compat_ptr(c._sifields.sigsys.call_addr);
		to->_sifields.sigsys.syscall = c._sifields.sigsys.syscall;
		to->_sifields.sigsys.arch = c._sifields.sigsys.arch;
		break;
	}
	return 0;
}

int get_compat_sigset(sigset_t *set, const compat_sigset_t __user *compat)
{
	compat_sigset_t c;

	if (copy_from_user(&c, compat, sizeof(c)))
		return -EFAULT;
	set->sig[0] = c.sig[0] | ((u64)c.sig[1] << 32);
	return 0;
}

/* size: the caller's sigsetsize (rt_sigpending copies that many bytes, up to 8). */
int put_compat_sigset(compat_sigset_t __user *compat, const sigset_t *set, unsigned int size)
{
	compat_sigset_t c = { .sig = { (u32)set->sig[0], (u32)(set->sig[0] >> 32) } };

	return copy_to_user(compat, &c, size) ? -EFAULT : 0;
}
