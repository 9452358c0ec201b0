// SPDX-License-Identifier: GPL-2.0
/*
 * Mapping a vDSO at exec, for every arch and ABI: the [vvar] area (the kernel's clock data
 * page, kernel/vsyscall.c, read-only) with the [vdso] image right above it, so the image's
 * code finds the data at a fixed distance below itself (each image's linker script puts
 * vvar_page there). Both are the kernel's frames (VM_PFNMAP): shared by every process,
 * never freed by munmap or exit, never made writable.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_types.h>
#include <linux/mmu_context.h>
#include <linux/vdso.h>
#include <asm/page.h>

unsigned long map_vdso(struct mm_struct *mm, unsigned long at, const struct vdso_image *img)
{
	unsigned long text_pages = PAGE_ALIGN(img->end - img->start) >> PAGE_SHIFT;
	unsigned long vvar_len = (unsigned long)img->vvar_pages << PAGE_SHIFT;
	unsigned long text;

	if (!at)
		at = mm_get_unmapped_area(mm, vvar_len + (text_pages << PAGE_SHIFT));
	if (!at || mm_install_special(mm, at, img->vvar_pages, __pa_symbol(&vdso_data_store), 1,
				      VM_READ, "[vvar]"))
		return 0;
	text = at + vvar_len;
	if (mm_install_special(mm, text, text_pages, __pa_symbol(img->start), text_pages,
			       VM_READ | VM_EXEC, "[vdso]")) {
		mm_unmap(mm, at, text);
		return 0;
	}
	mm->context.vdso = text;
	return text;
}
