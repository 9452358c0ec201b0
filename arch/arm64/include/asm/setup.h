/* What the boot path of arch/arm64 shares between its files (setup.c is the hub). */
#ifndef _ASM_ARM64_SETUP_H
#define _ASM_ARM64_SETUP_H

#include <linux/types.h>

extern phys_addr_t __fdt_pointer;	/* the DTB's physical address, from x0 at entry */
extern const void *initial_boot_params;	/* the DTB's virtual address, checked */
extern u32 boot_cpu_mode;		/* CurrentEL at entry (head.S): EL1 or EL2 */

void arm64_memblock_init(const void *fdt, phys_addr_t dt_phys);
bool arm64_range_in_memory(phys_addr_t base, phys_addr_t size);
void cpu_enable_pan(void);		/* kernel/cpufeature.c */
void this_cpu_enable_pan(void);		/* ... on this CPU, as cpu_enable_pan() chose */
extern bool arm64_pan_enabled;		/* set by cpu_enable_pan() when the CPU has PAN */

/* head.S's: the boot stack it switches to, and the C code it calls with the DTB's address. */
extern unsigned long init_stack[];
asmlinkage void __noreturn arm64_start_kernel(phys_addr_t dt_phys);
/* ... and for a secondary CPU (smp.c), on its idle task's stack. */
asmlinkage void __noreturn secondary_start_kernel(unsigned int entry_el);

#endif
