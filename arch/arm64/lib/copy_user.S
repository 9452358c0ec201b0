/*
 * Copies between kernel and user memory: the arch half of copy_from_user()/copy_to_user()
 * (asm/uaccess.h explains why the user side uses LDTR/STTR).
 *
 *   unsigned long __arch_copy_from_user(void *to, const void __user *from, unsigned long n)
 *   unsigned long __arch_copy_to_user(void __user *to, const void *from, unsigned long n)
 *
 * Return the number of bytes NOT copied: 0 on success. Eight bytes per step while at least
 * eight remain (unaligned accesses are fine: SCTLR_EL1.A is clear and user memory is Normal
 * memory), then single bytes. A fault in the 8-byte loop does not say how many of those
 * eight bytes were reachable, so its fixup falls back to the byte loop from the same
 * point, which stops exactly at the first unreachable byte; a fault there returns what is
 * left. Registers: x0 = to, x1 = from, x2 = bytes left, x3 scratch (AAPCS64 scratch
 * registers only, so C callers need nothing saved).
 */
#include <asm/assembler.h>
#include <asm/asm-extable.h>

	.text
ENTRY(__arch_copy_from_user)
	cmp	x2, #8
	b.lo	.Lfrom_bytes
.Lfrom_words:
10:	ldtr	x3, [x1]		/* user load, checked as EL0 */
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
	_asm_extable 10b, .Lfrom_bytes
	_asm_extable 11b, .Lfrom_done
END(__arch_copy_from_user)

ENTRY(__arch_copy_to_user)
	cmp	x2, #8
	b.lo	.Lto_bytes
.Lto_words:
	ldr	x3, [x1]
20:	sttr	x3, [x0]		/* user store, checked as EL0 */
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
	_asm_extable 20b, .Lto_bytes
	_asm_extable 21b, .Lto_done
END(__arch_copy_to_user)
