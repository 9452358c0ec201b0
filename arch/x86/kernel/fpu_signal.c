// SPDX-License-Identifier: GPL-2.0
/*
 * The FPU part of x86 signal frames, Linux's format (uapi asm/sigcontext.h):
 *
 *   64-bit frame   buf_fx: the FXSAVE image (512 bytes), with XSAVE its header and
 *                  components (fpu_state_size in all), then FP_XSTATE_MAGIC2 (4 bytes)
 *   i386 frames    buf: the i387 FSAVE image (struct fregs_state, 112 bytes: the env and
 *                  ST0-7 converted from the FXSAVE image, plus status and the FXSR magic),
 *                  then buf_fx exactly as above
 * buf_fx is 64-byte aligned. The 48 software bytes at the end of the FXSAVE image carry
 * struct _fpx_sw_bytes (magic1, sizes, the features present) when XSAVE is used; glibc and
 * the selftests find the XSAVE part through them. The XSAVE header's XSTATE_BV always has
 * x87 and SSE set in the frame, so a handler that edits the legacy registers sees them
 * restored even if it ignores the header.
 *
 * The registers of the running task are live in the CPU (asm/fpu.h), so saving is one
 * XSAVE/FXSAVE into a kernel buffer and a copy out; restoring is a copy in, the checks
 * that keep XRSTOR/FXRSTOR from faulting (reserved MXCSR bits, XSAVE header), and one
 * XRSTOR/FXRSTOR. The kernel never preempts itself (kernel/sched/core.c), and a switch while
 * a copy sleeps saves and reloads the live registers unchanged, so no lock is needed.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <asm/fpu.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/sigcontext.h>
#include <asm/fpu_signal.h>

#define XFEATURE_MASK_FPSSE	(XFEATURE_MASK_FP | XFEATURE_MASK_SSE)
#define MXCSR_DEFAULT_MASK	0x0000ffbf	/* when FXSAVE reports mxcsr_mask 0 */

BUILD_BUG_ON(sizeof(struct fregs_state) != 112);
BUILD_BUG_ON(sizeof(struct _fpstate_32) != 112 + 512);
BUILD_BUG_ON(__builtin_offsetof(struct _fpstate_32, _fxsr_env) != sizeof(struct fregs_state));
BUILD_BUG_ON(sizeof(struct _fpx_sw_bytes) != 48);

/* Bytes of the FPU area of a frame; i386 frames have the FSAVE image in front. */
unsigned long fpu_sigframe_size(bool ia32)
{
	unsigned long size = fpu_state_size;

	if (fpu_xfeatures)
		size += FP_XSTATE_MAGIC2_SIZE;
	if (ia32)
		size += sizeof(struct fregs_state);
	return size;
}

/*
 * The MXCSR bits this CPU implements (FXSAVE's mxcsr_mask; 0 there means 0xffbf): a
 * reserved bit set makes FXRSTOR/XRSTOR #GP. Read once; every CPU of a machine agrees.
 */
static u32 mxcsr_feature_mask(void)
{
	static u32 mask;

	if (!mask) {
		struct fpu live;

		memset(&live.state.header, 0, sizeof(live.state.header));
		fpu_save_live(&live);
		mask = live.state.fx.mxcsr_mask ? live.state.fx.mxcsr_mask : MXCSR_DEFAULT_MASK;
	}
	return mask;
}

static struct _fpx_sw_bytes *sw_bytes(struct fpu *fpu)
{
	return (struct _fpx_sw_bytes *)fpu->state.fx.available;
}

/* ---- the i387 FSAVE image of an i386 frame, from and to the FXSAVE image ---- */

/* The full 2-bit tag of one x87 register (0 valid, 1 zero, 2 special, 3 empty). */
static u32 x87_tag(const u8 *st)
{
	u16 exp = (st[9] << 8 | st[8]) & 0x7fff;
	u64 mant;

	memcpy(&mant, st, 8);
	if (exp == 0x7fff)
		return 2;
	if (exp == 0)
		return mant ? 2 : 1;
	return mant >> 63 ? 0 : 2;
}

