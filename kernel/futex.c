// SPDX-License-Identifier: GPL-2.0
/*
 * Fast user-space mutexes: the kernel half of glibc's mutexes, condition variables,
 * pthread_join and once-only initialisation. A futex is a 32-bit word in user memory;
 * FUTEX_WAIT sleeps only if the word still holds the value the caller saw, so a wake-up
 * between the caller's check and its sleep is never lost: the compare and the queueing
 * happen under the bucket's lock, and every wake takes the same lock.
 *
 * Keys: a futex in private memory is (mm, address), with or without FUTEX_PRIVATE_FLAG; a
 * futex in MAP_SHARED memory without the flag is the physical address of the word, so two
 * processes mapping the same page (a parent and child sharing MAP_SHARED memory) meet at
 * the same key.
 *
 * Operations: WAIT, WAKE, WAIT_BITSET, WAKE_BITSET, REQUEUE, CMP_REQUEUE, WAKE_OP, with the
 * private flag and FUTEX_CLOCK_REALTIME; timeouts are relative for WAIT and absolute for
 * WAIT_BITSET, as on Linux. PI futexes are not implemented (-ENOSYS). Robust lists are
 * walked at exit (exit_robust_list).
 *
 * Signals: a wait without a timeout returns -ERESTARTSYS (SA_RESTART decides); one with a
 * timeout -ERESTART_RESTARTBLOCK, its absolute deadline in restart_block, so that after a
 * stop or an ignored signal restart_syscall waits only until that deadline
 * (futex_wait_restart, as Linux).
 *
 * Locking: each hash bucket's lock (irqsave) guards its waiter list; a waiter's 'woken'
 * is written under it. Order: bucket lock, then rq->lock (inside wake_up_process).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/compat.h>
#include <linux/mm_types.h>
#include <linux/mmu_context.h>
#include <linux/timekeeping.h>
#include <linux/jiffies.h>
#include <linux/futex.h>
#include <linux/signal.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_FD		2
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAKE_OP		5
#define FUTEX_LOCK_PI		6
#define FUTEX_UNLOCK_PI		7
#define FUTEX_TRYLOCK_PI	8
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_WAIT_REQUEUE_PI	11
#define FUTEX_CMP_REQUEUE_PI	12
#define FUTEX_LOCK_PI2		13
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY	0xffffffffU

#define FUTEX_HASH_SIZE		64
#define KTIME_SEC_MAX		((1ULL << 62) / NSEC_PER_SEC)	/* far beyond any uptime */

struct futex_key {
	const void *mm;		/* the mm for a private futex, NULL for a shared one */
	unsigned long addr;	/* user address (private) or physical address (shared) */
};

struct futex_q {
	struct list_head list;
	struct futex_bucket *bucket;	/* the bucket it is queued on: requeue moves it */
	struct futex_key key;
	u32 bitset;
	struct task_struct *task;
	bool woken;
};

struct futex_bucket {
	spinlock_t lock;
	struct list_head waiters;
};

static struct futex_bucket buckets[FUTEX_HASH_SIZE];

static struct futex_bucket *bucket_of(const struct futex_key *k)
{
	unsigned long h = k->addr ^ (unsigned long)k->mm;

	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15UL;
	return &buckets[(h >> 40) % FUTEX_HASH_SIZE];
}

static bool key_eq(const struct futex_key *a, const struct futex_key *b)
{
	return a->mm == b->mm && a->addr == b->addr;
}

/*
 * The key of the word at uaddr: -EINVAL when it is not 4-byte aligned, -EFAULT when it
 * cannot be read (the read also brings a not-yet-touched page in, so a shared key has a
 * physical page to name).
 */
