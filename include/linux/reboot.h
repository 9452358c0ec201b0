/* Leaving the machine: power off with a status the QEMU runner turns into its exit code. */
#ifndef _LINUX_REBOOT_H
#define _LINUX_REBOOT_H

#include <linux/compiler.h>

#define EXIT_TESTS_FAILED 249	/* in-kernel selftests ran and one failed */
#define EXIT_PANIC        250	/* panic() */
#define EXIT_OOPS         251	/* unexpected exception in the kernel */

void __noreturn machine_power_off(int status);
void __noreturn machine_halt(void);
void __noreturn kernel_power_off(int status);

#endif
