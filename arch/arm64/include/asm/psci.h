/*
 * PSCI (Arm DEN 0022), the firmware interface for CPU and system power. Calls are SMC or
 * HVC, whichever the DTB's /psci "method" names; the wrong one hangs or traps.
 */
#ifndef _ASM_ARM64_PSCI_H
#define _ASM_ARM64_PSCI_H

#define PSCI_0_2_FN_PSCI_VERSION	0x84000000
#define PSCI_0_2_FN_SYSTEM_OFF		0x84000008

void psci_dt_init(const void *fdt);
void psci_system_off(void);	/* returns only if the firmware did not power off */

#endif
