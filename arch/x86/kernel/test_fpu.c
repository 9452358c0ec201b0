// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel tests of the per-task FPU state (KTAP, "ktest=fpu"): known patterns in XMM0-15,
 * the YMM upper halves (when XCR0 has AVX), MXCSR and the x87 control word go through
 * fpu_switch between two task structs and come back intact, each in its own task; the saved
 * area holds them where the hardware's format says; fpu_clone copies the live registers;
 * fpu_init_task and fpu_flush_user_state give the defaults; timer interrupts leave the
 * registers alone. The registers are read and written here with instructions of their own
 * (movdqu, vinsertf128, ldmxcsr, fldcw), not with the save/restore under test.
 */
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/jiffies.h>
#include <asm/fpu.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

struct live_regs {
	u8 xmm[16][16];
	u8 ymmh[16][16];	/* bits 255:128 of YMM0-15 */
	u32 mxcsr;
	u16 fcw;
};

#define X16(op) op(0) op(1) op(2) op(3) op(4) op(5) op(6) op(7) \
		op(8) op(9) op(10) op(11) op(12) op(13) op(14) op(15)
#define LOAD_XMM(n)	"movdqu " #n "*16(%0), %%xmm" #n "\n\t"
#define STORE_XMM(n)	"movdqu %%xmm" #n ", " #n "*16(%0)\n\t"
#define LOAD_YMMH(n)	"vinsertf128 $1, " #n "*16(%0), %%ymm" #n ", %%ymm" #n "\n\t"
#define STORE_YMMH(n)	"vextractf128 $1, %%ymm" #n ", " #n "*16(%0)\n\t"

static bool have_avx(void)
{
	return fpu_xfeatures & XFEATURE_MASK_YMM;
}

/* The kernel never uses these registers, so nothing between two asm blocks changes them. */
static void set_live(const struct live_regs *r)
{
	__asm__ __volatile__(X16(LOAD_XMM) : : "r"(r->xmm) : "memory");
	if (have_avx())
		__asm__ __volatile__(X16(LOAD_YMMH) : : "r"(r->ymmh) : "memory");
	__asm__ __volatile__("ldmxcsr %0" : : "m"(r->mxcsr));
	__asm__ __volatile__("fldcw %0" : : "m"(r->fcw));
}

static void get_live(struct live_regs *r)
{
	memset(r, 0, sizeof(*r));
	__asm__ __volatile__(X16(STORE_XMM) : : "r"(r->xmm) : "memory");
	if (have_avx())
		__asm__ __volatile__(X16(STORE_YMMH) : : "r"(r->ymmh) : "memory");
	__asm__ __volatile__("stmxcsr %0" : "=m"(r->mxcsr));
	__asm__ __volatile__("fnstcw %0" : "=m"(r->fcw));
}

/* A pattern no other seed produces, in every byte of every register. */
static void make_pattern(struct live_regs *r, u8 seed, u32 mxcsr, u16 fcw)
{
	memset(r, 0, sizeof(*r));
	for (int i = 0; i < 16; i++)
		for (int j = 0; j < 16; j++) {
			r->xmm[i][j] = seed ^ (i << 4) ^ j;
			if (have_avx())
				r->ymmh[i][j] = ~(seed ^ (j << 4) ^ i);
		}
	r->mxcsr = mxcsr;
	r->fcw = fcw;
}

static void make_defaults(struct live_regs *r)
{
	memset(r, 0, sizeof(*r));
	r->mxcsr = FPU_DEFAULT_MXCSR;
	r->fcw = FPU_DEFAULT_FCW;
}

/* Rounding toward zero / down, and two x87 precisions: all valid, all unlike the defaults. */
#define MXCSR_A 0x7f80
#define MXCSR_B 0x3f80
#define FCW_A	0x027f
#define FCW_B	0x0f7f

