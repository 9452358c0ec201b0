/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vDSO in the kernel: its data page (kernel/vsyscall.c), which exec maps into every
 * process as [vvar], read-only, and the images beside it (mm/vdso.c maps them; each arch
 * builds its own and says where they go).
 */
#ifndef _LINUX_VDSO_H
#define _LINUX_VDSO_H

#include <linux/types.h>
#include <asm/page.h>
#include <vdso/datapage.h>

union vdso_data_store {
	struct vdso_data data;
	u8 page[PAGE_SIZE];
};
extern union vdso_data_store vdso_data_store;

/* The tick (kernel/time.c): move the clocks' bases to the counter's value now. */
void update_vsyscall(void);
/* Boot, once the counter's frequency is known (init/main.c, after time_init). */
void timekeeping_init(void);

struct mm_struct;

/*
 * A built vDSO image in the kernel (page aligned, its own pages) and the size of the [vvar]
 * area Linux 6.1 maps just below it for that ABI, in pages. Only the first [vvar] page is
 * backed (the data page); the others are Linux's pvclock, Hyper-V and time-namespace pages,
 * which have nothing to show here and stay unmapped.
 */
struct vdso_image {
	const char *start, *end;
	unsigned int vvar_pages;
};

/*
 * Map [vvar] and the image right above it, from 'at' (the start of [vvar]), or where the
 * next mmap(NULL, ...) would go when 'at' is 0, as Linux's get_unmapped_area places them.
 * The image's address, or 0 if there is no room (the program runs without a vDSO).
 */
unsigned long map_vdso(struct mm_struct *mm, unsigned long at, const struct vdso_image *img);

#endif
