/*
 * Whole-page zeroing and copying for the page allocator, page-table pages and
 * copy-on-write (asm/page.h declares them; generic code calls clear_page/copy_page).
 *
 *   void clear_page(void *page)            x0 = page (linear map, page aligned)
 *   void copy_page(void *to, const void *from)
 *
 * clear_page uses DC ZVA, which zeroes one block of 4 << DCZID_EL0.BS bytes per
 * instruction (64 on most cores and in QEMU). DCZID_EL0.DZP set means DC ZVA is prohibited:
 * then it stores pairs of zero registers, 64 bytes a step. copy_page moves 64 bytes a step
 * through eight general registers (the kernel keeps its hands off the FP/SIMD registers,
 * which hold the user's state). Scratch registers only (x0-x15), so C callers save nothing.
 */
#include <asm/assembler.h>

	.text
ENTRY(clear_page)
	mrs	x1, dczid_el0
	tbnz	x1, #4, .Lclear_stores		/* DZP: DC ZVA prohibited */
	and	x1, x1, #0xf
	mov	x2, #4
	lsl	x2, x2, x1			/* block size in bytes */
	add	x3, x0, #4096			/* PAGE_SIZE */
.Lclear_zva:
	dc	zva, x0
	add	x0, x0, x2
	cmp	x0, x3
	b.lo	.Lclear_zva
	ret
.Lclear_stores:
	add	x3, x0, #4096
.Lclear_loop:
	stp	xzr, xzr, [x0]
	stp	xzr, xzr, [x0, #16]
	stp	xzr, xzr, [x0, #32]
	stp	xzr, xzr, [x0, #48]
	add	x0, x0, #64
	cmp	x0, x3
	b.lo	.Lclear_loop
	ret
END(clear_page)

ENTRY(copy_page)
	add	x2, x0, #4096
.Lcopy_loop:
	ldp	x3, x4, [x1]
	ldp	x5, x6, [x1, #16]
	ldp	x7, x8, [x1, #32]
	ldp	x9, x10, [x1, #48]
	stp	x3, x4, [x0]
	stp	x5, x6, [x0, #16]
	stp	x7, x8, [x0, #32]
	stp	x9, x10, [x0, #48]
	add	x1, x1, #64
	add	x0, x0, #64
	cmp	x0, x2
	b.lo	.Lcopy_loop
	ret
END(copy_page)
