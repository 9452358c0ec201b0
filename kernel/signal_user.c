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

int copy_siginfo_to_user(siginfo_t __user *to, const kernel_siginfo_t *from)
{
	char buf[SI_MAX_SIZE];

	_Static_assert(sizeof(kernel_siginfo_t) <= SI_MAX_SIZE, "siginfo fits");
	memset(buf, 0, sizeof(buf));
	memcpy(buf, from, sizeof(*from));
	return copy_to_user(to, buf, sizeof(buf)) ? -EFAULT : 0;
}

int copy_siginfo_from_user(kernel_siginfo_t *to, const siginfo_t __user *from)
{
	return copy_from_user(to, from, sizeof(*to)) ? -EFAULT : 0;
}

/* Which union member a siginfo uses (Linux's siginfo_layout), by signal and si_code. */
enum siginfo_layout { SIL_KILL, SIL_TIMER, SIL_POLL, SIL_FAULT, SIL_CHLD, SIL_RT, SIL_SYS };

static enum siginfo_layout siginfo_layout(int sig, int code)
{
	if (code > SI_USER && code < SI_KERNEL) {
		/* The kernel's own codes: their meaning depends on the signal. */
		switch (sig) {
		case SIGILL:	return code <= 11 ? SIL_FAULT : SIL_KILL;
		case SIGFPE:	return code <= 15 ? SIL_FAULT : SIL_KILL;
		case SIGSEGV:	return code <= 9 ? SIL_FAULT : SIL_KILL;
		case SIGBUS:	return code <= 5 ? SIL_FAULT : SIL_KILL;
		case SIGTRAP:	return code <= 6 ? SIL_FAULT : SIL_KILL;
		case SIGCHLD:	return code <= 6 ? SIL_CHLD : SIL_KILL;
		case SIGSYS:	return code <= 2 ? SIL_SYS : SIL_KILL;
		default:	return code <= 6 ? SIL_POLL : SIL_KILL;
		}
	}
	if (code == SI_TIMER)
		return SIL_TIMER;
	if (code == SI_SIGIO)
		return SIL_POLL;
	return code < 0 ? SIL_RT : SIL_KILL;
}

int copy_siginfo_to_user32(struct compat_siginfo __user *to, const kernel_siginfo_t *from)
{
	struct compat_siginfo c;

	memset(&c, 0, sizeof(c));
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
	return copy_to_user(to, &c, sizeof(c)) ? -EFAULT : 0;
}

int copy_siginfo_from_user32(kernel_siginfo_t *to, const struct compat_siginfo __user *from)
{
	struct compat_siginfo c;

	if (copy_from_user(&c, from, sizeof(c)))
		return -EFAULT;
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
