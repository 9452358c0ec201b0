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
 * XSAVE/FXSAVE straight into the frame (plus the software bytes; i386 converts an FXSAVE
 * image in the kernel for the FSAVE one). Restoring a 64-bit FXSAVE frame is one FXRSTOR
 * from the frame after the MXCSR check; XSAVE frames and i386 frames are copied in, checked
 * so XRSTOR/FXRSTOR cannot fault (reserved MXCSR bits, XSAVE header), converted (i386) and
 * loaded with one XRSTOR/FXRSTOR. The kernel never preempts itself (kernel/sched/core.c), and a switch while
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

	__builtin_memcpy(&mant, st, 8);
	if (exp == 0x7fff)
		return 2;
	if (exp == 0)
		return mant ? 2 : 1;
	return mant >> 63 ? 0 : 2;
}

/*
 * One x87 register, 10 bytes: as a quadword and a word (inline moves, no memcpy call).
 * The FXSAVE image pads each to 16 bytes with zeros.
 */
static inline void st_to_fsave(u8 *dst, const u8 *src)
{
	u64 mant;
	u16 exp;

	__builtin_memcpy(&mant, src, 8);
	__builtin_memcpy(&exp, src + 8, 2);
	__builtin_memcpy(dst, &mant, 8);
	__builtin_memcpy(dst + 8, &exp, 2);
}

static inline void st_to_fxsave(u8 *dst, const u8 *src)
{
	u64 mant, exp_and_pad;
	u16 exp;

	__builtin_memcpy(&mant, src, 8);
	__builtin_memcpy(&exp, src + 8, 2);
	exp_and_pad = exp;
	__builtin_memcpy(dst, &mant, 8);
	__builtin_memcpy(dst + 8, &exp_and_pad, 8);
}

