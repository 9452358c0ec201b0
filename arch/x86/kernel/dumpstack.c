// SPDX-License-Identifier: GPL-2.0
/*
 * show_regs(): the register dump of an Oops, and a short call trace from the frame-pointer
 * chain (the kernel is built with -fno-omit-frame-pointer: each frame starts with the
 * caller's RBP, and the return address sits just above it).
 */
#include <linux/kernel.h>
#include <asm/ptrace.h>
#include <asm/traps.h>
#include <asm/processor.h>
#include <asm/pgtable.h>

#define MAX_TRACE_FRAMES 16

static bool frame_readable(unsigned long fp)
{
	/* A kernel-half, aligned, mapped two-word frame: reading it cannot fault. */
	return fp >= PAGE_OFFSET && !(fp & 7) &&
	       kernel_addr_mapped(fp) && kernel_addr_mapped(fp + 8);
}

static void show_trace(unsigned long fp)
{
	unsigned long prev = 0, repeats = 0;

	printk(KERN_EMERG "Call Trace:\n");
	for (int shown = 0; shown < MAX_TRACE_FRAMES && fp; ) {
		unsigned long next, ret;

		if (!frame_readable(fp))
			break;
		next = ((unsigned long *)fp)[0];
		ret = ((unsigned long *)fp)[1];
		if (ret < __START_KERNEL_map)
			break;
		if (ret == prev) {
			repeats++;	/* deep recursion: one line, not a screenful */
		} else {
			if (repeats)
				printk(KERN_EMERG " ... repeated %lu more times\n", repeats);
			printk(KERN_EMERG " [<%016lx>] %pS\n", ret, (void *)ret);
			prev = ret;
			repeats = 0;
			shown++;
		}
		/* Frames only go up the stack; anything else is a corrupt chain. */
		if (next <= fp)
			break;
		fp = next;
	}
	if (repeats)
		printk(KERN_EMERG " ... repeated %lu more times\n", repeats);
}

void show_regs(struct pt_regs *regs)
{
	long vector = x86_current_vector();

	if (vector >= 0)
		printk(KERN_EMERG "vector %ld (%s), error code %#lx\n", vector,
		       exception_name(vector), regs->orig_ax);
	printk(KERN_EMERG "CR2: %016lx CR3: %016lx CR0: %016lx CR4: %016lx\n",
	       read_cr2(), read_cr3(), read_cr0(), read_cr4());
	printk(KERN_EMERG "RIP: %04lx:%pS (%016lx)\n", regs->cs & 0xffff, (void *)regs->ip,
	       regs->ip);
	printk(KERN_EMERG "RSP: %04lx:%016lx EFLAGS: %08lx\n", regs->ss & 0xffff, regs->sp,
	       regs->flags);
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n", regs->ax, regs->bx, regs->cx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n", regs->dx, regs->si, regs->di);
	printk(KERN_EMERG "RBP: %016lx R08: %016lx R09: %016lx\n", regs->bp, regs->r8, regs->r9);
	printk(KERN_EMERG "R10: %016lx R11: %016lx R12: %016lx\n", regs->r10, regs->r11, regs->r12);
	printk(KERN_EMERG "R13: %016lx R14: %016lx R15: %016lx\n", regs->r13, regs->r14, regs->r15);
	if (!user_mode(regs))
		show_trace(regs->bp);
}
