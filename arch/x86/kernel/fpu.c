// SPDX-License-Identifier: GPL-2.0
/*
 * The user's x87/SSE/AVX state per task (asm/fpu.h says why saving it at the task switch is
 * enough): turning the FPU on at boot, choosing XSAVE or FXSAVE, and the four operations
 * the switch, fork and exec use.
 *
 * Switching is eager: every switch saves the leaving task's registers and loads the arriving
 * one's, whether or not either touched them since. Lazy switching (CR0.TS and the #NM trap)
 * would save work only when most tasks never use SSE, which is not true of x86_64 programs
 * (their C library copies memory with SSE); it would also be a trap path to get right.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <asm/fpu.h>
#include <asm/processor.h>
#include <asm/processor-flags.h>

#define X86_CR4_OSXSAVE		0x00040000	/* XSAVE, XRSTOR, XGETBV/XSETBV allowed */
#define CPUID1_ECX_XSAVE	(1u << 26)
#define CPUID1_ECX_AVX		(1u << 28)
#define XSTATE_CPUID		0xd

u64 fpu_xfeatures;			/* 0 until XSAVE is on: then FXSAVE is used */
unsigned int fpu_state_size = FPU_LEGACY_SIZE;

/* What a new task and an exec'ed program start with (fpu_init_cpu fills it in). */
static struct fpu init_fpstate;

static inline void xsetbv(u32 index, u64 value)
{
	__asm__ __volatile__("xsetbv" : : "c"(index), "a"((u32)value), "d"((u32)(value >> 32)));
}

/*
 * The 64-bit forms (REX.W): FIP and FDP are saved as 64-bit offsets. 32-bit tasks lose the
 * x87 FCS/FDS selectors, which CPUs since Haswell no longer record anyway.
 */
static inline void fpu_save_regs(struct fpu *fpu)
{
	if (fpu_xfeatures)
		__asm__ __volatile__("xsave64 %0"
				     : "+m"(fpu->state)
				     : "a"((u32)fpu_xfeatures), "d"((u32)(fpu_xfeatures >> 32)));
	else
		__asm__ __volatile__("fxsave64 %0" : "=m"(fpu->state));
}

/*
 * Components whose XSTATE_BV bit is clear get their initial values; MXCSR is loaded from the
 * legacy region whenever SSE or AVX is requested. Every area loaded here was written by
 * fpu_save_regs or copied from init_fpstate, so it is well formed (a reserved MXCSR bit or
 * a nonzero XCOMP_BV would #GP: state from user space, e.g. sigreturn, must be checked).
 */
static inline void fpu_load_regs(const struct fpu *fpu)
{
	if (fpu_xfeatures)
		__asm__ __volatile__("xrstor64 %0"
				     : : "m"(fpu->state),
				       "a"((u32)fpu_xfeatures), "d"((u32)(fpu_xfeatures >> 32)));
	else
		__asm__ __volatile__("fxrstor64 %0" : : "m"(fpu->state));
}

static void check_aligned(const struct fpu *fpu)
{
	if ((unsigned long)&fpu->state & 63)
		panic("fpu: a task's save area at %px is not 64-byte aligned", &fpu->state);
}

void fpu_switch(struct task_struct *prev, struct task_struct *next)
{
	fpu_save_regs(&prev->thread.fpu);
	fpu_load_regs(&next->thread.fpu);
}

void fpu_clone(struct task_struct *dst, struct task_struct *src)
{
	check_aligned(&dst->thread.fpu);
	fpu_save_regs(&src->thread.fpu);	/* src is current: its registers are live */
	memcpy(&dst->thread.fpu.state, &src->thread.fpu.state, fpu_state_size);
}

void fpu_init_task(struct task_struct *t)
{
	check_aligned(&t->thread.fpu);
	memcpy(&t->thread.fpu.state, &init_fpstate.state, sizeof(init_fpstate.state));
}

/* exec: x87 as after FNINIT with its registers zeroed, XMM and YMM zero, MXCSR 0x1f80. */
void fpu_flush_user_state(void)
{
	fpu_load_regs(&init_fpstate);
}