static void fsave_from_fxsave(struct fregs_state *env, const struct fxregs_state *fx)
{
	unsigned int top = (fx->fsw >> 11) & 7;
	u32 twd = 0, ds;

	/* The abridged tag has one bit per physical register; FXSAVE's st[] is ST(i). */
	for (unsigned int phys = 0; phys < 8; phys++) {
		u32 tag = 3;

		if (fx->ftw & (1 << phys))
			tag = x87_tag(fx->st[(phys - top) & 7]);
		twd |= tag << (2 * phys);
	}
	env->cwd = fx->fcw | 0xffff0000u;
	env->swd = fx->fsw | 0xffff0000u;
	env->twd = twd | 0xffff0000u;
	env->fip = (u32)fx->fip;
	/* The 64-bit FXSAVE has no selectors: Linux reports the user CS and DS it has now. */
	env->fcs = current_pt_regs()->cs;
	env->foo = (u32)fx->fdp;
	__asm__ ("movl %%ds, %0" : "=r"(ds));
	env->fos = 0xffff0000u | ds;
	for (unsigned int i = 0; i < 8; i++)
		memcpy(env->st_space + 10 * i, fx->st[i], 10);
}

static void fsave_to_fxsave(struct fxregs_state *fx, const struct fregs_state *env)
{
	u8 ftw = 0;

	for (unsigned int phys = 0; phys < 8; phys++)
		if (((env->twd >> (2 * phys)) & 3) != 3)
			ftw |= 1 << phys;
	fx->fcw = env->cwd;
	fx->fsw = env->swd;
	fx->ftw = ftw;
	fx->fop = env->fcs >> 16;
	fx->fip = env->fip;
	fx->fdp = env->foo;
	for (unsigned int i = 0; i < 8; i++) {
		memcpy(fx->st[i], env->st_space + 10 * i, 10);
		memset(fx->st[i] + 10, 0, 6);
	}
}

/*
 * Save the live registers into the frame's FPU area at buf (64-bit: buf_fx itself; i386:
 * the FSAVE image, buf_fx = buf + 112). 0 or -EFAULT.
 */
int fpu_save_sigframe(void __user *buf, bool ia32)
{
	struct fpu tmp;
	void __user *buf_fx = ia32 ? buf + sizeof(struct fregs_state) : buf;
	u32 magic2 = FP_XSTATE_MAGIC2;

	/*
	 * Every byte that reaches the user: FXSAVE leaves bytes 416..463 and XSAVE the header's
	 * rest and components in their init state as it finds them (kernel stack otherwise).
	 */
	memset(&tmp.state, 0, fpu_state_size);
	fpu_save_live(&tmp);
	/*
	 * The software bytes are written with or without XSAVE, as Linux 6.1 does (booted
	 * with FXSAVE it still says magic1, 512 + 4 bytes, x87|SSE); MAGIC2 and the XSAVE
	 * header only exist with XSAVE, and only then does sigreturn read them.
	 */
	for (int i = 0; i < 7; i++)
		sw_bytes(&tmp)->padding[i] = 0;
	sw_bytes(&tmp)->magic1 = FP_XSTATE_MAGIC1;
	sw_bytes(&tmp)->xstate_size = fpu_state_size;
	sw_bytes(&tmp)->extended_size = fpu_state_size + FP_XSTATE_MAGIC2_SIZE +
					(ia32 ? sizeof(struct fregs_state) : 0);
	sw_bytes(&tmp)->xfeatures = fpu_xfeatures ? fpu_xfeatures : XFEATURE_MASK_FPSSE;
	if (fpu_xfeatures) {
		tmp.state.header.xstate_bv |= XFEATURE_MASK_FPSSE;
		if (copy_to_user(buf_fx + fpu_state_size, &magic2, sizeof(magic2)))
			return -EFAULT;
	}
	if (copy_to_user(buf_fx, &tmp.state, fpu_state_size))
		return -EFAULT;
	if (ia32) {
		struct fregs_state env;

		fsave_from_fxsave(&env, &tmp.state.fx);
		/* _fpstate_32's status and magic words */
		env.status = tmp.state.fx.fsw | (u32)X86_FXSR_MAGIC << 16;
		if (copy_to_user(buf, &env, sizeof(env)))
			return -EFAULT;
	}
	return 0;
}

