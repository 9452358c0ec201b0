/*
 * The register images a signal handler receives on x86, byte for byte Linux's user ABI
 * (uapi asm/sigcontext.h): glibc's ucontext_t, gdb and Linux's selftests read these offsets.
 *
 *   struct sigcontext_64   x86_64's uc_mcontext: the general registers, then cs/gs/fs/ss,
 *                          the fault's err/trapno/cr2, the old one-word mask, and a pointer
 *                          to the FPU area placed further up the frame.
 *   struct sigcontext_32   i386's (the compat frames of asm/sigframe.h).
 *   struct _fpstate_32     i386's FPU area: the 112-byte i387 FSAVE image (env + ST0-7)
 *                          kept for old programs, then the FXSAVE image, then XSAVE's rest.
 *   struct _fpx_sw_bytes   in the 48 bytes FXSAVE leaves to software (offset 464 of the
 *                          FXSAVE image): says an XSAVE area follows and how big it is;
 *                          FP_XSTATE_MAGIC2 is the 32-bit word right after that area.
 */
#ifndef _ASM_X86_SIGCONTEXT_H
#define _ASM_X86_SIGCONTEXT_H

#include <linux/types.h>

#define FP_XSTATE_MAGIC1	0x46505853U	/* "FPXS" in sw_reserved.magic1 */
#define FP_XSTATE_MAGIC2	0x46505845U	/* "FPXE" after the XSAVE area */
#define FP_XSTATE_MAGIC2_SIZE	4
#define X86_FXSR_MAGIC		0x0000		/* _fpstate_32.magic: FXSR data follows */

/* uc_flags (uapi asm/ucontext.h) */
#define UC_FP_XSTATE		0x1	/* the FPU area has an XSAVE part (magic words valid) */
#define UC_SIGCONTEXT_SS	0x2	/* sigcontext.ss is the saved SS (64-bit frames) */
#define UC_STRICT_RESTORE_SS	0x4	/* sigreturn restores ss exactly; else a bad one is fixed */

struct _fpx_sw_bytes {
	u32 magic1;		/* FP_XSTATE_MAGIC1 when an XSAVE area is there */
	u32 extended_size;	/* the whole FPU area, MAGIC2 included */
	u64 xfeatures;		/* the XSAVE components present (XSTATE_BV may be smaller) */
	u32 xstate_size;	/* FXSAVE image + XSAVE header + components, without MAGIC2 */
	u32 padding[7];
};

struct sigcontext_64 {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 di, si, bp, bx, dx, ax, cx, sp, ip, flags;
	u16 cs, gs, fs, ss;	/* gs and fs are written 0 and never restored, as Linux */
	u64 err;		/* the fault's error code (thread.error_code) */
	u64 trapno;		/* its vector (thread.trap_nr) */
	u64 oldmask;		/* the first 64 signals of the mask the handler interrupts */
	u64 cr2;		/* a page fault's address */
	u64 fpstate;		/* user address of the FXSAVE/XSAVE image; 0: none */
	u64 reserved1[8];
};

struct sigcontext_32 {
	u16 gs, __gsh;
	u16 fs, __fsh;
	u16 es, __esh;
	u16 ds, __dsh;
	u32 di, si, bp, sp, bx, dx, cx, ax;
	u32 trapno, err;
	u32 ip;
	u16 cs, __csh;
	u32 flags;
	u32 sp_at_signal;
	u16 ss, __ssh;
	u32 fpstate;		/* user address of the _fpstate_32; 0: none */
	u32 oldmask;
	u32 cr2;
};

/* The i387 FSAVE image (Linux's struct fregs_state / user_i387_ia32_struct): 112 bytes. */
struct fregs_state {
	u32 cwd, swd, twd;	/* control, status, full tag word (high halves 0xffff) */
	u32 fip, fcs;		/* last instruction: offset, selector | opcode << 16 */
	u32 foo, fos;		/* last operand: offset, selector */
	u8 st_space[80];	/* ST0-ST7, 10 bytes each */
	u32 status;		/* software's: the status word, and the magic above it */
};

struct _fpstate_32 {
	/* The FSAVE image: struct fregs_state, its last word split in two. */
	u32 cw, sw, tag, ipoff, cssel, dataoff, datasel;
	u8 _st[8][10];
	u16 status;		/* the status word at the signal */
	u16 magic;		/* X86_FXSR_MAGIC: the FXSAVE image follows */
	/* From here on, the 512-byte FXSAVE image (asm/fpu.h's fxregs_state). */
	u32 _fxsr_env[6];
	u32 mxcsr;
	u32 reserved;
	u8 _fxsr_st[8][16];
	u8 _xmm[8][16];
	u32 padding1[44];
	struct _fpx_sw_bytes sw_reserved;
};

#endif
