// SPDX-License-Identifier: GPL-2.0
/*
 * The end of boot-time text patching (linux/text_patching.h): after mark_text_alias_ro() no
 * instruction of the kernel changes again, and the one writable mapping of the text that
 * boot needed, the direct (x86) or linear (arm64) map's alias, is read-only like the image.
 * A kernel bug that writes through __va(__pa_symbol(some_function)) then faults, as one
 * that writes to some_function itself always did (crash=write-text-alias proves it).
 */
#include <linux/kernel.h>
#include <linux/text_patching.h>

bool kernel_text_sealed;

/* start_kernel, after jump_label_init() (and x86's smap_init() in setup_arch): the last patch. */
void mark_text_alias_ro(void)
{
	arch_seal_text_alias();
	kernel_text_sealed = true;
	pr_info("Kernel text: its direct-map alias is read-only now\n");
}