static void fsave_from_fxsave(struct fregs_state *env, const struct fxregs_state *fx)
{
	unsigned int top = (fx->fsw >> 11) & 7;
	u32 twd = 0xffff, ds;		/* every register empty (tag 3) ... */

	/* ... but those in use: the abridged tag has one bit per physical register. */
	for (u32 used = fx->ftw; used; used &= used - 1) {
		unsigned int phys = __builtin_ctz(used);

		twd &= ~(3u << (2 * phys));
		twd |= x87_tag(fx->st[(phys - top) & 7]) << (2 * phys);
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
#pragma GCC unroll 8
	for (unsigned int i = 0; i < 8; i++)
		st_to_fsave(env->st_space + 10 * i, fx->st[i]);
}

static void fsave_to_fxsave(struct fxregs_state *fx, const struct fregs_state *env)
{
	/* Abridged tag: bit n set unless register n's 2-bit tag is 3 (empty). */
	u32 t = ~env->twd & 0xffff;

	t = (t | t >> 1) & 0x5555;
	t = (t | t >> 1) & 0x3333;
	t = (t | t >> 2) & 0x0f0f;
	t = (t | t >> 4) & 0x00ff;
	fx->fcw = env->cwd;
	fx->fsw = env->swd;
	fx->ftw = t;
	fx->fop = env->fcs >> 16;
	fx->fip = env->fip;
	fx->fdp = env->foo;
#pragma GCC unroll 8
	for (unsigned int i = 0; i < 8; i++)
		st_to_fxsave(fx->st[i], env->st_space + 10 * i);
}

/*
 * XSAVE/FXSAVE and FXRSTOR straight between the live registers and the user's frame, as
 * Linux does: one instruction instead of a kernel buffer and two copies. The caller has
 * checked the range with access_ok (the instructions run in ring 0: without that check a
 * frame address could name kernel memory). A #PF is resolved or sent to the exception
 * table (arch/x86/mm/fault.c), and so is a #GP (an FXRSTOR that the image makes fault,
 * e.g. MXCSR changed by another thread after the check): -EFAULT either way. The area is
 * 64-byte aligned (get_sigframe), so alignment never faults. Each runs in a uaccess window
 * (SMAP's stac/clac), closed on the fault path too.
 */
static __always_inline int save_regs_to_user(void __user *buf_fx)
{
	__uaccess_begin();
	if (fpu_xfeatures)
		asm goto("1:	xsave64 (%[buf])\n"
			 _ASM_EXTABLE(1b, %l[fault])
			 : : [buf] "r"(buf_fx), "a"((u32)fpu_xfeatures),
			     "d"((u32)(fpu_xfeatures >> 32)) : "memory" : fault);
	else
		asm goto("1:	fxsave64 (%[buf])\n"
			 _ASM_EXTABLE(1b, %l[fault])
			 : : [buf] "r"(buf_fx) : "memory" : fault);
	__uaccess_end();
	return 0;
fault:
	__uaccess_end();
	return -EFAULT;
}

static __always_inline int fxrstor_from_user(const void __user *buf_fx)
{
	__uaccess_begin();
	asm goto("1:	fxrstor64 (%[buf])\n"
		 _ASM_EXTABLE(1b, %l[fault])
		 : : [buf] "r"(buf_fx) : "memory" : fault);
	__uaccess_end();
	return 0;
fault:
	__uaccess_end();
	return -EFAULT;
}

/* Bytes 416..511 of the FXSAVE image in a frame: reserved (zero here) and the software bytes. */
struct fx_sw_tail {
	u8 reserved1[48];
	struct _fpx_sw_bytes sw;
};

/*
 * Save the live registers into the frame's FPU area at buf (64-bit: buf_fx itself; i386:
 * the FSAVE image, buf_fx = buf + 112). 0 or -EFAULT.
 */
int fpu_save_sigframe(void __user *buf, bool ia32)
{
	static const struct xstate_header zero_header;
	void __user *buf_fx = ia32 ? buf + sizeof(struct fregs_state) : buf;
	unsigned long size = fpu_sigframe_size(ia32);
	struct fx_sw_tail tail;

	if (!access_ok(buf, size))
		return -EFAULT;
	/*
	 * XSAVE writes XSTATE_BV but not the rest of the header: clear it first, as Linux
	 * does, so what the frame's reader checks (XCOMP_BV, reserved) is zero.
	 */
	if (fpu_xfeatures &&
	    copy_to_user(buf_fx + FPU_LEGACY_SIZE, &zero_header, sizeof(zero_header)))
		return -EFAULT;
	if (save_regs_to_user(buf_fx))
		return -EFAULT;
	/*
	 * Neither instruction writes bytes 416..511. The reserved ones are zeroed (nothing of
	 * the user's old stack there either); the software bytes are written with or without
	 * XSAVE, as Linux 6.1 does (booted with FXSAVE it still says magic1, 512 + 4 bytes,
	 * x87|SSE); MAGIC2 and the XSAVE header only exist with XSAVE, and only then does
	 * sigreturn read them.
	 */
	for (int i = 0; i < 48; i += 8)
		*(u64 *)&tail.reserved1[i] = 0;
	for (int i = 0; i < 7; i++)
		tail.sw.padding[i] = 0;
	tail.sw.magic1 = FP_XSTATE_MAGIC1;
	tail.sw.xstate_size = fpu_state_size;
	tail.sw.extended_size = size;
	tail.sw.xfeatures = fpu_xfeatures ? fpu_xfeatures : XFEATURE_MASK_FPSSE;
	if (copy_to_user(buf_fx + offsetof(struct fxregs_state, reserved1), &tail, sizeof(tail)))
		return -EFAULT;
	if (fpu_xfeatures) {
		/* x87 and SSE always claimed, so a handler's edits of them are restored */
		u32 magic2 = FP_XSTATE_MAGIC2;
		u64 __user *bv = buf_fx + FPU_LEGACY_SIZE;
		u64 xstate_bv;

		if (get_user(xstate_bv, bv) || put_user(xstate_bv | XFEATURE_MASK_FPSSE, bv) ||
		    put_user(magic2, (u32 __user *)(buf_fx + fpu_state_size)))
			return -EFAULT;
	}
	if (ia32) {
		/*
		 * The FSAVE image is converted from an FXSAVE image in the kernel: the task's
		 * own save area serves, since the live registers are what counts while it runs
		 * (a switch saves them there again; asm/fpu.h).
		 */
		struct fxregs_state *fx = &current->thread.fpu.state.fx;
		struct fregs_state env;

		__asm__ __volatile__("fxsave64 %0" : "=m"(*fx));
		fsave_from_fxsave(&env, fx);
		/* _fpstate_32's status and magic words */
		env.status = fx->fsw | (u32)X86_FXSR_MAGIC << 16;
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
			/*
			 * XRSTOR's #GP conditions for the standard form (SDM vol. 1, 13.8), and
			 * all 48 reserved bytes zero as Linux's validate_user_xstate_header
			 * demands (which of them a CPU checks differs by model).
			 */
			if (tmp->state.header.xcomp_bv ||
			    (tmp->state.header.xstate_bv & ~fpu_xfeatures))
				return false;
			for (int i = 0; i < ARRAY_SIZE(tmp->state.header.reserved); i++)
				if (tmp->state.header.reserved[i])
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
	if (!fpu_xfeatures && !ia32) {
		/*
		 * FXSAVE only, 64-bit: FXRSTOR straight from the frame once MXCSR is known not
		 * to make it fault (the CPU's mask, not the frame's copy of it). Should another
		 * thread change the image in between, the fault is caught all the same; the
		 * registers may then be half loaded, so they are reset.
		 */
		u32 mxcsr;

		if (!access_ok(buf, FPU_LEGACY_SIZE) ||
		    get_user(mxcsr, (const u32 __user *)(buf + offsetof(struct fxregs_state, mxcsr))) ||
		    (mxcsr & ~mxcsr_feature_mask()))
			return false;
		if (fxrstor_from_user(buf)) {
			fpu_flush_user_state();
			return false;
		}
		return true;
	}
	/* A 64-bit frame's XSAVE area must be 64-byte aligned: Linux's XRSTOR straight from
	 * it faults otherwise, and its sigreturn fails (SIGSEGV). */
	if (!ia32 && ((unsigned long)buf & 63))
		return false;
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
