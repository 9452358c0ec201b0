// SPDX-License-Identifier: GPL-2.0
/* Process-identity and system-information syscalls. */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/string.h>
#include <uapi/linux/utsname.h>
#include <asm/elf.h>

SYSCALL_DEFINE0(getpid)
{
	return current->tgid;
}

SYSCALL_DEFINE0(gettid)
{
	return current->pid;
}

SYSCALL_DEFINE0(getppid)
{
	return current->parent ? current->parent->tgid : 0;
}

SYSCALL_DEFINE0(sched_yield)
{
	schedule();
	return 0;
}

static const struct new_utsname utsname_template = {
	.sysname = "Linux",		/* user space checks this name; we implement its ABI */
	.nodename = "ferry",
	.release = "6.1.0-ferry",	/* a Linux-like release so libc version checks pass */
	.version = "#1 Ferry",
	.machine = UTS_MACHINE,
	.domainname = "(none)",
};

SYSCALL_DEFINE1(newuname, struct new_utsname __user *, name)
{
	if (copy_to_user(name, &utsname_template, sizeof(*name)))
		return -EFAULT;
	return 0;
}
