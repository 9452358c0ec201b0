// SPDX-License-Identifier: GPL-2.0
/*
 * In-kernel tests of the per-task FP/SIMD state (KTAP, "ktest=fpsimd"): known patterns in
 * V0-V31, FPCR and FPSR go through fpu_switch between two task structs and come back intact,
 * each in its own task; the saved state holds them in struct user_fpsimd_state's layout;
 * fpu_clone copies the live registers; fpu_init_task and fpsimd_flush_user_state give zeros;
 * timer interrupts leave the registers alone. The registers are read and written here with
 * instructions of their own (ld1/st1, msr/mrs), not with the save/restore under test.
 */
#include <linux/ktest.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/jiffies.h>
#include <asm/fpsimd.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

struct live_regs {
	u8 v[32][16];
	u64 fpcr, fpsr;
};

/*
 * The kernel never uses these registers, so nothing between two asm blocks changes them.
 * Built -mgeneral-regs-only, the file's own code has no FP/SIMD; the asm says it uses them
 * (clang's assembler checks the target's features, GNU as does not).
 */
#define FPSIMD_ASM	".arch_extension fp\n\t.arch_extension simd\n\t"

static void set_live(const struct live_regs *r)
{
	const u8 *p = &r->v[0][0];

	__asm__ __volatile__(FPSIMD_ASM
			     "ld1 {v0.16b-v3.16b}, [%0], #64\n\t"
			     "ld1 {v4.16b-v7.16b}, [%0], #64\n\t"
			     "ld1 {v8.16b-v11.16b}, [%0], #64\n\t"
			     "ld1 {v12.16b-v15.16b}, [%0], #64\n\t"
			     "ld1 {v16.16b-v19.16b}, [%0], #64\n\t"
			     "ld1 {v20.16b-v23.16b}, [%0], #64\n\t"
			     "ld1 {v24.16b-v27.16b}, [%0], #64\n\t"
			     "ld1 {v28.16b-v31.16b}, [%0], #64\n\t"
			     "msr fpcr, %1\n\t"
			     "msr fpsr, %2"
			     : "+r"(p) : "r"(r->fpcr), "r"(r->fpsr) : "memory");
}

static void get_live(struct live_regs *r)
{
	u8 *p = &r->v[0][0];

	__asm__ __volatile__(FPSIMD_ASM
			     "st1 {v0.16b-v3.16b}, [%0], #64\n\t"
			     "st1 {v4.16b-v7.16b}, [%0], #64\n\t"
			     "st1 {v8.16b-v11.16b}, [%0], #64\n\t"
			     "st1 {v12.16b-v15.16b}, [%0], #64\n\t"
			     "st1 {v16.16b-v19.16b}, [%0], #64\n\t"
			     "st1 {v20.16b-v23.16b}, [%0], #64\n\t"
			     "st1 {v24.16b-v27.16b}, [%0], #64\n\t"
			     "st1 {v28.16b-v31.16b}, [%0], #64\n\t"
			     "mrs %1, fpcr\n\t"
			     "mrs %2, fpsr"
			     : "+r"(p), "=r"(r->fpcr), "=r"(r->fpsr) : : "memory");
}

/* A pattern no other seed produces, in every byte of every register. */
static void make_pattern(struct live_regs *r, u8 seed, u64 fpcr, u64 fpsr)
{
	for (int i = 0; i < 32; i++)
		for (int j = 0; j < 16; j++)
			r->v[i][j] = seed ^ (i << 3) ^ j;
	r->fpcr = fpcr;
	r->fpsr = fpsr;
}

/* Round toward +inf with default NaN / toward -inf with flush-to-zero; some sticky flags. */
#define FPCR_A	0x02400000
#define FPCR_B	0x01800000
#define FPSR_A	0x0000001f
#define FPSR_B	0x08000001

static bool regs_equal(struct ktest_ctx *t, const char *what, const struct live_regs *got,
		       const struct live_regs *want)
{
	if (!memcmp(got, want, sizeof(*got)))
		return true;
	for (int i = 0; i < 32; i++)
		if (memcmp(got->v[i], want->v[i], 16))
			printk(KERN_ERR "    # %s: v%d byte 0 %#x, want %#x\n", what, i,
			       got->v[i][0], want->v[i][0]);
	printk(KERN_ERR "    # %s: fpcr %#llx (want %#llx), fpsr %#llx (want %#llx)\n", what,
	       (unsigned long long)got->fpcr, (unsigned long long)want->fpcr,
	       (unsigned long long)got->fpsr, (unsigned long long)want->fpsr);
	t->failed = 1;
	return false;
}

