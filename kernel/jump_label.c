// SPDX-License-Identifier: GPL-2.0
/*
 * Static keys (linux/jump_label.h): the table of sites, and turning keys on and off by
 * rewriting their sites (the arch's arch_jump_label_transform, through text_poke_early).
 *
 * Every site is assembled as the NOP, which is right for a key that is off. jump_label_init()
 * runs once in start_kernel, after the command line was read (randomize_kstack_offset=on and
 * the like enable their keys from their early_param or __setup handler) and before any user
 * task: it makes every site of every key that is on a jump. A key changed after that has its
 * own sites rewritten at once; after mark_text_alias_ro() it cannot change.
 */
#include <linux/kernel.h>
#include <linux/jump_label.h>
#include <linux/text_patching.h>

extern const struct jump_entry __start___jump_table[], __stop___jump_table[];

static bool jump_label_ready;	/* jump_label_init() has run: keys patch their sites at once */

/* Rewrite the sites of key (of every key that is on, when key is NULL); returns how many. */
static unsigned int jump_label_update(struct static_key *key)
{
	unsigned int n = 0;

	for (const struct jump_entry *e = __start___jump_table; e < __stop___jump_table; e++) {
		struct static_key *k = jump_entry_key(e);

		if (key ? k != key : !k->enabled)
			continue;
		arch_jump_label_transform(e, k->enabled);
		n++;
	}
	return n;
}

void jump_label_init(void)
{
	unsigned int n = jump_label_update(NULL);

	jump_label_ready = true;
	pr_info("jump_label: %u of %u static branch sites made jumps\n", n,
		(unsigned int)(__stop___jump_table - __start___jump_table));
}

static void static_key_set(struct static_key *key, bool on)
{
	if (key->enabled == on)
		return;
	if (WARN_ON(kernel_text_sealed))	/* the text cannot be written any more */
		return;
	WRITE_ONCE(key->enabled, on);
	if (jump_label_ready)
		jump_label_update(key);
}

void static_key_enable(struct static_key *key)
{
	static_key_set(key, true);
}

void static_key_disable(struct static_key *key)
{
	static_key_set(key, false);
}
