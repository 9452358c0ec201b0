/*
 * The first code of the kernel: the Linux arm64 Image header, then the boot CPU's path from
 * the boot loader to C.
 *
 * What the boot loader guarantees (Linux Documentation/arch/arm64/booting.rst): x0 holds the
 * physical address of the DTB, x1-x3 are 0; the MMU is off and the data cache off (the image
 * is cleaned to the point of coherency); we run at EL2 or EL1 with DAIF masked; the image is
 * at text_offset (0) from a 2 MiB-aligned base, anywhere in RAM, with image_size bytes free.
 *
 * The kernel is linked at KIMAGE_VADDR but loaded at an unknown physical address, so until
 * the MMU is on everything here is position-independent: adrp/adr only, and addresses read
 * from the page tables we build. The path:
 *
 *   primary_entry       save the DTB pointer
 *   init_kernel_el      at EL2: configure it for an EL1 kernel and eret to EL1
 *   create_page_tables  TTBR0 identity map of .idmap.text, TTBR1 map of the image
 *   cpu_setup           MAIR_EL1, TCR_EL1
 *   primary_switch      (identity-mapped) MMU on, jump to the linked virtual address
 *   primary_switched    clear BSS, boot stack, VBAR_EL1, TPIDR_EL1, arm64_start_kernel(dtb_phys)
 *
 * Every other CPU (arch/arm64/kernel/smp.c starts it with PSCI CPU_ON or a spin-table
 * release) comes in at secondary_entry, MMU off, at the EL the firmware chose:
 *
 *   secondary_entry     init_kernel_el, cpu_setup as above; find our logical number by
 *                       MPIDR, take our secondary_data (TCR_EL1, stack, task, per-CPU base)
 *   secondary_switch    (identity-mapped) MMU on with the kernel's final tables
 *   secondary_switched  idle stack, SP_EL0, TPIDR_EL1, VBAR_EL1, secondary_start_kernel()
 */
#include <generated/autoconf.h>
#include <asm/assembler.h>
#include <asm/memory.h>
#include <asm/page.h>
#include <asm/percpu.h>
#include <asm/pgtable-hwdef.h>
#include <asm/smp.h>
#include <asm/sysreg.h>
#include <asm/thread_info.h>

/* Image header flags: bit 0 = 0 little-endian; bits 2:1 = 1 4 KiB pages; bit 3 = 1 the
 * image may sit anywhere in RAM (not only near its start). */
#define IMAGE_FLAGS	((0 << 0) | (1 << 1) | (1 << 3))

	.section ".head.text", "ax"
ENTRY(_head)
	b	primary_entry		/* code0: executed first */
	.long	0			/* code1 */
	.quad	0			/* text_offset: load at the 2 MiB-aligned base itself */
	.quad	_kernel_size		/* image_size: _end - _text, from vmlinux.lds.S */
	.quad	IMAGE_FLAGS		/* flags */
	.quad	0			/* res2 */
	.quad	0			/* res3 */
	.quad	0			/* res4 */
	.byte	0x41, 0x52, 0x4d, 0x64	/* magic "ARM\x64" at offset 0x38 */
	.long	0			/* res5: no PE/COFF header (no EFI stub) */
END(_head)

	.text
ENTRY(primary_entry)
	mov	x19, x0			/* x19 = DTB physical address, kept until C */
	bl	init_kernel_el		/* returns w0 = the EL we were entered at */
	mov	w20, w0			/* w20 = boot EL, recorded for C (PSCI fallback) */
	adrp	x21, _text		/* x21 = physical address the image was loaded at */
	/* The boot protocol promises a 2 MiB-aligned load address; the early map needs it. */
	tst	x21, #(PMD_SIZE - 1)
	b.ne	boot_failed
	bl	create_page_tables
	bl	cpu_setup
	b	primary_switch
END(primary_entry)

/*
 * Nothing can be printed this early (no console, no page tables): park the CPU. Only a boot
 * loader that breaks the protocol gets here.
 */
ENTRY(boot_failed)
1:	wfe
	b	1b
END(boot_failed)