void fpu_save_live(struct fpu *dst)
{
	fpu_save_regs(dst);
}

void fpu_load_live(const struct fpu *src)
{
	fpu_load_regs(src);
}

/*
 * XSAVE with the components the CPU has among x87, SSE and AVX. Larger ones (AVX-512, AMX)
 * would not fit FPU_STATE_SIZE and stay off, so their instructions #UD in user mode, as on
 * a CPU without them. Returns the XCR0 value set, 0 when XSAVE is not used.
 */
static u64 xstate_enable(void)
{
	u32 a, b, c, d;
	u64 supported, want;

	cpuid(1, &a, &b, &c, &d);
	if (!(c & CPUID1_ECX_XSAVE))
		return 0;
	cpuid_count(XSTATE_CPUID, 0, &a, &b, &c, &d);
	supported = ((u64)d << 32) | a;
	want = XFEATURE_MASK_FP | XFEATURE_MASK_SSE;
	if ((supported & XFEATURE_MASK_YMM)) {
		cpuid(1, &a, &b, &c, &d);
		if (c & CPUID1_ECX_AVX) {
			cpuid_count(XSTATE_CPUID, 2, &a, &b, &c, &d);	/* subleaf 2: AVX */
			if (b == FPU_YMM_OFFSET && a == 256)	/* offset and size of the AVX part */
				want |= XFEATURE_MASK_YMM;
		}
	}
	write_cr4(read_cr4() | X86_CR4_OSXSAVE);
	xsetbv(0, want);
	cpuid_count(XSTATE_CPUID, 0, &a, &b, &c, &d);	/* EBX: the size for XCR0 as now set */
	if (b > FPU_STATE_SIZE) {
		pr_warn("fpu: XSAVE area of %u bytes exceeds %u: using FXSAVE\n", b,
			(unsigned int)FPU_STATE_SIZE);
		xsetbv(0, XFEATURE_MASK_FP | XFEATURE_MASK_SSE);
		write_cr4(read_cr4() & ~X86_CR4_OSXSAVE);
		return 0;
	}
	fpu_state_size = b;
	return want;
}

/*
 * User code may use x87, SSE and, where XSAVE is on, AVX: no emulation (EM), no lazy-switch
 * trap (TS), native x87 errors (NE), the OS-saves-SSE bits, XCR0. Then, on the boot CPU,
 * the state a new task starts with: the registers just reset. Runs on every CPU.
 */
void fpu_init_cpu(void)
{
	static bool chosen;	/* the boot CPU has chosen: the others take the same */

	write_cr0((read_cr0() & ~(X86_CR0_EM | X86_CR0_TS)) | X86_CR0_MP | X86_CR0_NE);
	write_cr4(read_cr4() | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
	if (chosen) {
		/* Another CPU (SMP): XCR0 is per CPU, and every CPU must save the same layout. */
		if (fpu_xfeatures) {
			write_cr4(read_cr4() | X86_CR4_OSXSAVE);
			xsetbv(0, fpu_xfeatures);
		}
		fpu_load_regs(&init_fpstate);
		return;
	}
	chosen = true;
	fpu_xfeatures = xstate_enable();
	if (!fpu_xfeatures)
		fpu_state_size = FPU_LEGACY_SIZE;

	memset(&init_fpstate, 0, sizeof(init_fpstate));
	init_fpstate.state.fx.fcw = FPU_DEFAULT_FCW;
	init_fpstate.state.fx.mxcsr = FPU_DEFAULT_MXCSR;
	/* XSTATE_BV = 0: XRSTOR gives every component its initial (zero) values. */
	fpu_load_regs(&init_fpstate);

	pr_info("fpu: %s, %u-byte state%s\n", fpu_xfeatures ? "XSAVE" : "FXSAVE", fpu_state_size,
		fpu_xfeatures & XFEATURE_MASK_YMM ? " (x87, SSE, AVX)" : " (x87, SSE)");
}
