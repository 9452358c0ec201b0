// SPDX-License-Identifier: GPL-2.0
/*
 * x86_64_start_kernel(): the first C code. head_64.S calls it on the boot stack, at the link
 * address, with BSS cleared and the early page tables live. It makes the CPU ready to take
 * exceptions (GDT with TSS, per-CPU base, IDT) and system calls (syscall_init), and hands
 * over to the generic start_kernel().
 * Reading the boot protocol's information is setup_arch()'s job (kernel/setup.c).
 */
#include <linux/init.h>
#include <asm/desc.h>
#include <asm/percpu.h>
#include <asm/setup.h>
#include <asm/processor.h>

void __noreturn x86_64_start_kernel(void)
{
	cpu_init_gdt(0);	/* final GDT, segment registers, TSS with the IST stacks */
	setup_percpu(0);	/* GS base -> this CPU's data (after the segment reloads) */
	idt_setup();		/* from here on a fault is reported, not a triple fault */
	syscall_init();		/* syscall/sysenter MSRs, the vDSO's entry instruction */
	fpu_init_cpu();		/* x87/SSE usable by user code */
	start_kernel();
}
