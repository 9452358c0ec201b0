// SPDX-License-Identifier: GPL-2.0
/*
 * Thread-local storage for user space: the segment bases that C libraries point at their
 * per-thread data.
 *
 *   64-bit code: FS (glibc, musl) or GS base, set with arch_prctl(ARCH_SET_FS / ARCH_SET_GS)
 *                and written straight into MSR_FS_BASE / the user half of GS.
 *   32-bit code: a GDT descriptor in slot 12-14 made by set_thread_area(), which the
 *                program then loads into %gs (glibc's i386 startup: selector 0x63), and
 *                read back by get_thread_area().
 *
 * Both live in the task's thread_struct and are loaded by load_user_tls() whenever a task
 * becomes current (set_current_task), so each task finds its own; exec clears them.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/compat.h>
#include <linux/string.h>
#include <linux/nospec.h>
#include <asm/desc.h>
#include <asm/ldt.h>
#include <asm/msr.h>
#include <asm/processor.h>
#include <asm/segment.h>

#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

/*
 * The user's FS and GS as they are now (the kernel runs with the user's selectors loaded;
 * only GS's base is swapped, into MSR_KERNEL_GS_BASE): a selector, and for a null selector
 * the base a 64-bit program set through arch_prctl. A non-null selector's base comes from
 * its descriptor, so it is not kept.
 */
void save_user_tls(struct task_struct *t)
{
	u16 fs, gs;

	__asm__ __volatile__("movw %%fs, %0" : "=r"(fs));
	__asm__ __volatile__("movw %%gs, %0" : "=r"(gs));
	t->thread.fsindex = fs;
	t->thread.gsindex = gs;
	if (!fs)
		t->thread.fsbase = rdmsr(MSR_FS_BASE);
	if (!gs)
		t->thread.gsbase = rdmsr(MSR_KERNEL_GS_BASE);
}

/*
 * Load GS's selector for user mode while the kernel's GS base is active: swapgs around the
 * load puts the user's new base (from the descriptor) into MSR_KERNEL_GS_BASE, where the
 * exit's swapgs finds it. Interrupts must stay off in between: an interrupt there would
 * run the kernel on the user's GS base.
 */
static void load_user_gs_index(u16 sel)
{
	unsigned long flags;

	local_irq_save(flags);
	__asm__ __volatile__("swapgs\n\tmovl %0, %%gs\n\tswapgs" : : "r"((u32)sel) : "memory");
	local_irq_restore(flags);
}

/*
 * The selector to load for t: a user selector was valid when user code loaded it, but a TLS
 * slot may have changed since (set_thread_area made it empty or not present, or a clone
 * gave the child another descriptor), and loading it in the kernel would fault (#NP, #GP)
 * with the user's GS half swapped in. Such a selector becomes 0, as the CPU itself makes a
 * segment unusable; an LDT selector cannot be valid (there is no LDT).
 */
static u16 usable_selector(const struct task_struct *t, u16 sel)
{
	unsigned int idx = sel >> 3;

	if (sel & 4)
		return 0;
	if (idx >= GDT_ENTRY_TLS_MIN && idx <= GDT_ENTRY_TLS_MAX &&
	    !(t->thread.tls_array[idx - GDT_ENTRY_TLS_MIN] & (1ULL << 47)))	/* P bit */
		return 0;
	return sel;
}

/*
 * Make t's TLS the CPU's: its GDT slots first, then its selectors, which take their bases
 * from those slots; a null selector gets the base arch_prctl set. (Linux orders the switch
 * of segment state the same way.)
 */
void load_user_tls(struct task_struct *t)
{
	t->thread.fsindex = usable_selector(t, t->thread.fsindex);
	t->thread.gsindex = usable_selector(t, t->thread.gsindex);
	load_tls_descriptors(t->thread.tls_array);
	__asm__ __volatile__("movl %0, %%fs" : : "r"((u32)t->thread.fsindex) : "memory");
	if (!t->thread.fsindex)
		wrmsr(MSR_FS_BASE, t->thread.fsbase);
	load_user_gs_index(t->thread.gsindex);
	if (!t->thread.gsindex)
		wrmsr(MSR_KERNEL_GS_BASE, t->thread.gsbase);
}

/* exec: the new program starts with no TLS, as on Linux. */
void reset_user_tls(struct task_struct *t)
{
	t->thread.fsbase = 0;
	t->thread.gsbase = 0;
	t->thread.fsindex = 0;
	t->thread.gsindex = 0;
	memset(t->thread.tls_array, 0, sizeof(t->thread.tls_array));
	load_user_tls(t);
}

SYSCALL_DEFINE2(arch_prctl, int, option, unsigned long, arg2)
{
	struct thread_struct *th = &current->thread;

	switch (option) {
	case ARCH_SET_FS:
	case ARCH_SET_GS:
		/* A base outside user space would let user code address the kernel's data. */
		if (arg2 >= TASK_SIZE_MAX)
			return -EPERM;
		save_user_tls(current);
		/* A base set this way goes with a null selector (Linux loads 0 too). */
		if (option == ARCH_SET_FS) {
			th->fsbase = arg2;
			th->fsindex = 0;
		} else {
			th->gsbase = arg2;
			th->gsindex = 0;
		}
		load_user_tls(current);
		return 0;
	case ARCH_GET_FS:
		save_user_tls(current);
		return put_user(th->fsbase, (unsigned long __user *)arg2);
	case ARCH_GET_GS:
		save_user_tls(current);
		return put_user(th->gsbase, (unsigned long __user *)arg2);
	default:
		return -EINVAL;
	}
}

