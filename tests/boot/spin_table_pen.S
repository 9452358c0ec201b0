/*
 * A stand-in for firmware that holds secondary CPUs in a spin-table (the arm64 boot
 * protocol's other enable method), so that the kernel's spin-table release can be tested
 * on QEMU's virt machine, whose own firmware only offers PSCI.
 *
 * Loaded at 0x40100000 by scripts/qemu-run.py --dtb-shim, CPU 0 starting here; the DTB
 * (tests/boot/cases.py spin_table_dtb) reserves this page and names release + 8 * Aff0 as
 * each CPU's cpu-release-addr. CPU 0 powers CPUs 1-3 on with QEMU's PSCI CPU_ON into
 * 'pen', then enters the Image as a boot loader would (x0 = DTB, x1-x3 = 0). Each other CPU
 * waits in the pen: wfe, read its slot, and jump to what the kernel wrote there (it writes
 * the slot, cleans it to memory and sends an event). The pen runs with the MMU off, as the
 * kernel's secondary entry expects.
 */
	.text
	.global	_start
_start:
	mov	x19, #1			/* MPIDR of the first CPU to start */
1:	movz	x0, #0x0003		/* PSCI CPU_ON, SMC64 convention: 0xc4000003 */
	movk	x0, #0xc400, lsl #16
	mov	x1, x19			/* target MPIDR */
	adr	x2, pen			/* entry point: physical, we run with the MMU off */
	mov	x3, #0			/* context id */
	hvc	#0
	add	x19, x19, #1
	cmp	x19, #4			/* CPUs 1..3: the case boots with -smp 4 */
	b.lo	1b
	ldr	x0, dtb_addr
	ldr	x4, image_addr
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	br	x4

pen:
	mrs	x5, mpidr_el1
	and	x5, x5, #0xff		/* Aff0 selects the slot */
	adr	x6, release
	add	x6, x6, x5, lsl #3
2:	wfe
	ldr	x4, [x6]		/* MMU off: an uncached read of memory */
	cbz	x4, 2b
	br	x4

	.balign	8
dtb_addr:	.quad	0x48000000
image_addr:	.quad	0x40200000
	.org	0x100			/* release slots at 0x40100100 + 8 * Aff0 */
release:	.quad	0, 0, 0, 0
