// SPDX-License-Identifier: GPL-2.0
/*
 * CPU affinity and the current CPU: sched_getaffinity, sched_setaffinity (and their 32-bit
 * forms), getcpu.
 *
 * A mask is a bitmap of CPU numbers in unsigned longs, NR_CPUS bits (cpumask_size() bytes,
 * linux/cpumask.h); user space passes its own length. sched_setaffinity stores the mask in
 * the task (set_cpus_allowed_ptr: task_struct.cpus_mask, which the scheduler places the
 * task by); sched_getaffinity answers the stored mask's active CPUs; getcpu the CPU the
 * caller runs on.
 *
 * Linux 6.1's rules: getaffinity refuses a length whose bits cannot hold nr_cpu_ids CPUs
 * or that is not a multiple of the ABI's long (EINVAL), and returns how many bytes it wrote:
 * the smaller of the length and cpumask_size(). setaffinity reads at most cpumask_size()
 * bytes (a shorter mask has its other bits clear) and fails with EINVAL when no active CPU
 * is left. ESRCH for no such task; EPERM for changing a task of another user without
 * CAP_SYS_NICE.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/syscalls.h>
#include <linux/compat.h>
#include <linux/uaccess.h>

/* The task pid names (0: the caller), or NULL; tasklist_lock held. */
static struct task_struct *find_process_by_pid(pid_t pid)
{
	if (!pid)
		return current;
	return pid > 0 ? find_task_by_pid(pid) : NULL;
}

static long do_getaffinity(pid_t pid, struct cpumask *mask)
{
	struct task_struct *p;
	unsigned long flags;
	long err = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_process_by_pid(pid);
	if (!p)
		err = -ESRCH;
	else
		task_cpus_allowed(p, mask);	/* rq->lock nests inside tasklist_lock */
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

/* May the caller change p's affinity? The same effective or real user, or CAP_SYS_NICE. */
static bool may_set_affinity(const struct task_struct *p)
{
	const struct cred *c = &current->cred;

	return c->euid == p->cred.euid || c->euid == p->cred.uid || capable(CAP_SYS_NICE);
}

static long do_setaffinity(pid_t pid, const struct cpumask *in)
{
	struct task_struct *p;
	unsigned long flags;
	long err = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_process_by_pid(pid);
	if (!p)
		err = -ESRCH;
	else if (!may_set_affinity(p))
		err = -EPERM;
	else
		err = set_cpus_allowed_ptr(p, in);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

/*
 * Copy in a user mask of len bytes. Both arches are little-endian, so a mask of 32-bit
 * words (the compat ABIs') has the bytes of the same mask in 64-bit words: one copy serves.
 */
static long get_user_cpu_mask(const void __user *ptr, unsigned int len, struct cpumask *m)
{
	memset(m, 0, sizeof(*m));
	if (len > cpumask_size())
		len = cpumask_size();
	return copy_from_user(m, ptr, len) ? -EFAULT : 0;
}

/* getaffinity for a 64-bit (word 8) or 32-bit (word 4) ABI: bytes written, or -errno. */
static long getaffinity(pid_t pid, unsigned int len, void __user *ptr, unsigned int word)
{
	struct cpumask mask;
	unsigned int retlen;
	long err;

	if ((u64)len * 8 < nr_cpu_ids)
		return -EINVAL;
	if (len & (word - 1))
		return -EINVAL;
	err = do_getaffinity(pid, &mask);
	if (err)
		return err;
	retlen = len < cpumask_size() ? len : cpumask_size();
	if (copy_to_user(ptr, &mask, retlen))
		return -EFAULT;
	return retlen;
}

static long setaffinity(pid_t pid, unsigned int len, const void __user *ptr)
{
	struct cpumask mask;
	long err = get_user_cpu_mask(ptr, len, &mask);

	return err ? err : do_setaffinity(pid, &mask);
}

SYSCALL_DEFINE3(sched_getaffinity, pid_t, pid, unsigned int, len,
		unsigned long __user *, user_mask_ptr)
{
	return getaffinity(pid, len, user_mask_ptr, sizeof(unsigned long));
}

SYSCALL_DEFINE3(sched_setaffinity, pid_t, pid, unsigned int, len,
		unsigned long __user *, user_mask_ptr)
{
	return setaffinity(pid, len, user_mask_ptr);
}

COMPAT_SYSCALL_DEFINE3(sched_getaffinity, compat_int_t, pid, unsigned int, len,
		       compat_ulong_t __user *, user_mask_ptr)
{
	return getaffinity(pid, len, user_mask_ptr, sizeof(compat_ulong_t));
}

COMPAT_SYSCALL_DEFINE3(sched_setaffinity, compat_int_t, pid, unsigned int, len,
		       compat_ulong_t __user *, user_mask_ptr)
{
	return setaffinity(pid, len, user_mask_ptr);
}

/* The CPU and NUMA node the caller runs on (one node: 0); either pointer may be NULL. */
SYSCALL_DEFINE3(getcpu, unsigned int __user *, cpup, unsigned int __user *, nodep,
		void __user *, unused)
{
	unsigned int cpu = smp_processor_id();
	int err = 0;

	if (cpup)
		err |= put_user(cpu, cpup);
	if (nodep)
		err |= put_user(0u, nodep);
	return err ? -EFAULT : 0;
}
