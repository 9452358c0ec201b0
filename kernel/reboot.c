// SPDX-License-Identifier: GPL-2.0
/*
 * reboot(2): how user space stops the machine (busybox's poweroff -f, init at shutdown).
 *
 * Linux's rules: only a privileged caller (CAP_SYS_BOOT; here euid 0, as capable() has it)
 * gets past -EPERM, then both magic numbers must be right (-EINVAL), then the command:
 *   POWER_OFF, HALT, RESTART, RESTART2   stop the machine: under QEMU the run ends with status
 *                                        0 (kernel_power_off). RESTART2's argument string is
 *                                        read first (-EFAULT for a bad pointer) and unused.
 *   CAD_ON, CAD_OFF                      what Ctrl-Alt-Del does; we have no such key: kept, 0
 *   anything else (KEXEC, SW_SUSPEND)    -EINVAL, as Linux built without kexec/hibernation
 * Left out (docs/userland.md): Linux's HALT stops the CPUs and leaves QEMU running, and its
 * RESTART resets the machine (QEMU ends only under -no-reboot); both end the run here, as
 * QEMU with -no-reboot ends Linux's restart. There is no shutdown of devices to run first.
 *
 * Locking: reboot_mutex, like Linux's system_transition_mutex, lets one caller at a time
 * through, so two CPUs powering off print one power-down line; C_A_D is a plain flag read
 * and written with READ_ONCE/WRITE_ONCE.
 */
#include <linux/kernel.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/cred.h>
#include <linux/mutex.h>
#include <linux/reboot.h>
#include <uapi/linux/reboot.h>

static DEFINE_MUTEX(reboot_mutex);
static int C_A_D = 1;	/* Ctrl-Alt-Del reboots at once (Linux's default); nothing reads it */

SYSCALL_DEFINE4(reboot, int, magic1, int, magic2, unsigned int, cmd, void __user *, arg)
{
	char buffer[256];

	if (!capable(CAP_SYS_BOOT))
		return -EPERM;
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;

	switch (cmd) {
	case LINUX_REBOOT_CMD_CAD_ON:
		WRITE_ONCE(C_A_D, 1);
		return 0;
	case LINUX_REBOOT_CMD_CAD_OFF:
		WRITE_ONCE(C_A_D, 0);
		return 0;
	case LINUX_REBOOT_CMD_RESTART2:
		if (strncpy_from_user(buffer, arg, sizeof(buffer) - 1) < 0)
			return -EFAULT;
		break;
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_HALT:
	case LINUX_REBOOT_CMD_POWER_OFF:
		break;
	default:
		return -EINVAL;
	}
	mutex_lock(&reboot_mutex);	/* never released: the first caller ends the run */
	kernel_power_off(0);
}
