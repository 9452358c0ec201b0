/*
 * Copies between kernel and user memory: the arch half of copy_from_user()/copy_to_user()
 * (asm/uaccess.h explains why the user side uses LDTR/STTR).
 *
 *   unsigned long __arch_copy_from_user(void *to, const void __user *from, unsigned long n)
 *   unsigned long __arch_copy_to_user(void __user *to, const void *from, unsigned long n)
 *
 * Return the number of bytes NOT copied: 0 on success. 256 bytes per step while at least 256
 * remain, then 32 bytes per step, then 8, then single bytes (unaligned accesses are fine:
 * SCTLR_EL1.A is clear and user memory is Normal memory). The user side has no pair form
 * (there is no LDTP/STTP), so each 16 bytes are one LDP/STP on the kernel side and two
 * LDTR/STTR on the user side; the 256-byte step addresses all of them from the step's start
 * with immediate offsets (LDTR/STTR reach +255, LDP/STP +504) and moves the pointers once,
 * which is what makes it cheaper than the 32-byte step: under -icount a 4 KiB copy_to_user
 * is 16 steps of 53 instructions instead of 128 of 10.
 * A fault in a 256-, 32- or 8-byte step does not say how many of its bytes were reachable, so
 * its fixup goes back to the start of that step and falls back to the byte loop, which stops
 * exactly at the first unreachable byte (bytes copied twice get the same value); a fault
 * there returns what is left. Registers: x0 = to, x1 = from, x2 = bytes left, x3-x6 scratch
 * (AAPCS64 scratch registers only, so C callers need nothing saved).
 */
#include <asm/assembler.h>
#include <asm/asm-extable.h>

/* 16 bytes at offset off of the step: user loads (each with its fixup), one kernel store. */
	.macro	from_user_16, off, fixup
9997:	ldtr	x3, [x1, #\off]
9998:	ldtr	x4, [x1, #\off + 8]
	stp	x3, x4, [x0, #\off]
	_asm_extable 9997b, \fixup
	_asm_extable 9998b, \fixup
	.endm

/* 16 bytes at offset off of the step: one kernel load, user stores (each with its fixup). */
	.macro	to_user_16, off, fixup
	ldp	x3, x4, [x1, #\off]
9997:	sttr	x3, [x0, #\off]
9998:	sttr	x4, [x0, #\off + 8]
	_asm_extable 9997b, \fixup
	_asm_extable 9998b, \fixup
	.endm

	.text
ENTRY(__arch_copy_from_user)
	cmp	x2, #256
	b.lo	.Lfrom_blocks_check
.Lfrom_big:				/* x0, x1 move only after the whole step */
	.irp	off, 0, 16, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240
	from_user_16 \off, .Lfrom_bytes
	.endr
	add	x0, x0, #256
	add	x1, x1, #256
	sub	x2, x2, #256
	cmp	x2, #256
	b.hs	.Lfrom_big
.Lfrom_blocks_check:
	cmp	x2, #32
	b.lo	.Lfrom_words_check
.Lfrom_blocks:
30:	ldtr	x3, [x1]		/* user loads, checked as EL0; no store yet on a fault */
31:	ldtr	x4, [x1, #8]
32:	ldtr	x5, [x1, #16]
33:	ldtr	x6, [x1, #24]
	stp	x3, x4, [x0], #16
	stp	x5, x6, [x0], #16
	add	x1, x1, #32
	sub	x2, x2, #32
	cmp	x2, #32
	b.hs	.Lfrom_blocks
.Lfrom_words_check:
	cmp	x2, #8
	b.lo	.Lfrom_bytes
.Lfrom_words:
10:	ldtr	x3, [x1]
	str	x3, [x0], #8
	add	x1, x1, #8
	sub	x2, x2, #8
	cmp	x2, #8
	b.hs	.Lfrom_words
.Lfrom_bytes:
	cbz	x2, .Lfrom_done
11:	ldtrb	w3, [x1]
	strb	w3, [x0], #1
	add	x1, x1, #1
	subs	x2, x2, #1
	b.ne	11b
.Lfrom_done:
	mov	x0, x2
	ret
	_asm_extable 30b, .Lfrom_bytes
	_asm_extable 31b, .Lfrom_bytes
	_asm_extable 32b, .Lfrom_bytes
	_asm_extable 33b, .Lfrom_bytes
	_asm_extable 10b, .Lfrom_bytes
	_asm_extable 11b, .Lfrom_done
END(__arch_copy_from_user)

ENTRY(__arch_copy_to_user)
	cmp	x2, #256
	b.lo	.Lto_blocks_check
.Lto_big:				/* x0, x1 move only after the whole step */
	.irp	off, 0, 16, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240
	to_user_16 \off, .Lto_bytes
	.endr
	add	x0, x0, #256
	add	x1, x1, #256
	sub	x2, x2, #256
	cmp	x2, #256
	b.hs	.Lto_big
.Lto_blocks_check:
	cmp	x2, #32
	b.lo	.Lto_words_check
.Lto_blocks:
	ldp	x3, x4, [x1], #16
	ldp	x5, x6, [x1], #16
40:	sttr	x3, [x0]		/* user stores, checked as EL0 */
41:	sttr	x4, [x0, #8]
42:	sttr	x5, [x0, #16]
43:	sttr	x6, [x0, #24]
	add	x0, x0, #32
	sub	x2, x2, #32
	cmp	x2, #32
	b.hs	.Lto_blocks
.Lto_words_check:
	cmp	x2, #8
	b.lo	.Lto_bytes
.Lto_words:
	ldr	x3, [x1]
20:	sttr	x3, [x0]
	add	x0, x0, #8
	add	x1, x1, #8
	sub	x2, x2, #8
	cmp	x2, #8
	b.hs	.Lto_words
.Lto_bytes:
	cbz	x2, .Lto_done
.Lto_byte:
	ldrb	w3, [x1]
21:	sttrb	w3, [x0]
	add	x0, x0, #1
	add	x1, x1, #1
	subs	x2, x2, #1
	b.ne	.Lto_byte
.Lto_done:
	mov	x0, x2
	ret
.Lto_block_fault:			/* x1 already passed the block: back to its start */
	sub	x1, x1, #32
	b	.Lto_bytes
	_asm_extable 40b, .Lto_block_fault
	_asm_extable 41b, .Lto_block_fault
	_asm_extable 42b, .Lto_block_fault
	_asm_extable 43b, .Lto_block_fault
	_asm_extable 20b, .Lto_bytes
	_asm_extable 21b, .Lto_done
END(__arch_copy_to_user)
