/*
 * PSCI (Arm DEN 0022), the firmware interface for CPU and system power. Calls are SMC or
 * HVC, whichever the DTB's /psci "method" names; the wrong one hangs or traps.
 */
#ifndef _ASM_ARM64_PSCI_H
#define _ASM_ARM64_PSCI_H

#include <linux/types.h>

#define PSCI_0_2_FN_PSCI_VERSION	0x84000000
#define PSCI_0_2_FN_SYSTEM_OFF		0x84000008
#define PSCI_0_2_FN64_CPU_ON		0xc4000003	/* SMC64: target MPIDR, entry, context */

/* Return codes (DEN 0022 5.2.2). */
#define PSCI_RET_SUCCESS		0
#define PSCI_RET_NOT_SUPPORTED		(-1)
#define PSCI_RET_INVALID_PARAMS		(-2)
#define PSCI_RET_DENIED			(-3)
#define PSCI_RET_ALREADY_ON		(-4)
#define PSCI_RET_ON_PENDING		(-5)
#define PSCI_RET_INTERNAL_FAILURE	(-6)
#define PSCI_RET_NOT_PRESENT		(-7)
#define PSCI_RET_DISABLED		(-8)
#define PSCI_RET_INVALID_ADDRESS	(-9)

void psci_dt_init(const void *fdt);
void psci_system_off(void);	/* returns only if the firmware did not power off */
bool psci_available(void);	/* the DTB named a conduit */
/* Start the CPU with this MPIDR at physical address entry, MMU off: 0 or a -errno. */
int psci_cpu_on(u64 mpidr, phys_addr_t entry);

#endif