static int get_futex_key(u32 __user *uaddr, bool shared, struct futex_key *key)
{
	unsigned long a = (unsigned long)uaddr;
	u32 __maybe_unused v;

	if (a & 3)
		return -EINVAL;
	if (get_user(v, uaddr))
		return -EFAULT;
	/*
	 * Only memory that is really shared (MAP_SHARED) needs the page's own key; a private
	 * mapping keeps the (mm, address) key even without FUTEX_PRIVATE_FLAG, as on Linux —
	 * a copy-on-write copy after fork must not move a waiter's key.
	 */
	if (shared) {
		struct mm_struct *mm = current->mm;
		struct vm_area_struct *vma;

		/*
		 * Interrupts stay on: the lock's holder may be waiting for this CPU to answer a
		 * TLB-flush IPI (a copy-on-write break on another CPU), and a CPU spinning here
		 * with them off never would (docs/smp.md, "Locks and their order").
		 */
		spin_lock(&mm->page_table_lock);
		vma = find_vma(mm, a);
		shared = vma && (vma->vm_flags & VM_SHARED);
		spin_unlock(&mm->page_table_lock);
	}
	if (!shared) {
		key->mm = current->mm;
		key->addr = a;
		return 0;
	}
	key->mm = NULL;
	key->addr = user_page_phys(current->mm, a & PAGE_MASK);
	if (!key->addr)
		return -EFAULT;
	key->addr += a & ~PAGE_MASK;
	return 0;
}

static void wake_q(struct futex_q *q)
{
	list_del_init(&q->list);
	q->woken = true;
	wake_up_process(q->task);
}

/*
 * Sleep on uaddr while it holds val; timeout (absolute ns on the kernel clock, 0 = none).
 * 0 when woken, -EAGAIN when the word had changed, -ETIMEDOUT; a signal: -ERESTARTSYS
 * without a timeout (SA_RESTART decides), -ERESTART_RESTARTBLOCK with one.
 */
static long futex_wait_restart(struct restart_block *rb);

static long futex_wait(u32 __user *uaddr, bool shared, u32 val, u64 deadline, u32 bitset)
{
	struct futex_q q = { .bitset = bitset, .task = current };
	struct futex_bucket *b;
	unsigned long flags;
	long ret;
	u32 cur;

	might_sleep();
	if (!bitset)
		return -EINVAL;
	ret = get_futex_key(uaddr, shared, &q.key);
	if (ret)
		return ret;
	b = bucket_of(&q.key);
	spin_lock_irqsave(&b->lock, flags);
	if (get_user(cur, uaddr)) {
		spin_unlock_irqrestore(&b->lock, flags);
		return -EFAULT;
	}
	if (cur != val) {
		spin_unlock_irqrestore(&b->lock, flags);
		return -EAGAIN;
	}
	q.bucket = b;
	list_add_tail(&q.list, &b->waiters);
	current->__state = TASK_INTERRUPTIBLE;
	spin_unlock_irqrestore(&b->lock, flags);

	for (;;) {
		u64 now = ktime_get_ns();

		if (READ_ONCE(q.woken))
			break;
		if (signal_pending(current) || (deadline && now >= deadline))
			break;
		if (deadline)
			schedule_timeout((deadline - now + TICK_NSEC - 1) / TICK_NSEC);
		else
			schedule();
		current->__state = TASK_INTERRUPTIBLE;
		/* The state store before the next read of q.woken (a waker sets woken, then
		 * wakes): a full barrier, as Linux's set_current_state. */
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
	}
	current->__state = TASK_RUNNING;

	/* The bucket q is on now, locked: a requeue may have moved it meanwhile. */
	for (;;) {
		b = READ_ONCE(q.bucket);
		spin_lock_irqsave(&b->lock, flags);
		if (q.bucket == b)
			break;
		spin_unlock_irqrestore(&b->lock, flags);
	}
	if (q.woken) {
		ret = 0;
	} else {
		list_del_init(&q.list);
		/* The timeout wins over a signal that came with it, as on Linux. */
		ret = deadline && ktime_get_ns() >= deadline ? -ETIMEDOUT : -ERESTARTSYS;
	}
	spin_unlock_irqrestore(&b->lock, flags);
	if (ret != -ERESTARTSYS || !deadline)
		return ret;
	/*
	 * A wait with a timeout goes on, after a stop or an ignored signal, only until the
	 * deadline it had (Linux's futex_wait_restart); a handler sees EINTR.
	 */
	current->restart_block.futex.uaddr = uaddr;
	current->restart_block.futex.val = val;
	current->restart_block.futex.flags = shared;
	current->restart_block.futex.bitset = bitset;
	current->restart_block.futex.time = deadline;
	current->restart_block.fn = futex_wait_restart;
	return -ERESTART_RESTARTBLOCK;
}

