// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's own boundaries, tested from inside (CONFIG_TEST_USER_ACCESS_FAULT; the user
 * side is userspace/probes/attack.c; docs/hardening.md lists what each test proves):
 *
 * ktest suite "harden", survivable (each access has an exception-table entry, so a fault
 * comes back as -EFAULT):
 *   - a plain kernel load or store to a mapped user page, outside the uaccess window, faults
 *     where the CPU has SMAP (x86) or PAN (arm64); a SKIP names a CPU without it;
 *   - the same page through copy_from_user/copy_to_user still works (the window opens);
 *   - a store to kernel text or rodata faults (both arches map them read-only), and so does
 *     one through the direct/linear map's alias of the same bytes (mark_text_alias_ro).
 *
 * crash=... modes (kernel/crash_test.c calls harden_crash()), each an Oops on purpose:
 *   user-access  a plain C load from a mapped user page (SMAP / PAN)
 *   exec-user    a call into a mapped, executable user page (SMEP / PXN)
 *   write-text   a plain C store to the kernel's text
 *   write-text-alias  the same through the direct (x86) or linear (arm64) map's alias
 *   exec-data    a call into the kernel's data (NX / PXN)
 * None of this runs unless the command line asks ("ktest" or "crash=").
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/ktest.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mmu_context.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/processor.h>
#include <asm/harden_test.h>

#define UBASE	0x10000000UL		/* the test's one user page */
#define MAGIC	0x5afe5afe5afe5afeUL

extern char _text[], __start_rodata[];
extern const char linux_banner[];

static struct mm_struct *saved_mm;

/* A throwaway address space, current from now on: one page at UBASE holding MAGIC. */
static struct mm_struct *enter_one_page_mm(unsigned long vm_flags)
{
	struct mm_struct *mm = mm_alloc(TASK_SIZE_MAX);
	unsigned long magic = MAGIC;

	if (!mm)
		return NULL;
	if (mm_map_anon(mm, UBASE, PAGE_SIZE, vm_flags)) {
		mmput(mm);
		return NULL;
	}
	saved_mm = current->mm;
	current->mm = mm;
	switch_mm(saved_mm, mm);
	if (copy_to_user((void __user *)UBASE, &magic, sizeof(magic)))
		pr_err("harden: cannot write the test page\n");
	return mm;
}

static void leave_one_page_mm(struct mm_struct *mm)
{
	current->mm = saved_mm;
	switch_mm(mm, saved_mm);
	mmput(mm);
}

KTEST(harden, user_memory_outside_uaccess_faults)
{
	struct mm_struct *mm = enter_one_page_mm(VM_READ | VM_WRITE);
	unsigned long v = 0;
	int load, store;

	if (!mm) {
		t->failed = 1;
		return;
	}
	/* Inside the window: the page is there and holds MAGIC. */
	KTEST_EXPECT_EQ(t, copy_from_user(&v, (const void __user *)UBASE, sizeof(v)), 0);
	KTEST_EXPECT_EQ(t, v, MAGIC);
	/* Outside it: the same page, plain accesses. */
	v = 0;
	load = probe_plain_load((const void *)UBASE, &v);
	store = probe_plain_store((void *)UBASE, 0x42);
	leave_one_page_mm(mm);
	if (!arch_user_access_guarded()) {
		/* Without the guard the accesses go through: what SMAP/PAN would stop. */
		KTEST_EXPECT_EQ(t, load, 0);
		KTEST_EXPECT_EQ(t, v, MAGIC);
		KTEST_SKIP(t, "the CPU lacks " ARCH_USER_ACCESS_GUARD
			   " (boot with -cpu max to test it)");
	}
	printk(KERN_INFO "    # %s on: plain load %d, plain store %d\n",
	       ARCH_USER_ACCESS_GUARD, load, store);
	KTEST_EXPECT_EQ(t, load, -EFAULT);
	KTEST_EXPECT_EQ(t, store, -EFAULT);
}

/* Each store writes back the byte that is there, so a kernel that lets it through survives. */
static int store_same_byte(void *p)
{
	return probe_plain_store(p, *(volatile u8 *)p);
}

KTEST(harden, kernel_text_and_rodata_are_read_only)
{
	KTEST_EXPECT_EQ(t, store_same_byte(_text), -EFAULT);
	KTEST_EXPECT_EQ(t, store_same_byte((void *)ktest_run_all), -EFAULT);
	KTEST_EXPECT_EQ(t, store_same_byte(__start_rodata), -EFAULT);
	KTEST_EXPECT_EQ(t, store_same_byte((void *)linux_banner), -EFAULT);
	/* ... and the probe itself works: a data byte takes the store. */
	KTEST_EXPECT_EQ(t, store_same_byte(&saved_mm), 0);
}

/* The other mapping of the same bytes, which boot patching wrote through, is sealed too. */
KTEST(harden, kernel_text_alias_is_read_only)
{
	KTEST_EXPECT_EQ(t, store_same_byte(__va(__pa_symbol(_text))), -EFAULT);
	KTEST_EXPECT_EQ(t, store_same_byte(__va(__pa_symbol(ktest_run_all))), -EFAULT);
	KTEST_EXPECT_EQ(t, store_same_byte(__va(__pa_symbol(linux_banner))), -EFAULT);
	/* ... while the alias of data still takes a store. */
	KTEST_EXPECT_EQ(t, store_same_byte(__va(__pa_symbol(&saved_mm))), 0);
}

/* Data the exec-data crash jumps into: a return instruction, in .data (read/write, no exec). */
static u32 ret_in_data[4] = { ARCH_RET_INSN, ARCH_RET_INSN, ARCH_RET_INSN, ARCH_RET_INSN };

void harden_crash(const char *what)
{
	struct mm_struct *mm;
	u32 ret = ARCH_RET_INSN;

	if (!strcmp(what, "user-access")) {
		mm = enter_one_page_mm(VM_READ | VM_WRITE);
		pr_info("plain load from user address %#lx (%s %s)\n", UBASE,
			ARCH_USER_ACCESS_GUARD, arch_user_access_guarded() ? "on" : "off");
		if (mm)
			(void)*(volatile unsigned long *)UBASE;
		return;
	}
	if (!strcmp(what, "exec-user")) {
		mm = enter_one_page_mm(VM_READ | VM_WRITE | VM_EXEC);
		if (mm && copy_to_user((void __user *)UBASE, &ret, sizeof(ret)))
			return;
		pr_info("call into user address %#lx (%s %s)\n", UBASE, ARCH_USER_EXEC_GUARD,
			arch_user_exec_guarded() ? "on" : "off");
		if (mm)
			((void (*)(void))UBASE)();
		return;
	}
	if (!strcmp(what, "write-text")) {
		pr_info("plain store to kernel text at %p\n", (void *)ktest_run_all);
		*(volatile u8 *)ktest_run_all = *(volatile u8 *)ktest_run_all;
		return;
	}
	if (!strcmp(what, "write-text-alias")) {
		u8 *alias = __va(__pa_symbol(ktest_run_all));

		pr_info("plain store to kernel text's alias at %p\n", alias);
		*(volatile u8 *)alias = *(volatile u8 *)alias;
		return;
	}
	if (!strcmp(what, "exec-data")) {
		pr_info("call into kernel data at %p\n", ret_in_data);
		((void (*)(void))(unsigned long)ret_in_data)();
		return;
	}
}
