// SPDX-License-Identifier: GPL-2.0
/*
 * The pages exec adds to a program, as Linux 6.1's arm64 kernel does (its vdso.c):
 *
 *   AArch64: [vvar] (2 pages: the clock data and Linux's time-namespace page, which has
 *            nothing here and stays unmapped) with the vDSO image above it, from the mmap
 *            area (the address the first mmap(NULL, ...) would otherwise get).
 *   AArch32: the kuser helpers page at 0xffff0000 ([vectors], kuser32.S); then [vvar] and
 *            the compat vDSO from the mmap area; then [sigpage] below them (kuser32.S: the
 *            sigreturn code of handlers without SA_RESTORER).
 *
 * All are the kernel's frames (VM_PFNMAP): munmap and exit never free them. A program that
 * leaves no room simply goes without: no AT_SYSINFO_EHDR then, and a handler without
 * SA_RESTORER gets SIGSEGV at delivery.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mmu_context.h>
#include <linux/vdso.h>
#include <asm/elf.h>
#include <asm/signal32.h>

#define VDSO_VVAR_PAGES		2	/* Linux 6.1's arm64 [vvar]: data, time namespace */

extern const char vdso_image_start[], vdso_image_end[];		/* vdso-image.S */
extern const char vdso32_image_start[], vdso32_image_end[];
extern const char kuser_page[];					/* kuser32.S */

static const struct vdso_image vdso_image_64 = {
	vdso_image_start, vdso_image_end, VDSO_VVAR_PAGES
};
static const struct vdso_image vdso_image_32 = {
	vdso32_image_start, vdso32_image_end, VDSO_VVAR_PAGES
};

static void map_sigpage(struct mm_struct *mm)
{
	unsigned long at = mm_get_unmapped_area(mm, PAGE_SIZE);

	if (at && !mm_install_special(mm, at, 1, __pa_symbol(aarch32_sigpage), 1,
				      VM_READ | VM_EXEC, "[sigpage]"))
		mm->context.sigpage = at;
}

unsigned long arch_setup_additional_pages(struct mm_struct *mm, bool compat)
{
	unsigned long vdso;

	if (!compat)
		return map_vdso(mm, 0, &vdso_image_64);
	if (!user_page_phys(mm, AARCH32_VECTORS_BASE))
		mm_install_special(mm, AARCH32_VECTORS_BASE, 1, __pa_symbol(kuser_page), 1,
				   VM_READ | VM_EXEC, "[vectors]");
	vdso = map_vdso(mm, 0, &vdso_image_32);
	map_sigpage(mm);
	return vdso;
}