static long futex_wait_restart(struct restart_block *rb)
{
	rb->fn = do_no_restart_syscall;
	return futex_wait(rb->futex.uaddr, rb->futex.flags, rb->futex.val, rb->futex.time,
			  rb->futex.bitset);
}

static long futex_wake(u32 __user *uaddr, bool shared, int nr, u32 bitset)
{
	struct futex_key key;
	struct futex_bucket *b;
	struct futex_q *q, *n;
	unsigned long flags;
	long ret, woken = 0;

	if (!bitset)
		return -EINVAL;
	ret = get_futex_key(uaddr, shared, &key);
	if (ret)
		return ret;
	b = bucket_of(&key);
	spin_lock_irqsave(&b->lock, flags);
	list_for_each_entry_safe(q, n, &b->waiters, list) {
		if (key_eq(&q->key, &key) && (q->bitset & bitset)) {
			wake_q(q);
			if (++woken >= nr)	/* nr <= 0 still wakes one, as on Linux */
				break;
		}
	}
	spin_unlock_irqrestore(&b->lock, flags);
	return woken;
}

/* Wake one waiter of a thread's CLONE_CHILD_CLEARTID word (pthread_join), at exit. */
void futex_wake_address(int __user *uaddr)
{
	futex_wake((u32 __user *)uaddr, true, 1, FUTEX_BITSET_MATCH_ANY);
}

/* Lock two buckets in address order (one when they are the same). */
static void double_lock(struct futex_bucket *a, struct futex_bucket *b, unsigned long *flags)
{
	local_irq_save(*flags);
	if (a > b) {
		struct futex_bucket *t = a;

		a = b;
		b = t;
	}
	spin_lock(&a->lock);
	if (a != b)
		spin_lock(&b->lock);
}

static void double_unlock(struct futex_bucket *a, struct futex_bucket *b, unsigned long flags)
{
	spin_unlock(&a->lock);
	if (a != b)
		spin_unlock(&b->lock);
	local_irq_restore(flags);
}

/*
 * Wake up to nr_wake waiters of uaddr1 and move up to nr_requeue others to uaddr2; with
 * cmpval (CMP_REQUEUE), only if uaddr1 still holds it (-EAGAIN otherwise). Returns the
 * number woken plus the number moved.
 */
static long futex_requeue(u32 __user *uaddr1, u32 __user *uaddr2, bool shared, int nr_wake,
			  int nr_requeue, u32 *cmpval)
{
	struct futex_key k1, k2;
	struct futex_bucket *b1, *b2;
	struct futex_q *q, *n;
	unsigned long flags;
	long ret, woken = 0, moved = 0;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	ret = get_futex_key(uaddr1, shared, &k1);
	if (!ret)
		ret = get_futex_key(uaddr2, shared, &k2);
	if (ret)
		return ret;
	b1 = bucket_of(&k1);
	b2 = bucket_of(&k2);
	double_lock(b1, b2, &flags);
	if (cmpval) {
		u32 cur;

		if (get_user(cur, uaddr1)) {
			double_unlock(b1, b2, flags);
			return -EFAULT;
		}
		if (cur != *cmpval) {
			double_unlock(b1, b2, flags);
			return -EAGAIN;
		}
	}
	list_for_each_entry_safe(q, n, &b1->waiters, list) {
		if (!key_eq(&q->key, &k1))
			continue;
		if (woken < nr_wake) {
			wake_q(q);
			woken++;
		} else if (moved < nr_requeue) {
			q->key = k2;
			list_move_tail(&q->list, &b2->waiters);
			WRITE_ONCE(q->bucket, b2);
			moved++;
		} else {
			break;
		}
	}
	double_unlock(b1, b2, flags);
	return woken + moved;		/* both operations count the moved too (Linux) */
}

