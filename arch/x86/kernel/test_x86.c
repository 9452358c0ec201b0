// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel tests of the x86 fault paths and page tables (KTAP, "ktest=x86"): a fault at an
 * instruction listed in the exception table resumes at its fixup; read-only data really is
 * read-only; unmap_kernel_page() really removes the translation (TLB flushed); the direct
 * map and the kernel-image map show the same memory; the syscall instruction clears every
 * flag user code can set.
 */
#include <linux/ktest.h>
#include <linux/vmalloc.h>
#include <asm/asm.h>
#include <asm/msr.h>
#include <asm/page.h>
#include <asm/pgtable.h>

#define EFAULT 14

/* Read a word that may not be mapped: 0, or -EFAULT through the exception table. */
static long probe_read(const unsigned long *addr, unsigned long *val)
{
	long err;
	unsigned long v;

	__asm__ __volatile__(
		"1:	movq (%[addr]), %[v]\n"
		"	xorl %k[err], %k[err]\n"
		"2:\n"
		"	.pushsection .text.fixup, \"ax\"\n"
		"3:	movq %[efault], %[err]\n"
		"	xorl %k[v], %k[v]\n"
		"	jmp 2b\n"
		"	.popsection\n"
		_ASM_EXTABLE(1b, 3b)
		: [err] "=&r"(err), [v] "=&r"(v)
		: [addr] "r"(addr), [efault] "i"(-EFAULT)
		: "memory");
	*val = v;
	return err;
}

/* Write a word where a write may fault: 0, or -EFAULT. */
static long probe_write(unsigned long *addr, unsigned long val)
{
	long err;

	__asm__ __volatile__(
		"1:	movq %[val], (%[addr])\n"
		"	xorl %k[err], %k[err]\n"
		"2:\n"
		"	.pushsection .text.fixup, \"ax\"\n"
		"3:	movq %[efault], %[err]\n"
		"	jmp 2b\n"
		"	.popsection\n"
		_ASM_EXTABLE(1b, 3b)
		: [err] "=&r"(err)
		: [addr] "r"(addr), [val] "r"(val), [efault] "i"(-EFAULT)
		: "memory");
	return err;
}

static const unsigned long rodata_word = 0x5a5a5a5a;
static unsigned long data_word;	/* each test sets it first: no order between tests */

/*
 * Linux's MSR_SYSCALL_MASK since 5.14, spelled out here rather than taken from the header the
 * kernel uses: CF PF AF ZF SF TF IF DF OF IOPL NT RF AC ID. Each flag user code can set
 * (popf) must be cleared before the kernel's first instruction runs.
 */
#define LINUX_SYSCALL_MASK	0x257fd5UL

KTEST(x86, syscall_clears_every_user_flag)
{
	u64 mask = rdmsr(MSR_SYSCALL_MASK);

	KTEST_EXPECT_EQ(t, mask & LINUX_SYSCALL_MASK, LINUX_SYSCALL_MASK);
}

KTEST(x86, extable_fixup_on_unmapped_read)
{
	unsigned long v = 1;

	data_word = 0x1234;
	KTEST_EXPECT_EQ(t, probe_read((unsigned long *)(VMALLOC_END - PAGE_SIZE), &v), -EFAULT);
	KTEST_EXPECT_EQ(t, v, 0);
	KTEST_EXPECT_EQ(t, probe_read(&data_word, &v), 0);
	KTEST_EXPECT_EQ(t, v, 0x1234);
}

KTEST(x86, rodata_is_read_only)
{
	data_word = 0;
	KTEST_EXPECT_EQ(t, probe_write((unsigned long *)&rodata_word, 0), -EFAULT);
	KTEST_EXPECT_EQ(t, READ_ONCE(rodata_word), 0x5a5a5a5a);
	KTEST_EXPECT_EQ(t, probe_write(&data_word, 0x4321), 0);
	KTEST_EXPECT_EQ(t, READ_ONCE(data_word), 0x4321);
}

KTEST(x86, lower_half_is_unmapped)
{
	unsigned long v;

	/* Physical 0x200000 was identity-mapped during boot only. */
	KTEST_EXPECT_EQ(t, probe_read((unsigned long *)__pa_symbol(&data_word), &v), -EFAULT);
}

KTEST(x86, direct_map_aliases_kernel_image)
{
	unsigned long *alias = __va(__pa(&data_word));

	data_word = 0xfeed;
	KTEST_EXPECT_EQ(t, READ_ONCE(*alias), 0xfeed);
	KTEST_EXPECT_EQ(t, __pa(alias), __pa(&data_word));
}

KTEST(x86, unmap_kernel_page_flushes_tlb)
{
	unsigned long *p = vmalloc(PAGE_SIZE), v;

	KTEST_EXPECT(t, p != NULL);
	if (!p)
		return;
	*p = 77;
	KTEST_EXPECT_EQ(t, probe_read(p, &v), 0);	/* the translation is now in the TLB */
	KTEST_EXPECT_EQ(t, v, 77);
	KTEST_EXPECT(t, map_kernel_page((unsigned long)p, 0, PROT_KERNEL_RW) != 0);
	vfree(p);
	KTEST_EXPECT_EQ(t, probe_read(p, &v), -EFAULT);
	KTEST_EXPECT(t, !kernel_addr_mapped((unsigned long)p));
}
