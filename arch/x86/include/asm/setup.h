/*
 * What x86 setup code shares between its files: the boot protocol the kernel was entered
 * through, and the steps of setup_arch().
 */
#ifndef _ASM_X86_SETUP_H
#define _ASM_X86_SETUP_H

/* Which entry point ran (head_64.S stores it before anything else). */
#define BOOT_PROTO_NONE		0	/* ELF entry point, no protocol recognised */
#define BOOT_PROTO_PVH		1	/* QEMU -kernel, Xen: PVH ELF note entry */
#define BOOT_PROTO_MB2		2	/* GRUB multiboot2 */

#define MULTIBOOT2_BOOTLOADER_MAGIC	0x36d76289	/* in EAX at entry */
#define XEN_HVM_START_MAGIC_VALUE	0x336ec578	/* first word of hvm_start_info */

/* head_64.S's boot_gdt: null, __KERNEL32_CS, __KERNEL_CS, __KERNEL_DS (the trampoline's too). */
#define BOOT_GDT_SIZE		(4 * 8)

#ifndef __ASSEMBLY__
#include <linux/types.h>
#include <linux/compiler.h>

struct boot_params_x86 {
	u32 protocol;		/* BOOT_PROTO_* */
	u32 magic;		/* EAX at entry (multiboot2 magic) */
	u32 info;		/* EBX at entry: physical address of the boot information */
};

/* Filled in by head_64.S in .data (it is written before BSS is cleared). */
extern struct boot_params_x86 boot_params;

void __noreturn x86_64_start_kernel(void);

/* Boot protocol readers: add RAM, reserve what they use, copy the command line. */
void pvh_parse_boot_info(u32 info_phys);
void multiboot2_parse_boot_info(u32 magic, u32 info_phys);

/* Until paging_init(), the boot page tables map physical 0..4 GiB at PAGE_OFFSET. */
#define EARLY_MAPPED_LIMIT	(4ULL << 30)
void *early_boot_ptr(u64 phys, u64 size, const char *what);

void paging_init(void);		/* mm/init_64.c: final page tables */

#endif /* !__ASSEMBLY__ */
#endif