/*
 * FUTEX_WAKE_OP: change the word at uaddr2 as encoded in val3 (op, cmp, oparg, cmparg),
 * wake nr_wake waiters of uaddr1, and, if the old value of uaddr2 passes the comparison,
 * nr_wake2 waiters of uaddr2 too. The read-modify-write is atomic against other threads:
 * done with a compare-and-swap loop through the uaccess layer.
 */
static long futex_wake_op(u32 __user *uaddr1, u32 __user *uaddr2, bool shared, int nr_wake,
			  int nr_wake2, u32 encoded)
{
	unsigned int op = (encoded >> 28) & 7, cmp = (encoded >> 24) & 15;
	int oparg = (int)(encoded << 8) >> 20, cmparg = (int)(encoded << 20) >> 20;
	u32 oldval, newval;
	bool cond;
	long ret, n;

	if ((encoded >> 31) & 1) {			/* FUTEX_OP_OPARG_SHIFT */
		if (oparg < 0 || oparg > 31)
			oparg &= 31;			/* Linux warns and masks */
		oparg = 1 << oparg;
	}
	if (op > 4 || cmp > 5)
		return -ENOSYS;
	if ((unsigned long)uaddr2 & 3)
		return -EINVAL;
	do {
		if (get_user(oldval, uaddr2))
			return -EFAULT;
		switch (op) {
		case 0: newval = oparg; break;			/* SET */
		case 1: newval = oldval + oparg; break;		/* ADD */
		case 2: newval = oldval | oparg; break;		/* OR */
		case 3: newval = oldval & ~oparg; break;	/* ANDN */
		default: newval = oldval ^ oparg; break;	/* XOR */
		}
		ret = futex_cmpxchg_user(uaddr2, oldval, newval);
		if (ret < 0)
			return ret;
	} while (!ret);
	switch (cmp) {
	case 0: cond = (int)oldval == cmparg; break;
	case 1: cond = (int)oldval != cmparg; break;
	case 2: cond = (int)oldval < cmparg; break;
	case 3: cond = (int)oldval <= cmparg; break;
	case 4: cond = (int)oldval > cmparg; break;
	default: cond = (int)oldval >= cmparg; break;
	}
	ret = futex_wake(uaddr1, shared, nr_wake, FUTEX_BITSET_MATCH_ANY);
	if (ret < 0)
		return ret;
	if (cond) {
		n = futex_wake(uaddr2, shared, nr_wake2, FUTEX_BITSET_MATCH_ANY);
		if (n < 0)
			return n;
		ret += n;
	}
	return ret;
}

/*
 * The common body. 'timeout' is NULL or the caller's timespec already read: relative for
 * FUTEX_WAIT, absolute (CLOCK_MONOTONIC, or REALTIME with FUTEX_CLOCK_REALTIME) for
 * FUTEX_WAIT_BITSET. For REQUEUE and WAKE_OP the "timeout" argument is a
 * count (val2), passed in nr2.
 */
