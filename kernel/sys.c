// SPDX-License-Identifier: GPL-2.0
/* Process-identity and system-information syscalls (uids and gids: kernel/cred.c). */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/string.h>
#include <linux/cred.h>
#include <linux/mutex.h>
#include <uapi/linux/utsname.h>
#include <asm/elf.h>
#include <linux/syscall_trace.h>
#include <linux/compat.h>
#include <linux/gfp.h>
#include <asm/timex.h>

SYSCALL_DEFINE0(getpid)
{
	return current->tgid;
}

SYSCALL_DEFINE0(gettid)
{
	return current->pid;
}

/* The parent's process id; 0 for init, whose parent is the idle task (pid 0). */
SYSCALL_DEFINE0(getppid)
{
	return READ_ONCE(current->real_parent)->tgid;
}

/*
 * The system's names. sethostname/setdomainname change nodename and domainname under
 * uts_mutex (writers one at a time); uname copies the structure out without a lock, so that
 * it costs what it did before the names could change (make bench's uname row). A uname that
 * races a sethostname may see part of the old name and part of the new one; Linux's uts_sem
 * makes readers wait instead (docs/userland.md, left out).
 */
static struct new_utsname init_uts = {
	.sysname = "Linux",		/* user space checks this name; we implement its ABI */
	.nodename = "ferry",
	.release = "6.1.0-ferry",	/* a Linux-like release so libc version checks pass */
	.version = "#1 Ferry",
	.machine = UTS_MACHINE,
	.domainname = "(none)",
};
static DEFINE_MUTEX(uts_mutex);

SYSCALL_DEFINE1(newuname, struct new_utsname __user *, name)
{
	if (copy_to_user(name, &init_uts, sizeof(*name)))
		return -EFAULT;
	return 0;
}

/* Linux's order of checks: privilege (CAP_SYS_ADMIN), the length, then the copy. */
static long set_uts_name(char *field, const char __user *name, int len)
{
	char tmp[__NEW_UTS_LEN];

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (len < 0 || len > __NEW_UTS_LEN)
		return -EINVAL;
	if (copy_from_user(tmp, name, len))
		return -EFAULT;
	mutex_lock(&uts_mutex);
	memcpy(field, tmp, len);
	memset(field + len, 0, __NEW_UTS_LEN + 1 - len);
	mutex_unlock(&uts_mutex);
	return 0;
}

SYSCALL_DEFINE2(sethostname, char __user *, name, int, len)
{
	return set_uts_name(init_uts.nodename, name, len);
}

SYSCALL_DEFINE2(setdomainname, char __user *, name, int, len)
{
	return set_uts_name(init_uts.domainname, name, len);
}

#define PR_SET_NAME 15
#define PR_GET_NAME 16

/*
 * prctl: the process-name options Linux has, and PR_FERRY_TRACE (our own option number)
 * to switch syscall tracing of the calling task on (arg2 = 1) or off (0) at run time.
 */
SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3,
		unsigned long, arg4, unsigned long, arg5)
{
	char name[TASK_COMM_LEN];

	switch (option) {
	case PR_SET_NAME:
		if (strncpy_from_user(name, (const char __user *)arg2, sizeof(name)) < 0)
			return -EFAULT;
		name[sizeof(name) - 1] = '\0';
		strlcpy(current->comm, name, sizeof(current->comm));
		if (IS_ENABLED(CONFIG_SYSCALL_TRACE))
			trace_task_comm(current);
		return 0;
	case PR_GET_NAME:
		return copy_to_user((char __user *)arg2, current->comm, sizeof(current->comm)) ?
			-EFAULT : 0;
	case PR_FERRY_TRACE:
		if (!IS_ENABLED(CONFIG_SYSCALL_TRACE))
			return -EINVAL;
		if (arg2 > 1)
			return -EINVAL;
		return trace_set_current(arg2);
	}
	return -EINVAL;
}

/*
 * sysinfo(2): uptime and memory. No swap, no load average yet, one process. RAM figures are
 * in bytes (mem_unit 1); the compat entry scales them to pages when bytes would not fit its
 * 32-bit fields, as Linux does.
 */
struct sysinfo {
	long uptime;
	unsigned long loads[3];
	unsigned long totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char _f[20 - 2 * sizeof(long) - sizeof(int)];	/* 0 bytes on 64-bit ABIs */
};

/* The 32-bit ABIs' layout (i386 and arm EABI): every long is 32 bits. */
struct compat_sysinfo {
	s32 uptime;
	u32 loads[3];
	u32 totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	u16 procs, pad;
	u32 totalhigh, freehigh;
	u32 mem_unit;
	char _f[20 - 2 * sizeof(u32) - sizeof(u32)];
};
_Static_assert(sizeof(struct sysinfo) == 112 && sizeof(struct compat_sysinfo) == 64,
	       "struct sysinfo as Linux lays it out");

/* The figures, in bytes, for both entry points. */
static void do_sysinfo(struct sysinfo *info)
{
	/* Padding included (4 bytes after 'pad', 4 at the end): all of it goes to the user, and
	 * an initializer need not clear it. */
	memset(info, 0, sizeof(*info));
	info->uptime = get_cycles() / cycles_per_sec();
	info->totalram = nr_total_pages() << PAGE_SHIFT;
	info->freeram = nr_free_pages() << PAGE_SHIFT;
	info->procs = READ_ONCE(nr_threads);
	info->mem_unit = 1;
}

SYSCALL_DEFINE1(sysinfo, struct sysinfo __user *, info)
{
	struct sysinfo s;

	do_sysinfo(&s);
	return copy_to_user(info, &s, sizeof(s)) ? -EFAULT : 0;
}

COMPAT_SYSCALL_DEFINE1(sysinfo, struct compat_sysinfo __user *, info)
{
	struct compat_sysinfo c;
	struct sysinfo s;
	unsigned int shift = 0;

	memset(&c, 0, sizeof(c));	/* as do_sysinfo(): every byte goes to the user */
	do_sysinfo(&s);
	c.procs = s.procs;		/* after do_sysinfo: s is not filled before it */
	if (s.totalram >> 32) {		/* bytes would not fit: count pages */
		shift = PAGE_SHIFT;
		s.mem_unit = PAGE_SIZE;
	}
	c.uptime = s.uptime;
	c.totalram = s.totalram >> shift;
	c.freeram = s.freeram >> shift;
	c.mem_unit = s.mem_unit;
	return copy_to_user(info, &c, sizeof(c)) ? -EFAULT : 0;
}