/* Does a saved state hold the pattern, in struct user_fpsimd_state's layout? */
static void expect_saved(struct ktest_ctx *t, const struct user_fpsimd_state *s,
			 const struct live_regs *want)
{
	KTEST_EXPECT(t, !memcmp(s->vregs, want->v, sizeof(want->v)));
	KTEST_EXPECT_EQ(t, s->fpcr, want->fpcr);
	KTEST_EXPECT_EQ(t, s->fpsr, want->fpsr);
}

/* Task structs to switch between (only thread.fpsimd_state is used), and the registers to
 * put back at the end. */
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

KTEST(fpsimd, layout_and_alignment)
{
	KTEST_EXPECT_EQ(t, sizeof(struct user_fpsimd_state), 528);
	KTEST_EXPECT_EQ(t, __builtin_offsetof(struct user_fpsimd_state, fpsr), 512);
	KTEST_EXPECT_EQ(t, __builtin_offsetof(struct user_fpsimd_state, fpcr), 516);
	KTEST_EXPECT_EQ(t, (unsigned long)&init_task.thread.fpsimd_state & 15, 0);
}

KTEST(fpsimd, init_task_gives_zeros)
{
	struct fixture f;
	struct live_regs pa, got, zero;

	if (!setup(t, &f)) {
		teardown(&f);
		return;
	}
	make_pattern(&pa, 0x11, FPCR_A, FPSR_A);
	memset(&zero, 0, sizeof(zero));
	set_live(&pa);
	fpu_switch(f.a, f.b);		/* b has never run */
	get_live(&got);
	regs_equal(t, "fresh task", &got, &zero);
	teardown(&f);
}

KTEST(fpsimd, switch_round_trip_keeps_each_tasks_registers)
{
	struct fixture f;
	struct live_regs pa, pb, got;

	if (!setup(t, &f)) {
		teardown(&f);
		return;
	}
	make_pattern(&pa, 0x5a, FPCR_A, FPSR_A);
	make_pattern(&pb, 0xa5, FPCR_B, FPSR_B);

	set_live(&pa);
	fpu_switch(f.a, f.b);		/* a leaves with A */
	set_live(&pb);
	fpu_switch(f.b, f.a);		/* b leaves with B, a comes back */
	get_live(&got);
	regs_equal(t, "a after b ran", &got, &pa);
	expect_saved(t, &f.b->thread.fpsimd_state, &pb);

	for (int i = 0; i < 100; i++) {	/* back and forth: nothing drifts */
		fpu_switch(f.a, f.b);
		fpu_switch(f.b, f.a);
	}
	fpu_switch(f.a, f.b);
	get_live(&got);
	regs_equal(t, "b after 100 round trips", &got, &pb);
	expect_saved(t, &f.a->thread.fpsimd_state, &pa);
	teardown(&f);
}

KTEST(fpsimd, clone_copies_the_live_registers)
{
	struct fixture f;
	struct live_regs pa, pb, got;

	if (!setup(t, &f)) {
		teardown(&f);
		return;
	}
	make_pattern(&pa, 0x3c, FPCR_A, FPSR_B);
	make_pattern(&pb, 0xc3, FPCR_B, FPSR_A);
	set_live(&pa);
	fpu_clone(f.c, f.a);		/* a is "current": its live registers are A */
	expect_saved(t, &f.c->thread.fpsimd_state, &pa);
	set_live(&pb);
	fpu_switch(f.b, f.c);		/* the child's first run */
	get_live(&got);
	regs_equal(t, "child", &got, &pa);
	teardown(&f);
}

KTEST(fpsimd, exec_reset_gives_zeros)
{
	struct fixture f;
	struct live_regs pa, got, zero;

	if (!setup(t, &f)) {
		teardown(&f);
		return;
	}
	make_pattern(&pa, 0x77, FPCR_B, FPSR_B);
	memset(&zero, 0, sizeof(zero));
	set_live(&pa);
	fpsimd_flush_user_state();
	get_live(&got);
	regs_equal(t, "after exec", &got, &zero);
	teardown(&f);
}

KTEST(fpsimd, interrupts_leave_the_registers_alone)
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
	make_pattern(&pa, 0xe1, FPCR_A, FPSR_A);
	set_live(&pa);
	start = jiffies;
	while (jiffies - start < 3)
		cpu_relax();
	get_live(&got);
	regs_equal(t, "after 3 ticks", &got, &pa);
	teardown(&f);
}