static long do_futex(u32 __user *uaddr, int op, u32 val, const struct futex_ts *timeout,
		     u32 nr2, u32 __user *uaddr2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool shared = !(op & FUTEX_PRIVATE_FLAG);
	u64 deadline = 0;

	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET && cmd != FUTEX_WAIT &&
	    cmd != FUTEX_WAIT_REQUEUE_PI && cmd != FUTEX_LOCK_PI2)
		return -ENOSYS;
	if (timeout && (cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET)) {
		u64 ns;

		if (timeout->sec < 0 || timeout->nsec < 0 || timeout->nsec >= (long)NSEC_PER_SEC)
			return -EINVAL;
		/* Far enough in the future never comes: clamp instead of overflowing. */
		ns = timeout->sec >= (s64)(KTIME_SEC_MAX) ? (u64)KTIME_SEC_MAX * NSEC_PER_SEC :
		     (u64)timeout->sec * NSEC_PER_SEC + timeout->nsec;
		if (cmd == FUTEX_WAIT)
			deadline = ktime_get_ns() + ns;
		else	/* absolute: CLOCK_REALTIME's runs a fixed offset ahead */
			deadline = op & FUTEX_CLOCK_REALTIME ? ktime_real_to_mono(ns) : ns;
		if (!deadline)
			deadline = 1;		/* an absolute 0: already past */
	}
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, shared, val, deadline, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, shared, val, deadline, val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, shared, val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, shared, val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, uaddr2, shared, val, nr2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, uaddr2, shared, val, nr2, &val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, uaddr2, shared, val, nr2, val3);
	default:
		return -ENOSYS;		/* PI futexes and FUTEX_FD are not implemented */
	}
}

static bool takes_timeout(int op)
{
	int cmd = op & FUTEX_CMD_MASK;

	return cmd == FUTEX_WAIT || cmd == FUTEX_WAIT_BITSET || cmd == FUTEX_LOCK_PI ||
	       cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_WAIT_REQUEUE_PI;
}

struct __kernel_timespec_futex {
	s64 tv_sec;
	long long tv_nsec;
};

SYSCALL_DEFINE6(futex, u32 __user *, uaddr, int, op, u32, val,
		const struct __kernel_timespec_futex __user *, utime, u32 __user *, uaddr2, u32, val3)
{
	struct futex_ts ts, *tp = NULL;

	if (utime && takes_timeout(op)) {
		struct __kernel_timespec_futex k;

		if (copy_from_user(&k, utime, sizeof(k)))
			return -EFAULT;
		ts.sec = k.tv_sec;
		ts.nsec = in_compat_syscall() ? (long)(s32)k.tv_nsec : (long)k.tv_nsec;
		tp = &ts;
	}
	return do_futex(uaddr, op, val, tp, (u32)(unsigned long)utime, uaddr2, val3);
}

/* i386 and arm: the original futex, with a 32-bit timespec. */
SYSCALL_DEFINE6(futex_time32, u32 __user *, uaddr, int, op, u32, val,
		const struct old_timespec32 __user *, utime, u32 __user *, uaddr2, u32, val3)
{
	struct futex_ts ts, *tp = NULL;

	if (utime && takes_timeout(op)) {
		struct old_timespec32 k;

		if (copy_from_user(&k, utime, sizeof(k)))
			return -EFAULT;
		ts.sec = k.tv_sec;
		ts.nsec = k.tv_nsec;
		tp = &ts;
	}
	return do_futex(uaddr, op, val, tp, (u32)(unsigned long)utime, uaddr2, val3);
}

/* ---- robust lists ------------------------------------------------------------------- */

/*
 * A thread's list of robust futexes it holds (glibc registers one per thread): at exit
 * each lock whose owner TID is this thread gets FUTEX_OWNER_DIED set and one waiter
 * woken, so another thread learns the owner died (EOWNERDEAD). The list lives in user
 * memory and may be corrupt: at most ROBUST_LIST_LIMIT entries are walked, a fault ends
 * the walk.
 */
#define FUTEX_WAITERS		0x80000000
#define FUTEX_OWNER_DIED	0x40000000
#define FUTEX_TID_MASK		0x3fffffff
#define ROBUST_LIST_LIMIT	2048

struct robust_list_head {
	unsigned long list;		/* struct robust_list *next, the head's own address ends it */
	long futex_offset;
	unsigned long list_op_pending;
};

struct compat_robust_list_head {
	u32 list;
	s32 futex_offset;
	u32 list_op_pending;
};

