// SPDX-License-Identifier: GPL-2.0
/*
 * start_kernel(): the generic boot sequence both architectures run after their entry code.
 * The arch has installed its exception vectors and a stack; everything else starts here.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/rtc.h>
#include <linux/mm.h>
#include <linux/irqflags.h>
#include <linux/ktest.h>
#include <linux/reboot.h>
#include <linux/string.h>
#include <asm/timex.h>
#include <asm/processor.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/futex.h>
#include <linux/random.h>
#include <linux/fs.h>
#include <linux/vdso.h>
#include <linux/jump_label.h>
#include <linux/text_patching.h>

const char linux_banner[] = "Ferry version " KERNELRELEASE " (" KBUILD_ARCH_STR ") (" KBUILD_COMPILER ")\n";

phys_addr_t initrd_start;
size_t initrd_size;
enum system_states system_state;	/* SYSTEM_BOOTING until interrupts first come on */

static char ktest_filter[64];
static bool ktest_requested;

static int ktest_setup(char *val)
{
	ktest_requested = true;
	strlcpy(ktest_filter, val, sizeof(ktest_filter));
	return 0;
}
__setup("ktest", ktest_setup);


void start_kernel(void)
{
	printk(KERN_NOTICE "%s", linux_banner);
	setup_arch();
	pr_notice("Kernel command line: %s\n", boot_command_line);
	parse_early_param();
	parse_args();
	jump_label_init();	/* static keys the command line turned on: sites become jumps */
	mark_text_alias_ro();	/* the last text patch is done: the text's alias read-only */
	mm_init();
	if (IS_ENABLED(CONFIG_USER_MODE)) {
		sched_init();
		fork_init();
		futex_init();
		vfs_caches_init();	/* the root tmpfs and devtmpfs, before any driver */
		pipefs_init();
		chr_dev_init();		/* /dev/null, zero, full, random, urandom */
	}
	init_IRQ();
	time_init();
	if (IS_ENABLED(CONFIG_USER_MODE))
		timekeeping_init();	/* the counter's frequency is known: the vDSO data page */
	local_irq_enable();
	system_state = SYSTEM_SCHEDULING;
	if (IS_ENABLED(CONFIG_USER_MODE)) {
		random_init();		/* the cycle counter runs now; before any user task */
		rtc_hctosys();		/* CLOCK_REALTIME from the RTC, as the counter runs */
	}

	/*
	 * The boot harness reads the cycle counter here: under -icount it counts guest
	 * instructions since QEMU started (x86 TSC: 1 per instruction). Nothing before this
	 * point waits for time to pass, so the figure is instructions, not idle time.
	 */
	pr_notice("Ferry %s: ready (cycles %llu)\n", KBUILD_ARCH_STR,
		  (unsigned long long)get_cycles());
	/* Nothing waits for a tick here: the ktest suite "time" checks that ticks arrive. */
	if (IS_ENABLED(CONFIG_USER_MODE))
		smp_init();	/* the other CPUs, before the tests and before init */

	if (IS_ENABLED(CONFIG_KTEST_CRASH))
		crash_test_run();
	if (IS_ENABLED(CONFIG_KTEST) && ktest_requested)
		kernel_power_off(ktest_run_all(ktest_filter) ? EXIT_TESTS_FAILED : 0);

	if (!IS_ENABLED(CONFIG_USER_MODE)) {
		pr_notice("No user mode on this arch yet: nothing more to do\n");
		kernel_power_off(0);
	}
	rest_init();
}