static bool regs_equal(struct ktest_ctx *t, const char *what, const struct live_regs *got,
		       const struct live_regs *want)
{
	if (!memcmp(got, want, sizeof(*got)))
		return true;
	for (int i = 0; i < 16; i++) {
		if (memcmp(got->xmm[i], want->xmm[i], 16))
			printk(KERN_ERR "    # %s: xmm%d byte 0 %#x, want %#x\n", what, i,
			       got->xmm[i][0], want->xmm[i][0]);
		if (memcmp(got->ymmh[i], want->ymmh[i], 16))
			printk(KERN_ERR "    # %s: ymm%d upper byte 0 %#x, want %#x\n", what, i,
			       got->ymmh[i][0], want->ymmh[i][0]);
	}
	printk(KERN_ERR "    # %s: mxcsr %#x (want %#x), fcw %#x (want %#x)\n", what, got->mxcsr,
	       want->mxcsr, got->fcw, want->fcw);
	t->failed = 1;
	return false;
}

/* Does a saved area hold the pattern, at the offsets of the hardware's format? */
static void expect_area(struct ktest_ctx *t, const struct fpu *fpu, const struct live_regs *want)
{
	for (int i = 0; i < 16; i++) {
		KTEST_EXPECT(t, !memcmp(fpu->state.fx.xmm[i], want->xmm[i], 16));
		if (have_avx())
			KTEST_EXPECT(t, !memcmp(&fpu->state.bytes[FPU_YMM_OFFSET + 16 * i],
						want->ymmh[i], 16));
	}
	KTEST_EXPECT_EQ(t, fpu->state.fx.mxcsr, want->mxcsr);
	KTEST_EXPECT_EQ(t, fpu->state.fx.fcw, want->fcw);
	if (fpu_xfeatures)
		KTEST_EXPECT(t, (fpu->state.header.xstate_bv & fpu_xfeatures &
				 ~XFEATURE_MASK_FP) == (fpu_xfeatures & ~XFEATURE_MASK_FP));
}

/* Task structs to switch between (only thread.fpu is used), and the registers to restore. */
struct fixture {
	struct task_struct *a, *b, *c, *saved;
};

static bool setup(struct ktest_ctx *t, struct fixture *f)
{
	f->a = kzalloc(sizeof(struct task_struct), GFP_KERNEL);
	f->b = kzalloc(sizeof(struct task_struct), GFP_KERNEL);
	f->c = kzalloc(sizeof(struct task_struct), GFP_KERNEL);
	f->saved = kzalloc(sizeof(struct task_struct), GFP_KERNEL);
	KTEST_EXPECT(t, f->a && f->b && f->c && f->saved);
	if (!f->a || !f->b || !f->c || !f->saved)
		return false;
	fpu_init_task(f->a);
	fpu_init_task(f->b);
	fpu_init_task(f->c);
	fpu_clone(f->saved, current);	/* what the CPU held before the test */
	return true;
}

static void teardown(struct fixture *f)
{
	if (f->a && f->saved)
		fpu_switch(f->a, f->saved);
	kfree(f->a);
	kfree(f->b);
	kfree(f->c);
	kfree(f->saved);
}

KTEST(fpu, area_aligned_and_sized)
{
	struct fixture f;

	if (!setup(t, &f)) {
		teardown(&f);
		return;
	}
	KTEST_EXPECT_EQ(t, (unsigned long)&f.a->thread.fpu.state & 63, 0);
	KTEST_EXPECT_EQ(t, (unsigned long)&init_task.thread.fpu.state & 63, 0);
	KTEST_EXPECT(t, fpu_state_size >= FPU_LEGACY_SIZE && fpu_state_size <= FPU_STATE_SIZE);
	if (fpu_xfeatures & XFEATURE_MASK_YMM)
		KTEST_EXPECT_EQ(t, fpu_state_size, FPU_STATE_SIZE);
	printk(KERN_INFO "    # %s, XCR0 %#llx, %u bytes\n", fpu_xfeatures ? "XSAVE" : "FXSAVE",
	       (unsigned long long)fpu_xfeatures, fpu_state_size);
	teardown(&f);
}