/*
 * Leave the CPU in EL1 with the MMU off. Entered at EL1 (QEMU's default) there is little
 * to do; entered at EL2 (virtualization=on, U-Boot, real boards) the kernel runs no
 * hypervisor, so EL2 is set up to stay out of the way: EL1 is AArch64, nothing traps to
 * EL2, and EL1 gets the counters, the timers, FP/SIMD and the GIC system registers.
 * Returns w0 = CurrentEL at entry.
 */
ENTRY(init_kernel_el)
	mrs	x0, CurrentEL
	cmp	x0, #CurrentEL_EL2
	b.eq	init_el2

	/* EL1: a known SCTLR_EL1 (MMU and caches off, little-endian) before anything else. */
	mov_q	x0, INIT_SCTLR_EL1_MMU_OFF
	msr	sctlr_el1, x0
	isb
	mov	w0, #CurrentEL_EL1
	ret

init_el2:
	/* HCR_EL2: RW=1, EL1 is AArch64. All else 0: no stage 2, no traps, no VHE (E2H). */
	mov_q	x0, HCR_RW
	msr	hcr_el2, x0
	isb

	/* The generic timer: EL1 may use the physical counter and timer; virtual = physical. */
	mov	x0, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr

	/* CPTR_EL2: only the RES1 bits, so FP/SIMD (TFP) and the rest do not trap to EL2. */
	mov	x0, #CPTR_EL2_RES1
	msr	cptr_el2, x0
	msr	hstr_el2, xzr		/* no trapping of AArch32 CP15 accesses */

	/* MDCR_EL2: no debug traps; HPMN = PMCR_EL0.N gives EL1 every PMU counter. PMCR_EL0
	 * exists only when ID_AA64DFR0_EL1.PMUVer (bits 11:8) is nonzero. */
	mov	x1, #0
	mrs	x0, id_aa64dfr0_el1
	ubfx	x0, x0, #8, #4
	cbz	x0, 1f
	mrs	x0, pmcr_el0
	ubfx	x1, x0, #11, #5
1:	msr	mdcr_el2, x1

	/* EL1 reads of MIDR/MPIDR return VPIDR/VMPIDR: show it the real CPU. */
	mrs	x0, midr_el1
	msr	vpidr_el2, x0
	mrs	x0, mpidr_el1
	msr	vmpidr_el2, x0

	/* GICv3 (ID_AA64PFR0_EL1.GIC != 0): let EL1 use the ICC_* system registers and keep
	 * the virtual CPU interface (ICH_HCR_EL2.En) off. */
	mrs	x0, id_aa64pfr0_el1
	ubfx	x0, x0, #ID_AA64PFR0_GIC_SHIFT, #4
	cbz	x0, 2f
	mrs	x0, SYS_ICC_SRE_EL2
	orr	x0, x0, #ICC_SRE_EL2_SRE
	orr	x0, x0, #ICC_SRE_EL2_ENABLE
	msr	SYS_ICC_SRE_EL2, x0
	isb
	msr	SYS_ICH_HCR_EL2, xzr
2:
	/* SCTLR_EL1 as at EL1 entry: MMU off. */
	mov_q	x0, INIT_SCTLR_EL1_MMU_OFF
	msr	sctlr_el1, x0

	/* "Return" to EL1h (using SP_EL1) with DAIF masked, at our caller's return address. */
	mov	x0, #(PSR_D_BIT | PSR_A_BIT | PSR_I_BIT | PSR_F_BIT | PSR_MODE_EL1h)
	msr	spsr_el2, x0
	msr	elr_el2, lr
	mov	w0, #CurrentEL_EL2
	eret
END(init_kernel_el)

/*
 * Invalidate the data cache lines of [x0, x1). With the MMU off our stores bypass the cache,
 * so a stale line left by the boot loader could later hide them from the table walker (or,
 * if dirty, be written back over them). Clobbers x0, x2, x3.
 */
ENTRY(dcache_inval_range)
	mrs	x3, ctr_el0
	ubfx	x3, x3, #16, #4		/* CTR_EL0.DminLine: log2(words per line) */
	mov	x2, #4
	lsl	x2, x2, x3		/* x2 = line size in bytes */
	sub	x3, x2, #1
	bic	x0, x0, x3
