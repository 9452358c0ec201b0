/* SPDX-License-Identifier: GPL-2.0 */
/*
 * head_64.S: the first instructions of the kernel, from the boot loader's 32-bit protected
 * mode to C in 64-bit mode at the kernel's link address.
 *
 * Two boot protocols hand over here, both in 32-bit protected mode with paging off and flat
 * segments:
 *   - PVH (QEMU -kernel, Xen): entry point from the ELF note XEN_ELFNOTE_PHYS32_ENTRY;
 *     EBX = physical address of struct hvm_start_info.
 *   - Multiboot2 (GRUB "multiboot2"): entry point from the header's entry-address tag;
 *     EAX = 0x36d76289, EBX = physical address of the boot information.
 * The ELF e_entry (startup_32) is for anything else that jumps there; it only recognises
 * the Multiboot2 magic, and setup_arch() refuses to go on when no protocol was recognised.
 *
 * Until paging is on, the code runs at physical addresses while it was linked at
 * 0xffffffff80000000 + physical (see asm/page.h), so every address it uses is pa(symbol).
 */
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/segment.h>
#include <asm/processor-flags.h>
#include <asm/setup.h>
#include <asm/thread_info.h>

#define pa(sym)		((sym) - __START_KERNEL_map)

#define MB2_HEADER_MAGIC	0xe85250d6
#define MB2_ARCH_I386		0	/* 32-bit protected mode */
#define MB2_TAG_END		0
#define MB2_TAG_ENTRY_ADDRESS	3
#define MB2_TAG_MODULE_ALIGN	6	/* ask for page-aligned modules (the initrd) */

#define XEN_ELFNOTE_PHYS32_ENTRY 18

#define EARLY_EXIT_PANIC	250	/* EXIT_PANIC of linux/reboot.h (C-only header) */

/* Present + writable; the final tables (mm/init_64.c) narrow the permissions. */
#define EARLY_TABLE_FLAGS	(_PAGE_PRESENT | _PAGE_RW)
#define EARLY_LARGE_FLAGS	(_PAGE_PRESENT | _PAGE_RW | _PAGE_PSE)
#define EARLY_PD_COUNT		4	/* 4 page directories x 1 GiB: physical 0..4 GiB */

	.section .head.text, "ax"
	.code32

/*
 * Multiboot2 header. GRUB looks for it 8-byte aligned in the first 32 KiB of the file;
 * .head.text comes first in the image (vmlinux.lds.S), right after the ELF headers.
 */
	.balign 8