KTEST(fpu, init_task_gives_defaults)
{
	struct fixture f;
	struct live_regs pa, got, def;

	if (!setup(t, &f)) {
		teardown(&f);
		return;
	}
	make_pattern(&pa, 0x11, MXCSR_A, FCW_A);
	make_defaults(&def);
	set_live(&pa);
	fpu_switch(f.a, f.b);		/* b has never run */
	get_live(&got);
	regs_equal(t, "fresh task", &got, &def);
	teardown(&f);
}

KTEST(fpu, switch_round_trip_keeps_each_tasks_registers)
{
	struct fixture f;
	struct live_regs pa, pb, got;

	if (!setup(t, &f)) {
		teardown(&f);
		return;
	}
	make_pattern(&pa, 0x5a, MXCSR_A, FCW_A);
	make_pattern(&pb, 0xa5, MXCSR_B, FCW_B);

	set_live(&pa);
	fpu_switch(f.a, f.b);		/* a leaves with A */
	set_live(&pb);
	fpu_switch(f.b, f.a);		/* b leaves with B, a comes back */
	get_live(&got);
	regs_equal(t, "a after b ran", &got, &pa);
	expect_area(t, &f.b->thread.fpu, &pb);

	for (int i = 0; i < 100; i++) {	/* back and forth: nothing drifts */
		fpu_switch(f.a, f.b);
		fpu_switch(f.b, f.a);
	}
	fpu_switch(f.a, f.b);
	get_live(&got);
	regs_equal(t, "b after 100 round trips", &got, &pb);
	expect_area(t, &f.a->thread.fpu, &pa);
	teardown(&f);
}

KTEST(fpu, clone_copies_the_live_registers)
{
	struct fixture f;
	struct live_regs pa, pb, got;

	if (!setup(t, &f)) {
		teardown(&f);
		return;
	}
	make_pattern(&pa, 0x3c, MXCSR_A, FCW_B);
	make_pattern(&pb, 0xc3, MXCSR_B, FCW_A);
	set_live(&pa);
	fpu_clone(f.c, f.a);		/* a is "current": its live registers are A */
	expect_area(t, &f.c->thread.fpu, &pa);
	set_live(&pb);
	fpu_switch(f.b, f.c);		/* the child's first run */
	get_live(&got);
	regs_equal(t, "child", &got, &pa);
	teardown(&f);
}

KTEST(fpu, exec_reset_gives_defaults)
{
	struct fixture f;
	struct live_regs pa, got, def;

	if (!setup(t, &f)) {
		teardown(&f);
		return;
	}
	make_pattern(&pa, 0x77, MXCSR_B, FCW_B);
	make_defaults(&def);
	set_live(&pa);
	__asm__ __volatile__("fld1\n\tfldpi");	/* two x87 registers in use */
	fpu_flush_user_state();
	get_live(&got);
	regs_equal(t, "after exec", &got, &def);
	fpu_switch(f.a, f.b);
	KTEST_EXPECT_EQ(t, f.a->thread.fpu.state.fx.ftw, 0);	/* x87 stack empty */
	KTEST_EXPECT_EQ(t, f.a->thread.fpu.state.fx.fsw, 0);
	teardown(&f);
}

KTEST(fpu, interrupts_leave_the_registers_alone)
{
	struct fixture f;
	struct live_regs pa, got;
	unsigned long start;

	if (arch_irqs_disabled())
		KTEST_SKIP(t, "interrupts are off: no tick to wait for");
	if (!setup(t, &f)) {
		teardown(&f);
		return;
	}
	make_pattern(&pa, 0xe1, MXCSR_A, FCW_A);
	set_live(&pa);
	start = jiffies;
	while (jiffies - start < 3)
		cpu_relax();
	get_live(&got);
	regs_equal(t, "after 3 ticks", &got, &pa);
	teardown(&f);
}
