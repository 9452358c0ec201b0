/*
 * struct pt_regs: the registers of an interrupted context, as the entry code saves them on
 * the kernel stack. The layout is Linux's x86_64 one: the entry code pushes di..r15 below
 * the frame the CPU pushed (ip cs flags sp ss), so the struct reads from the lowest address.
 */
#ifndef _ASM_X86_PTRACE_H
#define _ASM_X86_PTRACE_H

/* Byte offsets, for the entry assembly (checked against the struct in kernel/traps.c). */
#define PTREGS_R15	0
#define PTREGS_R14	8
#define PTREGS_R13	16
#define PTREGS_R12	24
#define PTREGS_BP	32
#define PTREGS_BX	40
#define PTREGS_R11	48
#define PTREGS_R10	56
#define PTREGS_R9	64
#define PTREGS_R8	72
#define PTREGS_AX	80
#define PTREGS_CX	88
#define PTREGS_DX	96
#define PTREGS_SI	104
#define PTREGS_DI	112
#define PTREGS_ORIG_AX	120
#define PTREGS_IP	128
#define PTREGS_CS	136
#define PTREGS_FLAGS	144
#define PTREGS_SP	152
#define PTREGS_SS	160
#define PTREGS_SIZE	168

#ifndef __ASSEMBLY__

struct pt_regs {
	/* Callee-saved registers: C code only saves them when it uses them. */
	unsigned long r15;
	unsigned long r14;
	unsigned long r13;
	unsigned long r12;
	unsigned long bp;
	unsigned long bx;
	/* Caller-clobbered registers: always saved on entry. */
	unsigned long r11;
	unsigned long r10;
	unsigned long r9;
	unsigned long r8;
	unsigned long ax;
	unsigned long cx;
	unsigned long dx;
	unsigned long si;
	unsigned long di;
	/* Error code of the exception (-1 when it has none); the syscall number for syscalls. */
	unsigned long orig_ax;
	/* The interrupt frame the CPU itself pushes. */
	unsigned long ip;
	unsigned long cs;
	unsigned long flags;
	unsigned long sp;
	unsigned long ss;
};

#define instruction_pointer(regs)	((regs)->ip)
#define user_stack_pointer(regs)	((regs)->sp)
/* The requested privilege level of the saved CS is the ring that was interrupted. */
#define user_mode(regs)			(((regs)->cs & 3) == 3)

#endif /* !__ASSEMBLY__ */
#endif