mb2_header:
	.long	MB2_HEADER_MAGIC
	.long	MB2_ARCH_I386
	.long	mb2_header_end - mb2_header
	/* magic + arch + length + checksum must be 0 mod 2^32 */
	.long	0x100000000 - (MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/* Entry address tag: GRUB jumps to this physical address instead of e_entry. */
	.balign 8
	.short	MB2_TAG_ENTRY_ADDRESS, 0
	.long	12
	.long	pa(mb2_entry)
	/* Module alignment tag: modules start on a page boundary. */
	.balign 8
	.short	MB2_TAG_MODULE_ALIGN, 0
	.long	8
	.balign 8
	.short	MB2_TAG_END, 0
	.long	8
mb2_header_end:

/*
 * PVH note: QEMU -kernel and Xen look for it in a PT_NOTE segment and jump to the 32-bit
 * physical address it holds. In an ELF64 the address is 8 bytes. Notes are 4-byte aligned
 * (QEMU rejects a PT_NOTE with p_align 8).
 */
	.pushsection .note.Xen, "a", @note
	.balign 4
	.long	4				/* namesz: "Xen\0" */
	.long	8				/* descsz */
	.long	XEN_ELFNOTE_PHYS32_ENTRY	/* type */
	.asciz	"Xen"
	.balign 4
	.quad	pa(pvh_entry)
	.balign 4
	.popsection

/* PVH entry: EBX = struct hvm_start_info (its magic is checked in C, pvh.c). */
	.globl pvh_entry
pvh_entry:
	cli				/* no IDT yet: an interrupt would triple-fault */
	movl	$BOOT_PROTO_PVH, pa(boot_params)
	movl	%ebx, pa(boot_params) + 8
	jmp	startup_32_common

/* Multiboot2 entry: EAX = magic (checked in C, multiboot2.c), EBX = boot information. */
	.globl mb2_entry
mb2_entry:
	cli
	movl	$BOOT_PROTO_MB2, pa(boot_params)
	movl	%eax, pa(boot_params) + 4
	movl	%ebx, pa(boot_params) + 8
	jmp	startup_32_common

/* ELF entry point: a loader that knows neither note nor tag. Recognise Multiboot2 by EAX. */
	.globl startup_32
startup_32:
	cli
	movl	%eax, pa(boot_params) + 4
	movl	%ebx, pa(boot_params) + 8
	movl	$BOOT_PROTO_NONE, pa(boot_params)
	cmpl	$MULTIBOOT2_BOOTLOADER_MAGIC, %eax
	jne	startup_32_common
	movl	$BOOT_PROTO_MB2, pa(boot_params)

startup_32_common:
	cld				/* string instructions below count upwards */

	/*
	 * Our own GDT: the loader's may lie in memory we are about to reuse. Then reload CS
	 * with a far jump and the data segments by hand, since lgdt alone changes neither.
	 */
	lgdt	pa(boot_gdt_desc)
	ljmp	$__KERNEL32_CS, $pa(1f)
1:	movl	$__KERNEL_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs

	/*
	 * Clear BSS now, not after the switch to 64-bit mode: the boot stack and the early
	 * page tables live there and are in use from here on. (PVH and GRUB both zero the
	 * p_memsz tail of a segment, but nothing requires a loader to.)
	 */
	movl	$pa(__bss_start), %edi
	movl	$pa(__bss_stop), %ecx
	subl	%edi, %ecx
	shrl	$2, %ecx		/* __bss_stop - __bss_start is a multiple of 8 */
	xorl	%eax, %eax
	rep stosl

	movl	$pa(boot_stack_top), %esp

	/* Long mode needs CPUID leaf 0x80000001 with EDX.LM (bit 29). */
	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	jb	no_long_mode
	movl	$0x80000001, %eax
	cpuid
	btl	$29, %edx
	jnc	no_long_mode
	movl	%edx, %esi		/* keep the feature bits: NX is EDX bit 20 */

	/*
	 * Early page tables (4-level, needed by long mode):
	 *   PML4[0]             -> PDPT_low:  identity map of 0..4 GiB, so the instructions
	 *                                     after "paging on" still run
	 *   PML4[PAGE_OFFSET]   -> PDPT_low:  the same 4 GiB as the start of the direct map,
	 *                                     where setup_arch() reads the boot information
	 *   PML4[511]           -> PDPT_high, whose entry 510 (-2 GiB) -> the first PD:
	 *                                     the kernel image at its link address
	 * with 2 MiB pages, so only four page directories are filled in.
	 */
	movl	$pa(early_pdpt_low) + EARLY_TABLE_FLAGS, pa(early_pml4)
	movl	$pa(early_pdpt_low) + EARLY_TABLE_FLAGS, \
		pa(early_pml4) + ((PAGE_OFFSET >> PGDIR_SHIFT) & 511) * 8
	movl	$pa(early_pdpt_high) + EARLY_TABLE_FLAGS, pa(early_pml4) + 511 * 8
	movl	$pa(early_pd) + EARLY_TABLE_FLAGS, \
		pa(early_pdpt_high) + ((__START_KERNEL_map >> PUD_SHIFT) & 511) * 8

	/* PDPT_low[i] -> PD i, for i = 0..3 */
	movl	$pa(early_pdpt_low), %edi
	movl	$pa(early_pd) + EARLY_TABLE_FLAGS, %eax
	movl	$EARLY_PD_COUNT, %ecx
2:	movl	%eax, (%edi)
	addl	$PAGE_SIZE, %eax
	addl	$8, %edi
	loop	2b

	/* PD entries: 2048 large pages, physical address i * 2 MiB (high halves stay 0). */
	movl	$pa(early_pd), %edi
	movl	$EARLY_LARGE_FLAGS, %eax
	movl	$EARLY_PD_COUNT * 512, %ecx
3:	movl	%eax, (%edi)
	addl	$PMD_SIZE, %eax
	addl	$8, %edi
	loop	3b

	/* Long mode requires PAE paging (8-byte entries). */
	movl	%cr4, %eax
	orl	$X86_CR4_PAE, %eax
	movl	%eax, %cr4

	movl	$pa(early_pml4), %eax
	movl	%eax, %cr3

	/* EFER.LME: the next CR0.PG activates long mode. EFER.NXE when the CPU has NX. */
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	btl	$20, %esi
	jnc	4f
	orl	$EFER_NXE, %eax
4:	wrmsr

	/* Paging on (and WP: ring 0 respects read-only pages). We are now in compatibility mode. */
	movl	%cr0, %eax
	orl	$(X86_CR0_PG | X86_CR0_WP | X86_CR0_PE), %eax
	movl	%eax, %cr0

	/* A far jump to a 64-bit code segment switches to 64-bit mode. */
	ljmp	$__KERNEL_CS, $pa(startup_64)

/*
 * No long mode: say so on the UART (at whatever baud rate it has: QEMU ignores it) and
 * leave through isa-debug-exit. Then stop.
 */
no_long_mode:
	movl	$pa(no_long_mode_msg), %esi
5:	lodsb
	testb	%al, %al
	jz	6f
	movl	$CONFIG_SERIAL_8250_PORT, %edx
	outb	%al, %dx
	jmp	5b
6:	movb	$EARLY_EXIT_PANIC, %al
	movl	$CONFIG_X86_DEBUG_EXIT_PORT, %edx
	outb	%al, %dx
7:	hlt
	jmp	7b

	.code64
startup_64:
	/* Still at the identity-mapped physical address: go to the link address. */
	movabsq	$startup_64_high, %rax
	jmp	*%rax

startup_64_high:
	/* The stack, at its link address now. */
	movq	$boot_stack_top, %rsp
	/* A zero frame pointer ends stack traces here. */
	xorl	%ebp, %ebp
	call	x86_64_start_kernel
	/* x86_64_start_kernel never returns; if it did, stop here. */
8:	cli
	hlt
	jmp	8b

/* Boot GDT: flat 32-bit code, 64-bit code and data at the selectors of the final GDT. */
	.balign 8
	.globl boot_gdt
boot_gdt:
	.quad	0
	.quad	GDT_ENTRY_FLAT(DESC_CODE32_KERNEL)	/* __KERNEL32_CS */
	.quad	GDT_ENTRY_FLAT(DESC_CODE64_KERNEL)	/* __KERNEL_CS */
	.quad	GDT_ENTRY_FLAT(DESC_DATA_KERNEL)	/* __KERNEL_DS */
boot_gdt_end:
	.if boot_gdt_end - boot_gdt != BOOT_GDT_SIZE
	.error "BOOT_GDT_SIZE (asm/setup.h) does not match boot_gdt"
	.endif
boot_gdt_desc:
	.short	boot_gdt_end - boot_gdt - 1
	.long	pa(boot_gdt)

no_long_mode_msg:
	.asciz	"Ferry: this CPU has no 64-bit long mode; cannot boot\r\n"

/* Written by the entry points before BSS is cleared, so it must be in .data. */
	.data
	.balign 4
	.globl boot_params
boot_params:
	.long	BOOT_PROTO_NONE		/* protocol */
	.long	0			/* magic (EAX) */
	.long	0			/* info (EBX) */

	.section .bss..page_aligned, "aw", @nobits
	.balign PAGE_SIZE
early_pml4:
	.skip	PAGE_SIZE
early_pdpt_low:
	.skip	PAGE_SIZE
early_pdpt_high:
	.skip	PAGE_SIZE
early_pd:
	.skip	EARLY_PD_COUNT * PAGE_SIZE

	/* THREAD_SIZE-aligned, like every kernel stack, for the stack walker's bounds. */
	.balign THREAD_SIZE
	.globl boot_stack
boot_stack:
	.skip	THREAD_SIZE
	.globl boot_stack_top
boot_stack_top:
