/*
 * The CPU itself: CPUID, control registers, the 64-bit TSS, idling; and the user address
 * space limits and per-task CPU state generic code needs (TASK_SIZE_*, thread_struct).
 */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

#include <asm/processor-flags.h>
#include <asm/page.h>

/*
 * User space ends one page below 2^47, the end of the lower canonical half: the top page is
 * never mapped, so no syscall instruction can sit in its last bytes and leave a
 * non-canonical return address (2^47) in RCX for sysretq (CVE-2012-0217; entry_64.S checks
 * RCX as well, for addresses that arrive through other ways).
 */
#define TASK_SIZE_MAX	((_AC(1, UL) << 47) - PAGE_SIZE)
/* 32-bit processes: 4 GiB minus two pages, Linux's IA32 limit (IA32_PAGE_OFFSET). */
#define TASK_SIZE_32	_AC(0xffffe000, UL)
#define TASK_SIZE_OF(t)	((t)->mm ? (t)->mm->task_size : TASK_SIZE_MAX)

#ifndef __ASSEMBLY__
#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/fpu.h>
#include <asm/percpu.h>

/* Kernel context of a task that is not running (the scheduler's switch_to saves it here). */
struct thread_struct {
	unsigned long sp;		/* kernel RSP at the switch */
	/* User segment state, loaded by set_current_task() (arch/x86/kernel/tls.c). */
	unsigned long fsbase;		/* arch_prctl(ARCH_SET_FS): 64-bit TLS */
	unsigned long gsbase;		/* arch_prctl(ARCH_SET_GS) */
	u64 tls_array[3];		/* set_thread_area(): GDT slots 12-14, 32-bit TLS */
	u16 fsindex, gsindex;		/* the user's FS and GS selectors (32-bit TLS: 0x63) */
	/*
	 * The last user-mode fault, for the signal frame's sigcontext (trapno, err, cr2):
	 * traps.c and mm/fault.c set them before force_sig_fault(), as Linux does. Only the
	 * task itself writes or reads them.
	 */
	unsigned long trap_nr;		/* the vector */
	unsigned long error_code;	/* the CPU's error code (0 when it pushed none) */
	unsigned long cr2;		/* a page fault's address */
	/* x87/SSE/AVX registers while the task is off the CPU (asm/fpu.h, kernel/fpu.c). */
	struct fpu fpu;			/* 64-byte aligned: keep it last */
};

struct task_struct;
void load_user_tls(struct task_struct *t);	/* tls.c: FS/GS bases, GDT TLS slots */
void reset_user_tls(struct task_struct *t);	/* exec: none */
void save_user_tls(struct task_struct *t);	/* the switch: the live selectors and bases */
struct user_desc;
int do_set_thread_area(struct task_struct *p, struct user_desc __user *u_info, bool can_allocate);

static inline void cpuid_count(u32 leaf, u32 subleaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(subleaf));
}

static inline void cpuid(u32 leaf, u32 *a, u32 *b, u32 *c, u32 *d)
{
	cpuid_count(leaf, 0, a, b, c, d);
}

/* EDX of CPUID leaf 0x80000001 (extended features), 0 when the leaf does not exist. */
static inline u32 cpuid_ext_edx(void)
{
	u32 a, b, c, d;

	cpuid(0x80000000, &a, &b, &c, &d);
	if (a < 0x80000001)
		return 0;
	cpuid(0x80000001, &a, &b, &c, &d);
	return d;
}

#define X86_FEATURE_EXT_NX	(1u << 20)	/* CPUID 0x80000001 EDX */
#define X86_FEATURE_EXT_PDPE1GB	(1u << 26)
#define X86_FEATURE_EXT_LM	(1u << 29)
#define X86_FEATURE_SMEP	(1u << 7)	/* CPUID 7.0 EBX */
#define X86_FEATURE_SMAP	(1u << 20)	/* CPUID 7.0 EBX */

/* "memory" on CR reads and writes: page-table changes around them must not be reordered. */
#define DEFINE_CR_ACCESS(n)							\
static inline unsigned long read_cr##n(void)					\
{										\
	unsigned long v;							\
	__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v) : : "memory");	\
	return v;								\
}										\
static inline void write_cr##n(unsigned long v)					\
{										\
	__asm__ __volatile__("mov %0, %%cr" #n : : "r"(v) : "memory");		\
}
DEFINE_CR_ACCESS(0)
DEFINE_CR_ACCESS(2)
DEFINE_CR_ACCESS(3)
DEFINE_CR_ACCESS(4)
#undef DEFINE_CR_ACCESS

/*
 * The 64-bit Task State Segment (SDM vol. 3, 8.7). In long mode it holds no task state: only
 * the stack pointers the CPU loads on an interrupt — sp0 when coming from ring 3 (later
 * issues store the current task's kernel stack top there), ist[n] for IDT gates that name
 * IST slot n+1 — and the I/O permission bitmap offset.
 */
struct x86_hw_tss {
	u32 reserved1;
	u64 sp0;
	u64 sp1;
	u64 sp2;
	u64 reserved2;
	u64 ist[7];
	u64 reserved3;
	u16 reserved4;
	u16 io_bitmap_base;
} __packed;

/* IST slots (1-based as the IDT gate names them; ist[slot - 1] in the TSS). */
#define IST_INDEX_DF	1	/* double fault: the stack may be what broke */
#define IST_INDEX_NMI	2	/* NMI can arrive anywhere, even mid stack switch */
#define IST_INDEX_MCE	3	/* machine check: same reason */
#define N_IST_STACKS	3

/* The stack this CPU switches to when an interrupt or exception arrives from user mode. */
static inline void update_task_stack_sp0(unsigned long sp0)
{
	this_cpu_hot()->tss->sp0 = sp0;
}

void syscall_init(void);		/* kernel/cpu/common.c */

static inline void cpu_relax(void)
{
	/* pause: tells the CPU this is a spin-wait (saves power, helps a sibling thread). */
	__asm__ __volatile__("pause" ::: "memory");
}

/*
 * Enable interrupts and sleep until one arrives. sti takes effect only after the next
 * instruction, so no interrupt can slip in between and leave hlt waiting for nothing.
 */
static inline void arch_cpu_idle(void)
{
	__asm__ __volatile__("sti; hlt" ::: "memory");
}

static inline void native_halt(void)
{
	__asm__ __volatile__("hlt" ::: "memory");
}

#endif /* !__ASSEMBLY__ */
#endif
