// SPDX-License-Identifier: GPL-2.0
/*
 * PSCI calls through the conduit the DTB names (/psci method = "hvc" or "smc"). Without a
 * /psci node, the boot EL decides: entered at EL2 there is no hypervisor below us to answer
 * HVC, so firmware must be reached with SMC; entered at EL1 a hypervisor (QEMU's built-in
 * PSCI by default) answers HVC.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/fdt.h>
#include <linux/errno.h>
#include <asm/psci.h>
#include <asm/setup.h>
#include <asm/sysreg.h>

enum psci_conduit { PSCI_CONDUIT_NONE, PSCI_CONDUIT_HVC, PSCI_CONDUIT_SMC };
static enum psci_conduit conduit;

static unsigned long psci_call(unsigned long fn, unsigned long a1, unsigned long a2,
			       unsigned long a3)
{
	register unsigned long x0 __asm__("x0") = fn;
	register unsigned long x1 __asm__("x1") = a1;
	register unsigned long x2 __asm__("x2") = a2;
	register unsigned long x3 __asm__("x3") = a3;

	/* SMCCC: x0-x3 arguments, x0 result, x4-x17 may be clobbered. */
	if (conduit == PSCI_CONDUIT_SMC)
		__asm__ __volatile__("smc #0" : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3)
				     : : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
				       "x13", "x14", "x15", "x16", "x17", "memory");
	else
		__asm__ __volatile__("hvc #0" : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3)
				     : : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
				       "x13", "x14", "x15", "x16", "x17", "memory");
	return x0;
}

void psci_dt_init(const void *fdt)
{
	static const char *const compats[] = { "arm,psci-1.0", "arm,psci-0.2", "arm,psci" };
	const char *method = NULL;
	unsigned int i;
	int node = -1, len;

	for (i = 0; i < ARRAY_SIZE(compats) && node < 0; i++)
		node = fdt_node_offset_by_compatible(fdt, -1, compats[i]);
	if (node >= 0)
		method = fdt_getprop(fdt, node, "method", &len);
	if (method && !strcmp(method, "hvc"))
		conduit = PSCI_CONDUIT_HVC;
	else if (method && !strcmp(method, "smc"))
		conduit = PSCI_CONDUIT_SMC;
	else
		pr_warn("psci: no usable /psci method in the DTB\n");
	if (conduit != PSCI_CONDUIT_NONE)
		pr_info("psci: using %s\n", conduit == PSCI_CONDUIT_SMC ? "smc" : "hvc");
}

void psci_system_off(void)
{
	if (conduit == PSCI_CONDUIT_NONE)
		conduit = boot_cpu_mode == CurrentEL_EL2 ? PSCI_CONDUIT_SMC : PSCI_CONDUIT_HVC;
	psci_call(PSCI_0_2_FN_SYSTEM_OFF, 0, 0, 0);
}

bool psci_available(void)
{
	return conduit != PSCI_CONDUIT_NONE;
}

/* PSCI's answers as the errno smp_init() reports. */
static int psci_to_errno(long ret)
{
	switch (ret) {
	case PSCI_RET_SUCCESS:
		return 0;
	case PSCI_RET_NOT_SUPPORTED:
		return -EOPNOTSUPP;
	case PSCI_RET_INVALID_PARAMS:
	case PSCI_RET_INVALID_ADDRESS:
		return -EINVAL;
	case PSCI_RET_DENIED:
		return -EPERM;
	case PSCI_RET_ALREADY_ON:
	case PSCI_RET_ON_PENDING:
		return -EBUSY;
	case PSCI_RET_NOT_PRESENT:
	case PSCI_RET_DISABLED:
		return -ENODEV;
	default:
		return -EIO;
	}
}

int psci_cpu_on(u64 mpidr, phys_addr_t entry)
{
	if (conduit == PSCI_CONDUIT_NONE)
		return -ENODEV;
	/* The context id (x0 at entry) is unused: head.S finds the CPU by its MPIDR. */
	return psci_to_errno((long)psci_call(PSCI_0_2_FN64_CPU_ON, mpidr, entry, 0));
}