/*
 * The FXSAVE/XSAVE image at buf_fx into tmp (the parts the restore instruction reads:
 * 512 bytes for FXRSTOR; for XRSTOR the header and components as well), checked so it cannot
 * fault: false for a frame Linux refuses (SIGSEGV). An image without valid magic words is
 * taken as FXSAVE only, the other components reset, as Linux's check_xstate_in_sigframe.
 */
static bool fetch_fx_image(struct fpu *tmp, const void __user *buf_fx)
{
	struct _fpx_sw_bytes sw;
	unsigned long size = FPU_LEGACY_SIZE;
	u64 features = XFEATURE_MASK_FPSSE;

	if (copy_from_user(&tmp->state.fx, buf_fx, FPU_LEGACY_SIZE))
		return false;
	if (fpu_xfeatures) {
		u32 magic2;

		memcpy(&sw, sw_bytes(tmp), sizeof(sw));
		if (sw.magic1 == FP_XSTATE_MAGIC1 &&
		    sw.xstate_size >= FPU_LEGACY_SIZE + sizeof(struct xstate_header) &&
		    sw.xstate_size <= fpu_state_size && sw.xstate_size <= sw.extended_size) {
			if (get_user(magic2, (const u32 __user *)(buf_fx + sw.xstate_size)))
				return false;
			if (magic2 == FP_XSTATE_MAGIC2) {
				size = sw.xstate_size;
				features = sw.xfeatures;
			}
		}
		if (size > FPU_LEGACY_SIZE) {
			/* What the frame's XSAVE area does not cover is zero, not stack. */
			if (size < fpu_state_size)
				memset(tmp->state.bytes + size, 0, fpu_state_size - size);
			if (copy_from_user(tmp->state.bytes + FPU_LEGACY_SIZE,
					   buf_fx + FPU_LEGACY_SIZE, size - FPU_LEGACY_SIZE))
				return false;
			/* XRSTOR's #GP conditions for the standard form (SDM vol. 1, 13.8). */
			if (tmp->state.header.xcomp_bv || tmp->state.header.reserved[0] ||
			    (tmp->state.header.xstate_bv & ~fpu_xfeatures))
				return false;
			/* Components the frame does not claim come back in their initial state. */
			tmp->state.header.xstate_bv &= features;
		} else {
			/* FXSAVE image only: the rest of the components get their initial state. */
			memset(&tmp->state.header, 0, sizeof(tmp->state.header));
			tmp->state.header.xstate_bv = XFEATURE_MASK_FPSSE;
		}
	}
	/* The CPU's own mask, not the frame's copy of it: a frame cannot widen it. */
	if (tmp->state.fx.mxcsr & ~mxcsr_feature_mask())
		return false;
	return true;
}

/*
 * sigreturn: the FPU area of a frame into the live registers. buf 0: the frame had none,
 * the registers are reset (Linux: fpu__clear_user_states). False: a bad frame.
 */
bool fpu_restore_sigframe(const void __user *buf, bool ia32)
{
	struct fpu tmp;

	if (!buf) {
		fpu_flush_user_state();
		return true;
	}
	if (!fetch_fx_image(&tmp, ia32 ? buf + sizeof(struct fregs_state) : buf))
		return false;
	if (ia32) {
		/* The FSAVE image wins over the FXSAVE one's x87 part, as on Linux. */
		struct fregs_state env;

		if (copy_from_user(&env, buf, sizeof(env)))
			return false;
		fsave_to_fxsave(&tmp.state.fx, &env);
	}
	fpu_load_live(&tmp);
	return true;
}
