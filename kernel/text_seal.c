// SPDX-License-Identifier: GPL-2.0
/*
 * The end of boot-time text patching (linux/text_patching.h): once set, no instruction of
 * the kernel changes again.
 */
#include <linux/kernel.h>
#include <linux/text_patching.h>

bool kernel_text_sealed;
