/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A random offset on the kernel stack at each syscall entry (CONFIG_RANDOMIZE_KSTACK_OFFSET,
 * Linux's name and interface; docs/hardening.md, "Random kernel stack offset").
 *
 * An attack that needs to know where a syscall's locals sit on the kernel stack (to aim a
 * stack-based overwrite, or to read back a leftover pointer) finds them in a different
 * place each call: the entry C function (do_syscall_64, the i386 entries, el0t_*_sync on
 * arm64) takes a few hundred bytes more off the stack with alloca before anything else,
 * so every frame below it moves.
 *
 *   add_random_kstack_offset()        at entry, in the function that then calls the syscall:
 *                                     alloca(this CPU's offset & KSTACK_OFFSET_MASK)
 *   choose_random_kstack_offset(rand) after the syscall, interrupts off: mix rand (the
 *                                     cycle counter) into this CPU's offset for the next entry
 *
 * Chosen after a syscall, used at the next entry: what the syscall could learn about its own
 * offset (a stack address it leaked) says nothing about the next one. Per CPU, read and
 * written with interrupts off (entry before local_irq_enable, exit after local_irq_disable),
 * so a task cannot move between the read and the write; no lock is needed (issue 17's SMP).
 *
 * Compiled in by default; on at boot with randomize_kstack_offset=on, or by default with
 * CONFIG_RANDOMIZE_KSTACK_OFFSET_DEFAULT (both as in Linux). On or off is a static key
 * (linux/jump_label.h), as Linux's: off, a syscall runs one NOP for it. The alloca lives in
 * an entry function of its own (KSTACK_OFFSET_ENTRY below), called only when the key is on,
 * so the usual entry function keeps a frame alloca does not touch.
 */
#ifndef _LINUX_RANDOMIZE_KSTACK_H
#define _LINUX_RANDOMIZE_KSTACK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kconfig.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/jump_label.h>
#include <asm/timex.h>

/*
 * At most 1023 bytes, as Linux's KSTACK_OFFSET_MAX: the stack's alignment takes the low
 * bits back (16 bytes on arm64, 8 on x86), leaving 6 and 7 bits of entropy. The stacks are
 * 16 KiB, so a 1 KiB shift costs none of their room that a real call chain uses.
 */
#define KSTACK_OFFSET_MASK	0x3ff

#ifdef CONFIG_RANDOMIZE_KSTACK_OFFSET
DECLARE_STATIC_KEY_FALSE(randomize_kstack_offset);	/* set at boot, then only read */

/* One per CPU, padded to a cache line so two CPUs never write the same one. */
struct kstack_offset_slot {
	u32 offset;
} __aligned(64);
extern struct kstack_offset_slot kstack_offset[NR_CPUS];

/* The one accessor: read the CPU number once (interrupts are off at both callers). */
static __always_inline u32 *this_cpu_kstack_offset(void)
{
	return &kstack_offset[smp_processor_id()].offset;
}

/* Whether entries take an offset: one NOP when not (a static branch). */
#define kstack_offset_on()	static_branch_unlikely(&randomize_kstack_offset)

/*
 * A macro, not a function, as in Linux: alloca's space lasts until the function it is
 * written in returns, so it must be written in the entry function itself (or in code
 * inlined into it). The empty asm keeps the compiler from dropping the unused space. Only
 * in the functions KSTACK_OFFSET_ENTRY makes: those run only when the key is on.
 */
#define add_random_kstack_offset()						\
do {										\
	u8 *__kstack_pad = __builtin_alloca(*this_cpu_kstack_offset() &		\
					    KSTACK_OFFSET_MASK);		\
	__asm__ __volatile__("" : : "r"(__kstack_pad) : "memory");		\
} while (0)

/* Only in the functions KSTACK_OFFSET_ENTRY makes, after the syscall, interrupts off. */
#define choose_random_kstack_offset(rand)					\
do {										\
	u32 *__kstack_off = this_cpu_kstack_offset();				\
	*__kstack_off ^= (u32)(rand);						\
} while (0)

/*
 * The entry function that takes the offset: 'name' runs add_random_kstack_offset(), then
 * 'body' (an __always_inline function with the entry's whole work, which returns to it with
 * interrupts off, ready for user mode), in one frame below which everything moves; then it
 * chooses the next entry's offset. noinline and cold: a call of its own, laid out away from
 * the hot text. The usual entry function inlines the same body and calls this one instead
 * when the key is on:
 *
 *     KSTACK_OFFSET_ENTRY(do_syscall_64_offset, __do_syscall_64,
 *                         (struct pt_regs *regs, int nr), (regs, nr))
 *     void do_syscall_64(struct pt_regs *regs, int nr)
 *     {
 *             if (kstack_offset_on())
 *                     do_syscall_64_offset(regs, nr);
 *             else
 *                     __do_syscall_64(regs, nr);
 *     }
 *
 * So the offset costs a kernel that has it off one NOP per syscall, and nothing on the way
 * out: the next offset is chosen here, by the calls that use offsets, as Linux's arm64 does
 * in invoke_syscall (its x86 chooses on every exit to user mode, interrupts included). From
 * the cycle counter, as Linux's x86 (rdtsc); Linux's arm64 takes get_random_u16() instead:
 * ours would be a ChaCha20 block per call.
 */
#define KSTACK_OFFSET_ENTRY(name, body, params, args)				\
static noinline __cold void name params						\
{										\
	add_random_kstack_offset();						\
	body args;								\
	choose_random_kstack_offset(get_cycles());				\
}
#else
#define kstack_offset_on()			false
/* Never called (kstack_offset_on() is false), but its callers still name it. */
#define KSTACK_OFFSET_ENTRY(name, body, params, args)				\
static __always_inline void name params						\
{										\
	body args;								\
}
#endif

/* The boot test's hook (kstack_report on the command line; kernel/kstack_offset.c). */
void kstack_report_arm(struct task_struct *t);
void kstack_report_sample(void);

#endif
