/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Static keys: a boolean that is set at boot and read on hot paths, tested by no instruction
 * at all. Linux's interface (include/linux/jump_label.h), the part a kernel this size needs:
 *
 *     DEFINE_STATIC_KEY_FALSE(my_key);           off until something turns it on
 *     DECLARE_STATIC_KEY_FALSE(my_key);          in the header its users include
 *
 *     if (static_branch_unlikely(&my_key))       off: one NOP falls through (x86: a 5-byte
 *             rare_work();                       NOP; arm64: nop); on: the same bytes are a
 *                                                jump to rare_work's block
 *     static_branch_enable(&my_key);             before jump_label_init() (an early_param or
 *     static_branch_disable(&my_key);            __setup handler) or from a boot step after it
 *     static_key_enabled(&my_key)                the key's value, for code that is not hot
 *
 * Each static_branch_unlikely() site assembles the NOP and records, in the __jump_table
 * section (a jump_entry: where the NOP is, where the jump would go, which key), what the
 * patcher needs. jump_label_init() (kernel/jump_label.c), called once by start_kernel before
 * any user task, turns every site of every key that is on into its jump; static_branch_enable()
 * after that patches the key's sites at once. The arch names its NOP in asm/jump_label.h and
 * writes the instructions (arch_jump_label_transform in arch/<arch>/kernel/jump_label.c,
 * through the kernel text's writable alias, with the cache maintenance the arch needs).
 *
 * Keys change only while the kernel text may still be patched: once mark_text_alias_ro()
 * has sealed the text (docs/hardening.md), static_branch_enable() and _disable() refuse with a
 * warning. Linux can flip keys at any time (text_poke with a temporary mapping and, on SMP,
 * a breakpoint dance); no user of ours needs that yet.
 */
#ifndef _LINUX_JUMP_LABEL_H
#define _LINUX_JUMP_LABEL_H

#include <linux/types.h>
#include <linux/compiler.h>

struct static_key {
	bool enabled;
};

/* A key that is false until enabled: the only kind (static_branch_unlikely's). */
struct static_key_false {
	struct static_key key;
};

#define DEFINE_STATIC_KEY_FALSE(name)	struct static_key_false name = { .key = { .enabled = false } }
#define DECLARE_STATIC_KEY_FALSE(name)	extern struct static_key_false name

/*
 * One patch site, written by the arch's static branch (asm/jump_label.h), 16 bytes. Offsets,
 * not addresses, as Linux's: code and target are 32-bit offsets from their own fields (the
 * kernel is far smaller than 2 GiB), key a 64-bit one (keys live in data, maybe far away).
 */
struct jump_entry {
	s32 code;	/* the NOP (or, when the key is on, the jump) */
	s32 target;	/* where the jump goes: the code under "if (static_branch_unlikely())" */
	long key;	/* the struct static_key */
};

static inline unsigned long jump_entry_code(const struct jump_entry *e)
{
	return (unsigned long)&e->code + e->code;
}

static inline unsigned long jump_entry_target(const struct jump_entry *e)
{
	return (unsigned long)&e->target + e->target;
}

static inline struct static_key *jump_entry_key(const struct jump_entry *e)
{
	return (struct static_key *)((unsigned long)&e->key + e->key);
}

#include <asm/jump_label.h>	/* JUMP_LABEL_NOP_ASM, JUMP_LABEL_NOP_SIZE */

/*
 * The site: the arch's NOP, and its jump_entry in __jump_table. asm goto: the compiler lays
 * out the rare block at l_yes, out of the straight line, and gives the assembler its address
 * for the table; nothing tests a register or memory.
 */
static __always_inline bool arch_static_branch(struct static_key *key)
{
	__asm__ goto("1:	" JUMP_LABEL_NOP_ASM "\n"
		     "	.pushsection __jump_table, \"a\"\n"
		     "	.balign 8\n"
		     "	.long 1b - ., %l[l_yes] - .\n"
		     "	.quad %c0 - .\n"
		     "	.popsection\n"
		     : : "i"(key) : : l_yes);
	return false;
l_yes:
	return true;
}

/* true when the key is on; costs one NOP when off, one jump when on. */
#define static_branch_unlikely(x)	unlikely(arch_static_branch(&(x)->key))

/* The key's value from memory: for code where one load and test do not matter. */
#define static_key_enabled(x)		READ_ONCE((x)->key.enabled)

void jump_label_init(void);		/* start_kernel, once, before any user task */
void static_key_enable(struct static_key *key);
void static_key_disable(struct static_key *key);

#define static_branch_enable(x)		static_key_enable(&(x)->key)
#define static_branch_disable(x)	static_key_disable(&(x)->key)

/* The arch's half (arch/<arch>/kernel/jump_label.c): make one site a jump or the NOP. */
void arch_jump_label_transform(const struct jump_entry *e, bool enable);

#endif
