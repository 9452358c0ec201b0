/* Bits of RFLAGS, CR0, CR4 and EFER that this kernel sets or tests (SDM vol. 3, 2.5). */
#ifndef _ASM_X86_PROCESSOR_FLAGS_H
#define _ASM_X86_PROCESSOR_FLAGS_H

#define X86_EFLAGS_CF	0x00000001	/* carry */
#define X86_EFLAGS_FIXED 0x00000002	/* bit 1 always reads as 1 */
#define X86_EFLAGS_PF	0x00000004	/* parity */
#define X86_EFLAGS_AF	0x00000010	/* auxiliary carry */
#define X86_EFLAGS_ZF	0x00000040	/* zero */
#define X86_EFLAGS_SF	0x00000080	/* sign */
#define X86_EFLAGS_TF	0x00000100	/* trap flag: single step */
#define X86_EFLAGS_IF_BIT 9
#define X86_EFLAGS_IF	0x00000200	/* interrupts enabled */
#define X86_EFLAGS_DF	0x00000400	/* direction flag: the ABI wants it clear */
#define X86_EFLAGS_OF	0x00000800	/* overflow */
#define X86_EFLAGS_IOPL	0x00003000	/* I/O privilege level */
#define X86_EFLAGS_NT	0x00004000	/* nested task: iret in long mode #GPs with it set */
#define X86_EFLAGS_RF	0x00010000	/* resume flag: suppresses one instruction breakpoint */
#define X86_EFLAGS_VM	0x00020000	/* virtual-8086 mode */
#define X86_EFLAGS_AC	0x00040000	/* alignment check (and the SMAP override) */
#define X86_EFLAGS_ID	0x00200000	/* CPUID available (user code can flip it) */

/*
 * What the syscall instruction clears from RFLAGS (MSR_SYSCALL_MASK), Linux's set: every
 * flag user code can set, so none reaches the kernel. TF would single-step the kernel, DF
 * turn string copies backwards, IF let an interrupt in before the entry has a stack, AC
 * lift SMAP, NT make iretq fault; IOPL, RF and ID are the user's business only; and the
 * arithmetic flags (CF PF AF ZF SF OF) are user-chosen bits a mispredicted kernel branch
 * could depend on. syscall saves them all in R11 first, and the return gives them back.
 */
#define X86_SYSCALL_MASK (X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF | X86_EFLAGS_ZF |	\
			  X86_EFLAGS_SF | X86_EFLAGS_TF | X86_EFLAGS_IF | X86_EFLAGS_DF |	\
			  X86_EFLAGS_OF | X86_EFLAGS_IOPL | X86_EFLAGS_NT | X86_EFLAGS_RF |	\
			  X86_EFLAGS_AC | X86_EFLAGS_ID)

#define X86_CR0_PE	0x00000001	/* protected mode */
#define X86_CR0_MP	0x00000002	/* wait/fwait honour TS */
#define X86_CR0_EM	0x00000004	/* x87 emulation: every FPU instruction #NMs */
#define X86_CR0_TS	0x00000008	/* task switched: lazy FPU trap */
#define X86_CR0_NE	0x00000020	/* x87 errors as #MF, not IRQ 13 */
#define X86_CR0_WP	0x00010000	/* ring 0 honours read-only pages */
#define X86_CR0_PG	0x80000000	/* paging */

#define X86_CR4_PAE	0x00000020	/* 64-bit page-table entries: required for long mode */
#define X86_CR4_PGE	0x00000080	/* global pages */
#define X86_CR4_OSFXSR	0x00000200	/* the OS saves SSE state: SSE instructions allowed */
#define X86_CR4_OSXMMEXCPT 0x00000400	/* SIMD floating-point errors as #XM */
#define X86_CR4_SMEP	0x00100000	/* ring 0 never executes a user page */
#define X86_CR4_SMAP	0x00200000	/* ring 0 never touches a user page unless EFLAGS.AC */

#define MSR_EFER	0xc0000080
#define EFER_SCE	(1 << 0)	/* SYSCALL/SYSRET */
#define EFER_LME	(1 << 8)	/* long mode enable */
#define EFER_NXE	(1 << 11)	/* no-execute bit in page tables */

#endif