1:	dc	ivac, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	1b
	dsb	sy
	ret
END(dcache_inval_range)

/*
 * Store a table descriptor for the next-level table at \next into \tbl, at the index \va
 * selects at the level whose index starts at bit \shift. Clobbers \tmp1, \tmp2.
 */
	.macro	link_table, tbl, next, va, shift, tmp1, tmp2
	ubfx	\tmp1, \va, #\shift, #9
	orr	\tmp2, \next, #PTE_TYPE_TABLE
	str	\tmp2, [\tbl, \tmp1, lsl #3]
	.endm

/*
 * Two sets of tables, both in the image after BSS (vmlinux.lds.S):
 *  init_idmap_pg_dir (TTBR0): level 0 + level 1, one 1 GiB block mapping the physical
 *   addresses of .idmap.text at the same virtual addresses, so the instructions that turn
 *   the MMU on keep running; .idmap.text is one page, so it never straddles the block.
 *  init_pg_dir (TTBR1): levels 0, 1, 2 and 2 MiB blocks from KIMAGE_VADDR to _end, RWX for
 *   now; paging_init() replaces it with proper permissions. KIMAGE_VADDR is 1 GiB aligned,
 *   so the image starts at level-2 index 0.
 * In: x21 = physical base of the image. Clobbers x0-x11.
 */
ENTRY(create_page_tables)
	mov	x11, lr
	adr_l	x0, init_idmap_pg_dir
	adr_l	x1, init_pg_end
	bl	dcache_inval_range	/* no stale line may cover the tables */
	adr_l	x0, init_idmap_pg_dir
	adr_l	x1, init_pg_end
1:	stp	xzr, xzr, [x0], #16	/* zero all table pages: invalid entries */
	cmp	x0, x1
	b.lo	1b

	mov_q	x5, PROT_SECT_NORMAL	/* block attributes: normal WB memory, AF, EL1 only */

	/* Identity map. */
	adr_l	x0, init_idmap_pg_dir	/* level 0 */
	add	x1, x0, #PAGE_SIZE	/* level 1 */
	adr_l	x2, __idmap_text_start	/* its physical address = its address in TTBR0 */
	link_table x0, x1, x2, PGDIR_SHIFT, x3, x4
	ubfx	x3, x2, #PUD_SHIFT, #9
	lsr	x4, x2, #PUD_SHIFT
	lsl	x4, x4, #PUD_SHIFT	/* the 1 GiB-aligned base */
	orr	x4, x4, x5
	str	x4, [x1, x3, lsl #3]

	/* Kernel image at KIMAGE_VADDR. */
	adr_l	x0, init_pg_dir		/* level 0 */
	add	x1, x0, #PAGE_SIZE	/* level 1 */
	add	x2, x1, #PAGE_SIZE	/* level 2 */
	mov_q	x6, KIMAGE_VADDR
	link_table x0, x1, x6, PGDIR_SHIFT, x3, x4
	link_table x1, x2, x6, PUD_SHIFT, x3, x4
	adr_l	x7, _end
	sub	x7, x7, x21		/* image size, BSS and these tables included */
	mov	x8, #(PMD_SIZE - 1)
	add	x7, x7, x8
	lsr	x7, x7, #PMD_SHIFT	/* x7 = number of 2 MiB blocks, rounded up */
	mov	x3, #0
	orr	x4, x21, x5		/* first block: physical base | attributes */
2:	str	x4, [x2, x3, lsl #3]
	add	x3, x3, #1
	add	x4, x4, #PMD_SIZE
	cmp	x3, x7
	b.lo	2b

	/* The walker reads the tables from memory: drop any line that raced with the stores. */
	dmb	sy
	adr_l	x0, init_idmap_pg_dir
	adr_l	x1, init_pg_end
	bl	dcache_inval_range
	ret	x11
END(create_page_tables)

/*
 * Memory attributes and translation control for EL1 (the MMU is still off).
 * MAIR_EL1: the four memory types of asm/pgtable-hwdef.h.
 * TCR_EL1: 48-bit VAs in both halves, 4 KiB granule, table walks cacheable WBWA inner
 * shareable, IPS = the CPU's physical address size (ID_AA64MMFR0_EL1.PARange).
 */
ENTRY(cpu_setup)
	tlbi	vmalle1			/* nothing cached from the boot loader's translations */
	dsb	nsh
	/* FP/SIMD untrapped for user space (asm/sysreg.h CPACR_EL1_FPEN); the kernel itself
	 * is built general-regs-only and never uses those registers. */
	mov_q	x0, CPACR_EL1_FPEN
	msr	cpacr_el1, x0
	msr	mdscr_el1, xzr		/* no debug exceptions */
	mov_q	x0, MAIR_EL1_INIT
	msr	mair_el1, x0
	mov_q	x1, (TCR_T0SZ(VA_BITS) | TCR_T1SZ(VA_BITS) | TCR_TG0_4K | TCR_TG1_4K | \
		     TCR_IRGN0_WBWA | TCR_ORGN0_WBWA | TCR_SH0_INNER | \
		     TCR_IRGN1_WBWA | TCR_ORGN1_WBWA | TCR_SH1_INNER)
	mrs	x2, id_aa64mmfr0_el1
	and	x2, x2, #ID_AA64MMFR0_PARANGE_MASK
	bfi	x1, x2, #TCR_IPS_SHIFT, #3
	msr	tcr_el1, x1
	isb
	ret
END(cpu_setup)

/*
 * Code that runs while the MMU is switched on, or while TTBR1 is being replaced: it must
 * be mapped at the same address before and after, so it lives in the identity map.
 */
	.section ".idmap.text", "ax"
ENTRY(primary_switch)
	adrp	x1, init_pg_dir
	adrp	x2, init_idmap_pg_dir
	msr	ttbr0_el1, x2
	msr	ttbr1_el1, x1
	isb
	mov_q	x0, INIT_SCTLR_EL1_MMU_ON
	msr	sctlr_el1, x0		/* MMU and caches on */
	isb
	/* Instructions fetched before the MMU was on may sit in the I-cache with no
	 * attributes: discard them. */
	ic	iallu
	dsb	nsh
	isb
	ldr	x8, =primary_switched	/* the linked (virtual) address */
	br	x8
END(primary_switch)

/*
 * A secondary CPU's MMU on, as primary_switch, but straight onto the final kernel tables
 * (swapper_pg_dir: paging_init() ran long ago); TTBR0 keeps the identity map until
 * secondary_start_kernel() replaces it. In: x19-x22 from secondary_entry.
 */
ENTRY(secondary_switch)
	adrp	x1, swapper_pg_dir
	adrp	x2, init_idmap_pg_dir
	msr	ttbr0_el1, x2
	msr	ttbr1_el1, x1
	isb
	mov_q	x0, INIT_SCTLR_EL1_MMU_ON
	msr	sctlr_el1, x0
	isb
	ic	iallu			/* as in primary_switch */
	dsb	nsh
	isb
	ldr	x8, =secondary_switched
	br	x8
END(secondary_switch)

/*
 * replace_ttbr1(phys_addr_t new_ttbr1): switch the kernel's tables (paging_init). Old and
 * new both map the running kernel, possibly with different block sizes; letting both reach
 * the TLB at once could raise a TLB conflict abort, so the swap goes through an empty
 * TTBR1 with a full TLB invalidation between. Called at its identity-mapped address: no
 * stack, no TTBR1 access while running.
 */
ENTRY(replace_ttbr1)
	adrp	x1, reserved_pg_dir	/* physical here: we run in the identity map */
	msr	ttbr1_el1, x1
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	msr	ttbr1_el1, x0
	isb
	ret
END(replace_ttbr1)
	.ltorg

	.text
/*
 * Now at the linked address with the early tables. Before any C: BSS must be zero (C
 * assumes it), the stack must exist, and faults must reach our vectors.
 */
ENTRY(primary_switched)
	adr_l	x0, __bss_start
	adr_l	x1, __bss_stop
1:	stp	xzr, xzr, [x0], #16	/* BSS is 16-byte aligned and sized (vmlinux.lds.S) */
	cmp	x0, x1
	b.lo	1b

	msr	spsel, #1		/* run on SP_EL1 (EL1h), SP_EL0 is user space's */
	msr	sp_el0, xzr		/* 'current' (asm/current.h): no task until sched_init() */
	adr_l	x0, init_stack
	add	sp, x0, #THREAD_SIZE
	mov	x29, xzr		/* frame-pointer chain ends here */
	mov	x30, xzr

	adr_l	x0, vectors
	msr	vbar_el1, x0
	adr_l	x0, pcpu_arm64		/* CPU 0's per-CPU data (asm/percpu.h), before any C */
	msr	tpidr_el1, x0
	isb

	/* kimage_voffset = virtual - physical address of the image (asm/page.h __pa). */
	adr_l	x0, _text
	sub	x0, x0, x21
	adr_l	x1, kimage_voffset
	str	x0, [x1]
	adr_l	x1, boot_cpu_mode
	str	w20, [x1]

	mov	x0, x19			/* the DTB's physical address */
	bl	arm64_start_kernel
	b	boot_failed		/* not reached */
END(primary_switched)

/*
 * A secondary CPU's first instruction (PSCI CPU_ON's entry point, or the address a
 * spin-table release wrote): physical, MMU and data cache off, any EL the boot CPU could
 * have been entered at. Nothing is passed in registers (spin-table passes nothing; PSCI's
 * context id would only serve one method), so the CPU finds its logical number itself:
 * its MPIDR's affinity in __cpu_logical_map. Both that map and secondary_data were cleaned
 * to the point of coherency by __cpu_up(), which is where our uncached loads read them.
 */
ENTRY(secondary_entry)
	bl	init_kernel_el		/* EL2 -> EL1 as for the boot CPU; EL2 state is per CPU */
	mov	w23, w0			/* the EL we came in at, for secondary_start_kernel */
	bl	cpu_setup		/* MAIR_EL1, TCR_EL1, CPACR_EL1 are per CPU too */
	mrs	x0, mpidr_el1
	mov_q	x1, MPIDR_HWID_MASK
	and	x0, x0, x1
	adr_l	x1, __cpu_logical_map
	mov	x2, #1			/* 0 is the boot CPU */
1:	ldr	x3, [x1, x2, lsl #3]
	cmp	x3, x0
	b.eq	2f
	add	x2, x2, #1
	cmp	x2, #CONFIG_NR_CPUS
	b.lo	1b
	b	boot_failed		/* started, but not by us: park (smp_init times out) */
2:	adr_l	x1, secondary_data
	add	x1, x1, x2, lsl #SD_SIZE_SHIFT
	ldr	x0, [x1, #SD_TCR]
	msr	tcr_el1, x0		/* the boot CPU's: 16-bit ASIDs (TCR_EL1.AS) if it chose them */
	isb
	ldr	x20, [x1, #SD_STACK_TOP]
	ldr	x21, [x1, #SD_TASK]
	ldr	x22, [x1, #SD_PCPU]
	b	secondary_switch
END(secondary_entry)

/*
 * At the linked address, on the kernel's tables. x20 = the idle task's stack top, x21 =
 * the idle task, x22 = this CPU's pcpu_arm64, w23 = the entry EL: the same order of
 * steps as primary_switched.
 */
ENTRY(secondary_switched)
	msr	spsel, #1
	mov	sp, x20
	msr	sp_el0, x21		/* 'current' = this CPU's idle task */
	msr	tpidr_el1, x22
	mov	x29, xzr
	mov	x30, xzr
	adr_l	x0, vectors
	msr	vbar_el1, x0
	isb
	mov	w0, w23
	bl	secondary_start_kernel
	b	boot_failed		/* not reached */
END(secondary_switched)

	.data
	.balign	8
SYM_DATA(kimage_voffset)
	.quad	0
SYM_DATA(boot_cpu_mode)		/* CurrentEL value at entry: EL1 or EL2 */
	.long	0
	.long	0
