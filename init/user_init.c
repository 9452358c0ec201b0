// SPDX-License-Identifier: GPL-2.0
/*
 * The step from kernel to user space: pid 1 unpacks the initramfs into ramfs, then execs init=
 * (by default /init) with the command line's extra arguments, and leaves for user mode.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/fs.h>
#include <linux/binfmts.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/reboot.h>
#include <linux/mm.h>
#include <linux/syscall_trace.h>
#include <linux/mmu_context.h>
#include <linux/fdtable.h>
#include <linux/tty.h>
#include <linux/err.h>
#include <linux/randomize_kstack.h>

#ifndef O_RDWR
#define O_RDWR 00000002
#endif

static char init_path[256] = CONFIG_DEFAULT_INIT;

static int init_setup(char *val)
{
	strlcpy(init_path, val, sizeof(init_path));
	return 0;
}
__setup("init=", init_setup);

static void populate_rootfs(void)
{
	struct initramfs_status st;

	if (!initrd_size) {
		pr_notice("No initramfs from the boot loader\n");
		return;
	}
	unpack_initramfs(__va(initrd_start), initrd_size, &st);
	if (st.error)
		pr_err("initramfs: %s in entry %d at offset %zu of %zu bytes; kept the %d "
		       "entries before it\n", st.error, st.entry, st.offset, initrd_size, st.entries);
	else
		pr_info("initramfs: %d entries from %zu bytes at %#llx\n", st.entries, initrd_size,
			(unsigned long long)initrd_start);
}

/*
 * init's fds 0, 1 and 2: /dev/console (the tty layer's console line), as Linux's
 * console_on_rootfs. Without it init runs with none open.
 */
static void console_on_rootfs(void)
{
	struct file *file = filp_open("/dev/console", O_RDWR, 0);

	if (IS_ERR(file)) {
		pr_err("Warning: unable to open an initial console.\n");
		return;
	}
	for (int fd = 0; fd < 3; fd++)
		if (fd_install_lowest(get_file(file), fd, false) != fd)
			panic("init: cannot install the console as fd %d", fd);
	fput(file);
}

/*
 * pid 1, a kernel thread until its exec: unpack the initramfs, open the console as fds 0, 1
 * and 2, and exec init= (by default /init). When the exec works this returns, and
 * ret_from_fork takes the task to user mode as the new program. If it cannot run, say why
 * and power off like a shell would report it: 127 when the file is missing, 126 when it
 * exists but cannot run.
 */
static int kernel_init(void *unused)
{
	const char *argv[MAX_INIT_ARGS + 2] = { init_path };
	const char *envp[MAX_INIT_ARGS + 3] = { "HOME=/", "TERM=linux" };
	int ret;

	for (int i = 0; init_argv_extra[i]; i++)
		argv[i + 1] = init_argv_extra[i];
	for (int i = 0; init_envp_extra[i]; i++)
		envp[i + 2] = init_envp_extra[i];
	populate_rootfs();
	current->files = alloc_files();
	if (!current->files)
		panic("init: no memory for a file table");
	tty_init();
	console_on_rootfs();
	if (IS_ENABLED(CONFIG_SYSCALL_TRACE))
		trace_init();
	if (IS_ENABLED(CONFIG_RANDOMIZE_KSTACK_OFFSET))
		kstack_report_arm(current);	/* kstack_report on the command line: a boot test */
	if (IS_ENABLED(CONFIG_KTEST_CRASH))
		crash_test_arm(current);	/* crash=stack-overflow-syscall */
	pr_info("Run %s as init process\n", init_path);
	ret = kernel_execve(init_path, argv, envp);
	if (ret) {
		pr_emerg("Failed to execute %s (error %d: %s)\n", init_path, ret,
			 ret == -ENOENT ? "no such file" : ret == -ENOEXEC ? "not a static "
			 "executable of this architecture" : ret == -EACCES ? "not executable" :
			 "bad program image");
		kernel_power_off(ret == -ENOENT ? 127 : 126);
	}
	return 0;
}

/*
 * The boot CPU's last step: start pid 1 and become the idle task (Linux's rest_init).
 */
void __noreturn rest_init(void)
{
	unsigned long flags;
	pid_t pid = kernel_thread(kernel_init, NULL, "init", 0);

	if (pid != 1)
		panic("rest_init: init got pid %d", pid);
	spin_lock_irqsave(&tasklist_lock, flags);
	child_reaper = find_task_by_pid(1);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	cpu_idle();
}