static void handle_futex_death(u32 __user *uaddr, struct task_struct *t)
{
	u32 uval, nval;
	long ret;

	if ((unsigned long)uaddr & 3)
		return;
	for (;;) {
		if (get_user(uval, uaddr))
			return;
		if ((uval & FUTEX_TID_MASK) != (u32)t->pid)
			return;
		nval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
		ret = futex_cmpxchg_user(uaddr, uval, nval);
		if (ret < 0)
			return;
		if (ret)
			break;
	}
	if (nval & FUTEX_WAITERS)
		futex_wake(uaddr, true, 1, FUTEX_BITSET_MATCH_ANY);
}

static int get_robust_word(unsigned long addr, bool compat, unsigned long *out)
{
	if (compat) {
		u32 v;

		if (get_user(v, (u32 __user *)addr))
			return -EFAULT;
		*out = v;
		return 0;
	}
	return get_user(*out, (unsigned long __user *)addr) ? -EFAULT : 0;
}

void exit_robust_list(struct task_struct *t)
{
	bool compat = t->robust_list_len == sizeof(struct compat_robust_list_head);
	unsigned long head = (unsigned long)t->robust_list, entry, pending, word = compat ? 4 : 8;
	long offset;
	int limit = ROBUST_LIST_LIMIT;

	if (!head || !t->mm)
		return;
	t->robust_list = NULL;
	if (get_robust_word(head, compat, &entry) ||
	    get_robust_word(head + word, compat, (unsigned long *)&offset) ||
	    get_robust_word(head + 2 * word, compat, &pending))
		return;
	if (compat)
		offset = (s32)offset;
	while (entry != head && limit--) {
		unsigned long next;

		if (get_robust_word(entry, compat, &next))
			return;
		if (entry != pending)
			handle_futex_death((u32 __user *)(entry + offset), t);
		entry = next;
	}
	if (pending)
		handle_futex_death((u32 __user *)(pending + offset), t);
}

SYSCALL_DEFINE2(set_robust_list, struct robust_list_head __user *, head, size_t, len)
{
	if (len != sizeof(struct robust_list_head))
		return -EINVAL;
	current->robust_list = head;
	current->robust_list_len = len;
	return 0;
}

COMPAT_SYSCALL_DEFINE2(set_robust_list, compat_uptr_t, head, compat_size_t, len)
{
	if (len != sizeof(struct compat_robust_list_head))
		return -EINVAL;
	current->robust_list = compat_ptr(head);
	current->robust_list_len = len;
	return 0;
}

/* Only the caller's own list or, as root, any task's (Linux: ptrace-read access). */
static long get_robust(int pid, void __user **head, size_t *len)
{
	struct task_struct *t = current;
	unsigned long flags;
	long ret = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (pid) {
		t = find_task_by_pid(pid);
		if (!t)
			ret = -ESRCH;
		else if (current->cred.euid && t->cred.uid != current->cred.euid)
			ret = -EPERM;
	}
	if (!ret) {
		*head = t->robust_list;
		*len = t->robust_list_len;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

SYSCALL_DEFINE3(get_robust_list, int, pid, unsigned long __user *, head_ptr,
		size_t __user *, len_ptr)
{
	void __user *head;
	size_t len;
	long ret = get_robust(pid, &head, &len);

	if (ret)
		return ret;
	if (put_user(sizeof(struct robust_list_head), len_ptr))
		return -EFAULT;
	return put_user((unsigned long)head, head_ptr) ? -EFAULT : 0;
}

COMPAT_SYSCALL_DEFINE3(get_robust_list, compat_int_t, pid, compat_uptr_t, head_ptr,
		       compat_uptr_t, len_ptr)
{
	void __user *head;
	size_t len;
	long ret = get_robust(pid, &head, &len);

	if (ret)
		return ret;
	if (put_user((u32)sizeof(struct compat_robust_list_head), (u32 __user *)compat_ptr(len_ptr)))
		return -EFAULT;
	return put_user((u32)(unsigned long)head, (u32 __user *)compat_ptr(head_ptr)) ? -EFAULT : 0;
}

void futex_init(void)
{
	for (int i = 0; i < FUTEX_HASH_SIZE; i++) {
		spin_lock_init(&buckets[i].lock);
		INIT_LIST_HEAD(&buckets[i].waiters);
	}
}
