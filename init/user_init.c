// SPDX-License-Identifier: GPL-2.0
/*
 * The step from kernel to user space: unpack the initramfs into ramfs, then exec init= (by
 * default /init) as pid 1 with the command line's extra arguments, and leave for user mode.
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
 * Unpack the initramfs and start the first user program. If it cannot run, say why and power off like a shell
 * would report it: 127 when the file is missing, 126 when it exists but cannot run.
 */
void __noreturn start_user_init(void)
{
	const char *argv[MAX_INIT_ARGS + 2] = { init_path };
	const char *envp[MAX_INIT_ARGS + 3] = { "HOME=/", "TERM=linux" };
	int ret;

	for (int i = 0; init_argv_extra[i]; i++)
		argv[i + 1] = init_argv_extra[i];
	for (int i = 0; init_envp_extra[i]; i++)
		envp[i + 2] = init_envp_extra[i];
	populate_rootfs();
	if (IS_ENABLED(CONFIG_SYSCALL_TRACE))
		trace_init();
	pr_info("Run %s as init process\n", init_path);
	ret = kernel_execve(init_path, argv, envp);
	if (ret) {
		pr_emerg("Failed to execute %s (error %d: %s)\n", init_path, ret,
			 ret == -ENOENT ? "no such file" : ret == -ENOEXEC ? "not a static "
			 "executable of this architecture" : ret == -EACCES ? "not executable" :
			 "bad program image");
		kernel_power_off(ret == -ENOENT ? 127 : 126);
	}
	arch_start_user(task_pt_regs(current));
}