/*
 * arch_prctl from 32-bit code (i386 number 384): FS and GS bases are not for 32-bit code,
 * which has set_thread_area. Linux's compat entry serves only options this kernel does not
 * have (CPUID faulting, xstate permissions, mapping the 32-bit vDSO): everything is -EINVAL.
 */
COMPAT_SYSCALL_DEFINE2(arch_prctl, int, option, compat_ulong_t, arg2)
{
	return -EINVAL;
}

/* Linux's "empty" user_desc: clears the slot. */
static bool desc_empty(const struct user_desc *u)
{
	return !u->base_addr && !u->limit && !u->contents && u->read_exec_only &&
	       !u->seg_32bit && !u->limit_in_pages && u->seg_not_present && !u->useable;
}

/* The 8-byte descriptor: DPL 3 data segment, accessed bit set (SDM vol. 3, 3.4.5). */
static u64 make_desc(const struct user_desc *u)
{
	u64 type = (u64)(u->read_exec_only ^ 1) << 1 | (u64)u->contents << 2 | 1;
	u64 base = u->base_addr, limit = u->limit;

	return (limit & 0xffff) | (base & 0xffffff) << 16 | type << 40 | 1ULL << 44 |
	       3ULL << 45 | (u64)(u->seg_not_present ^ 1) << 47 | (limit >> 16 & 0xf) << 48 |
	       (u64)u->useable << 52 | (u64)u->seg_32bit << 54 |
	       (u64)u->limit_in_pages << 55 | (base >> 24 & 0xff) << 56;
}

/*
 * Fill a TLS slot of task p from a struct user_desc: set_thread_area for the caller, and
 * clone(CLONE_SETTLS) of an i386 task for its child, which may not ask for a free slot
 * (entry_number -1 is EINVAL there, as on Linux).
 */
int do_set_thread_area(struct task_struct *p, struct user_desc __user *u_info, bool can_allocate)
{
	struct thread_struct *th = &p->thread;
	struct user_desc info;
	int idx;

	if (copy_from_user(&info, u_info, sizeof(info)))
		return -EFAULT;
	idx = info.entry_number;
	if (idx == -1 && can_allocate) {
		for (idx = GDT_ENTRY_TLS_MIN; idx <= GDT_ENTRY_TLS_MAX; idx++)
			if (!th->tls_array[idx - GDT_ENTRY_TLS_MIN])
				break;
		if (idx > GDT_ENTRY_TLS_MAX)
			return -ESRCH;
		if (put_user(idx, &u_info->entry_number))
			return -EFAULT;
	}
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	if (desc_empty(&info)) {
		th->tls_array[idx - GDT_ENTRY_TLS_MIN] = 0;
	} else {
		/*
		 * Only present 32-bit data segments: no 16-bit ones, no code, and none marked
		 * not present (Linux's tls_desc_okay: such a slot under a live selector is a
		 * fault on every return to user mode; to drop a slot, clear it).
		 */
		if (!info.seg_32bit || info.contents > 1 || info.seg_not_present)
			return -EINVAL;
		th->tls_array[idx - GDT_ENTRY_TLS_MIN] = make_desc(&info);
	}
	if (p == current) {
		save_user_tls(current);
		load_user_tls(current);	/* a selector naming this slot takes its new base */
	}
	return 0;
}

SYSCALL_DEFINE1(set_thread_area, struct user_desc __user *, u_info)
{
	return do_set_thread_area(current, u_info, true);
}

/* make_desc() backwards: what a slot holds as set_thread_area would have been given it. */
static void desc_to_user(struct user_desc *u, int idx, u64 d)
{
	memset(u, 0, sizeof(*u));
	u->entry_number = idx;
	u->base_addr = (d >> 16 & 0xffffff) | (d >> 56 & 0xff) << 24;
	u->limit = (d & 0xffff) | (d >> 48 & 0xf) << 16;
	u->contents = d >> 42 & 3;		/* type bits 3..2: expand-down, code */
	u->read_exec_only = !(d >> 41 & 1);	/* type bit 1: writable */
	u->seg_not_present = !(d >> 47 & 1);
	u->useable = d >> 52 & 1;
	u->lm = d >> 53 & 1;
	u->seg_32bit = d >> 54 & 1;
	u->limit_in_pages = d >> 55 & 1;
}

/*
 * get_thread_area: the TLS slot u_info->entry_number names (12-14), described as a
 * user_desc, as Linux's arch/x86/kernel/tls.c does. An empty slot reads back as the "empty"
 * descriptor (read_exec_only and seg_not_present set, everything else 0), which
 * set_thread_area takes as "clear it". No slot to pick here: -1 is EINVAL.
 */
SYSCALL_DEFINE1(get_thread_area, struct user_desc __user *, u_info)
{
	struct user_desc info;
	int idx;

	if (get_user(idx, &u_info->entry_number))
		return -EFAULT;
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	idx = array_index_nospec(idx - GDT_ENTRY_TLS_MIN, GDT_ENTRY_TLS_ENTRIES);
	desc_to_user(&info, idx + GDT_ENTRY_TLS_MIN, current->thread.tls_array[idx]);
	if (copy_to_user(u_info, &info, sizeof(info)))
		return -EFAULT;
	return 0;
}
