// SPDX-License-Identifier: GPL-2.0
/*
 * poll, ppoll, select, pselect6 and their 32-bit variants: ask every file which events are
 * ready (linux/poll.h's ->poll contract); if none, sleep until a file's wait queue is woken,
 * a signal comes or the time runs out, and ask again.
 *
 * The sleep: the first scan joins, through __pollwait, each queue a file names (one entry
 * per queue, holding a reference to the file so the queue outlives any close meanwhile);
 * later scans only ask. The task sets TASK_INTERRUPTIBLE before each scan, so a wake-up
 * during the scan makes the schedule() after it return at once: none is lost.
 *
 * Interruption: -ERESTARTNOHAND (a handler sees EINTR; with none the call starts again);
 * select, pselect6 and ppoll write back the time left first, so the restarted call waits
 * only for that. poll keeps its arguments in restart_block and returns
 * -ERESTART_RESTARTBLOCK (Linux's do_restart_poll): restart_syscall resumes it with the
 * deadline it had. ppoll and pselect6 run the wait under the caller's signal mask; when a
 * handler interrupts them the old mask comes back only after the handler (its frame saves
 * it), as sigsuspend.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/resource.h>
#include <linux/jiffies.h>
#include <linux/timekeeping.h>
#include <linux/syscalls.h>
#include <linux/compat.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include <linux/signal.h>

/* ---- Waiting on many queues ---- */

struct poll_table_entry {
	struct file *filp;
	struct wait_queue_entry wait;
	struct wait_queue_head *wq;
};

#define POLL_INLINE_ENTRIES	8
#define POLL_PAGE_ENTRIES	((PAGE_SIZE - sizeof(void *) - sizeof(int)) / \
				 sizeof(struct poll_table_entry))

struct poll_table_page {
	struct poll_table_page *next;
	int used;
	struct poll_table_entry entries[];
};

struct poll_wqueues {
	poll_table pt;
	struct poll_table_page *table;
	int error;			/* -ENOMEM when an entry could not be had */
	int inline_used;
	struct poll_table_entry inline_entries[POLL_INLINE_ENTRIES];
};

static struct poll_table_entry *poll_get_entry(struct poll_wqueues *p)
{
	struct poll_table_page *t = p->table;

	if (p->inline_used < POLL_INLINE_ENTRIES)
		return &p->inline_entries[p->inline_used++];
	if (!t || t->used == (int)POLL_PAGE_ENTRIES) {
		/* Bounded: each polled file names at most a few queues, and the files are
		 * bounded by RLIMIT_NOFILE. */
		struct poll_table_page *n = alloc_pages(GFP_KERNEL, 0);

		if (!n)
			return NULL;
		n->next = t;
		n->used = 0;
		p->table = t = n;
	}
	return &t->entries[t->used++];
}

static void __pollwait(struct file *f, struct wait_queue_head *wq, poll_table *pt)
{
	struct poll_wqueues *p = container_of(pt, struct poll_wqueues, pt);
	struct poll_table_entry *e = poll_get_entry(p);

	if (!e) {
		p->error = -ENOMEM;
		return;
	}
	e->filp = get_file(f);
	e->wq = wq;
	e->wait.task = current;
	INIT_LIST_HEAD(&e->wait.entry);
	add_wait_queue(wq, &e->wait);
}

static void poll_initwait(struct poll_wqueues *p)
{
	p->pt._qproc = __pollwait;
	p->table = NULL;
	p->error = 0;
	p->inline_used = 0;
}

static void free_poll_entry(struct poll_table_entry *e)
{
	remove_wait_queue(e->wq, &e->wait);
	fput(e->filp);
}

static void poll_freewait(struct poll_wqueues *p)
{
	struct poll_table_page *t = p->table;

	for (int i = 0; i < p->inline_used; i++)
		free_poll_entry(&p->inline_entries[i]);
	while (t) {
		struct poll_table_page *next = t->next;

		for (int i = 0; i < t->used; i++)
			free_poll_entry(&t->entries[i]);
		free_page(t);
		t = next;
	}
}

/*
 * After a scan that found nothing: sleep until a wake-up, a signal or the deadline (ns of
 * ktime_get_ns; 0: none). False when the deadline has passed.
 */
static bool poll_schedule(u64 deadline)
{
	u64 now;

	if (!deadline) {
		schedule();
		return true;
	}
	now = ktime_get_ns();
	if (now >= deadline) {
		current->__state = TASK_RUNNING;
		return false;
	}
	schedule_timeout((deadline - now + TICK_NSEC - 1) / TICK_NSEC);
	return true;
}

static bool deadline_passed(u64 deadline)
{
	return deadline && deadline != 1 && ktime_get_ns() >= deadline;
}

/* ---- Timeouts: the deadline from a relative time, and the time left ---- */

/* Deadlines: 0 none (wait forever), 1 already passed (a zero timeout: one scan, no sleep). */
static int set_deadline(u64 *deadline, s64 sec, s64 nsec)
{
	u64 ns;

	if (sec < 0 || nsec < 0 || nsec >= (s64)NSEC_PER_SEC)
		return -EINVAL;
	if (!sec && !nsec) {
		*deadline = 1;
		return 0;
	}
	/* Far timeouts clamp (some 292 years: nobody waits that long). */
	ns = sec > (s64)(~0ULL / NSEC_PER_SEC / 4) ? ~0ULL / 4 : (u64)sec * NSEC_PER_SEC + nsec;
	*deadline = ktime_get_ns() + ns;
	return 0;
}

static u64 time_left(u64 deadline)
{
	u64 now = ktime_get_ns();

	return deadline > now ? deadline - now : 0;
}

/* ---- poll ---- */

struct pollfd {
	int fd;
	short events;
	short revents;
};

/* One pollfd: the events it has, EPOLLNVAL for a closed fd, 0 for a negative one. */
static unsigned short do_pollfd(struct pollfd *pfd, poll_table *pt)
{
	struct file *f;
	__poll_t mask;

	if (pfd->fd < 0)
		return 0;
	f = fget(pfd->fd);
	if (!f)
		return EPOLLNVAL;
	mask = vfs_poll(f, pt);
	fput(f);
	/* Errors and hang-ups are reported whether asked for or not. */
	return mask & ((unsigned short)pfd->events | EPOLLERR | EPOLLHUP);
}

static int do_poll(struct pollfd *fds, unsigned int nfds, u64 deadline)
{
	struct poll_wqueues table;
	poll_table *pt = &table.pt;
	int count = 0;

	poll_initwait(&table);
	if (deadline == 1)
		pt = NULL;		/* a zero timeout: ask once, do not wait */
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		for (unsigned int i = 0; i < nfds; i++) {
			fds[i].revents = do_pollfd(&fds[i], pt);
			if (fds[i].revents) {
				count++;
				pt = NULL;	/* something is ready: no more queues to join */
			}
		}
		pt = NULL;
		if (count || deadline == 1 || table.error)
			break;
		if (signal_pending(current)) {
			count = -ERESTARTNOHAND;
			break;
		}
		if (deadline_passed(deadline) || !poll_schedule(deadline))
			break;
	}
	current->__state = TASK_RUNNING;
	poll_freewait(&table);
	if (!count && table.error)
		return table.error;
	return count;
}

static int do_sys_poll(struct pollfd __user *ufds, unsigned int nfds, u64 deadline)
{
	struct pollfd *fds;
	int ret;

	if (nfds > task_rlimit(current, RLIMIT_NOFILE))
		return -EINVAL;
	fds = kmalloc(nfds ? nfds * sizeof(*fds) : 1, GFP_KERNEL);
	if (!fds)
		return -ENOMEM;
	if (copy_from_user(fds, ufds, nfds * sizeof(*fds))) {
		kfree(fds);
		return -EFAULT;
	}
	ret = do_poll(fds, nfds, deadline);
	for (unsigned int i = 0; i < nfds; i++)
		if (put_user(fds[i].revents, &ufds[i].revents)) {
			ret = -EFAULT;
			break;
		}
	kfree(fds);
	return ret;
}

/*
 * An interrupted poll: its arguments and absolute deadline go to restart_block, so that
 * with no handler restart_syscall polls again until the same deadline (a handler: EINTR).
 * Linux 6.1 does this with and without a timeout.
 */
static long poll_restart_block(struct pollfd __user *ufds, unsigned int nfds, u64 deadline);

static long do_restart_poll(struct restart_block *rb)
{
	u64 deadline = rb->poll.has_timeout ?
		       (u64)rb->poll.tv_sec * NSEC_PER_SEC + rb->poll.tv_nsec : 0;
	int ret = do_sys_poll(rb->poll.ufds, rb->poll.nfds, deadline);

	if (ret == -ERESTARTNOHAND)
		return poll_restart_block(rb->poll.ufds, rb->poll.nfds, deadline);
	return ret;
}

static long poll_restart_block(struct pollfd __user *ufds, unsigned int nfds, u64 deadline)
{
	struct restart_block *rb = &current->restart_block;

	rb->poll.ufds = ufds;
	rb->poll.nfds = nfds;
	rb->poll.has_timeout = deadline != 0;
	rb->poll.tv_sec = deadline / NSEC_PER_SEC;
	rb->poll.tv_nsec = deadline % NSEC_PER_SEC;
	rb->fn = do_restart_poll;
	return -ERESTART_RESTARTBLOCK;
}

SYSCALL_DEFINE3(poll, struct pollfd __user *, ufds, unsigned int, nfds, int, timeout_msecs)
{
	u64 deadline = 0;
	int ret;

	if (timeout_msecs >= 0)
		set_deadline(&deadline, timeout_msecs / 1000, (timeout_msecs % 1000) * 1000000LL);
	ret = do_sys_poll(ufds, nfds, deadline);
	if (ret == -ERESTARTNOHAND)
		return poll_restart_block(ufds, nfds, deadline);
	return ret;
}

/* ---- The user's time layouts ---- */

struct __kernel_timespec {
	s64 tv_sec;
	long long tv_nsec;
};

struct __kernel_old_timeval {
	long tv_sec;
	long tv_usec;
};

enum poll_time_type { PT_TIMEVAL, PT_OLD_TIMEVAL, PT_TIMESPEC, PT_OLD_TIMESPEC };

/* Read a timeout of the given layout into sec/nsec: 0 or -EFAULT. A 32-bit program's
 * 64-bit tv_nsec has only its low half looked at, as Linux does. */
static int get_timeout(const void __user *u, enum poll_time_type type, bool compat,
		       s64 *sec, s64 *nsec)
{
	switch (type) {
	case PT_TIMESPEC: {
		struct __kernel_timespec ts;

		if (copy_from_user(&ts, u, sizeof(ts)))
			return -EFAULT;
		*sec = ts.tv_sec;
		*nsec = compat ? (s64)(u32)ts.tv_nsec : ts.tv_nsec;
		return 0;
	}
	case PT_OLD_TIMESPEC: {
		struct old_timespec32 ts;

		if (copy_from_user(&ts, u, sizeof(ts)))
			return -EFAULT;
		*sec = ts.tv_sec;
		*nsec = ts.tv_nsec;
		return 0;
	}
	case PT_TIMEVAL: {
		struct __kernel_old_timeval tv;

		if (copy_from_user(&tv, u, sizeof(tv)))
			return -EFAULT;
		*sec = tv.tv_sec;
		*nsec = tv.tv_usec;	/* microseconds: select_deadline converts */
		return 0;
	}
	case PT_OLD_TIMEVAL: {
		struct old_timeval32 tv;

		if (copy_from_user(&tv, u, sizeof(tv)))
			return -EFAULT;
		*sec = tv.tv_sec;
		*nsec = tv.tv_usec;
		return 0;
	}
	}
	return -EINVAL;
}

/* The deadline of a timeout pointer (NULL: none): 0, -EFAULT or -EINVAL. select's timeval
 * may hold a million microseconds or more: Linux carries them into the seconds. */
static int user_deadline(const void __user *u, enum poll_time_type type, bool compat,
			 u64 *deadline)
{
	s64 sec, nsec;
	int err;

	*deadline = 0;
	if (!u)
		return 0;
	err = get_timeout(u, type, compat, &sec, &nsec);
	if (err)
		return err;
	if (type == PT_TIMEVAL || type == PT_OLD_TIMEVAL) {
		if (sec < 0 || nsec < 0)
			return -EINVAL;
		sec += nsec / 1000000;
		nsec = (nsec % 1000000) * 1000;
	}
	return set_deadline(deadline, sec, nsec);
}

/*
 * Write the time left back to the user's timeout (select, pselect6, ppoll). A write that
 * faults is not an error of the call; but an interrupted call cannot then restart with the
 * right time, so it reports EINTR, as Linux does.
 */
static int poll_select_finish(void __user *u, enum poll_time_type type, u64 deadline, int ret)
{
	u64 left;
	int fault;

	if (!u || !deadline || deadline == 1)
		return ret;	/* no timeout, or a zero one: nothing written (Linux) */
	left = time_left(deadline);
	switch (type) {
	case PT_TIMESPEC: {
		struct __kernel_timespec ts = { left / NSEC_PER_SEC, left % NSEC_PER_SEC };

		fault = copy_to_user(u, &ts, sizeof(ts)) != 0;
		break;
	}
	case PT_OLD_TIMESPEC: {
		struct old_timespec32 ts = { left / NSEC_PER_SEC, left % NSEC_PER_SEC };

		fault = copy_to_user(u, &ts, sizeof(ts)) != 0;
		break;
	}
	case PT_TIMEVAL: {
		struct __kernel_old_timeval tv = { left / NSEC_PER_SEC,
						   (left % NSEC_PER_SEC) / 1000 };

		fault = copy_to_user(u, &tv, sizeof(tv)) != 0;
		break;
	}
	default: {
		struct old_timeval32 tv = { left / NSEC_PER_SEC, (left % NSEC_PER_SEC) / 1000 };

		fault = copy_to_user(u, &tv, sizeof(tv)) != 0;
		break;
	}
	}
	if (fault && ret == -ERESTARTNOHAND)
		ret = -EINTR;
	return ret;
}

/*
 * The signal mask of ppoll and pselect6 (Linux's set_user_sigmask): the wait runs with it
 * in place, the old one kept in saved_sigmask. A 32-bit program's compat_sigset_t is two
 * 32-bit words, the same 8 bytes as sigset_t on these little-endian arches. 1 when a mask
 * was installed, 0 when there was none, or -EINVAL/-EFAULT.
 */
#define SIGSET_SIZE	8
static int set_user_sigmask(const void __user *umask, size_t size)
{
	sigset_t set;

	if (!umask)
		return 0;
	if (size != SIGSET_SIZE)
		return -EINVAL;
	if (copy_from_user(&set, umask, sizeof(set)))
		return -EFAULT;
	current->saved_sigmask = current->blocked;
	set_current_blocked(&set);
	return 1;
}

/*
 * The wait is over. Interrupted (-ERESTARTNOHAND): the old mask comes back on the way out,
 * after the handler's frame has saved it (so the handler runs under the wait's mask, as
 * Linux's restore_saved_sigmask_unless); otherwise at once.
 */
static void restore_user_sigmask(int installed, int ret)
{
	if (installed <= 0)
		return;
	if (ret == -ERESTARTNOHAND)
		set_restore_sigmask();
	else
		set_current_blocked(&current->saved_sigmask);
}

static long do_ppoll(struct pollfd __user *ufds, unsigned int nfds, void __user *tsp,
		     enum poll_time_type type, bool compat, const void __user *sigmask,
		     size_t sigsetsize)
{
	u64 deadline;
	int masked;
	int ret = user_deadline(tsp, type, compat, &deadline);

	if (ret)
		return ret;
	masked = set_user_sigmask(sigmask, sigsetsize);
	if (masked < 0)
		return masked;
	ret = do_sys_poll(ufds, nfds, deadline);
	restore_user_sigmask(masked, ret);
	return poll_select_finish(tsp, type, deadline, ret);
}

SYSCALL_DEFINE5(ppoll, struct pollfd __user *, ufds, unsigned int, nfds,
		struct __kernel_timespec __user *, tsp, const void __user *, sigmask,
		size_t, sigsetsize)
{
	return do_ppoll(ufds, nfds, tsp, PT_TIMESPEC, false, sigmask, sigsetsize);
}

COMPAT_SYSCALL_DEFINE5(ppoll_time32, struct pollfd __user *, ufds, unsigned int, nfds,
		       struct old_timespec32 __user *, tsp, const void __user *, sigmask,
		       compat_size_t, sigsetsize)
{
	return do_ppoll(ufds, nfds, tsp, PT_OLD_TIMESPEC, true, sigmask, sigsetsize);
}

COMPAT_SYSCALL_DEFINE5(ppoll_time64, struct pollfd __user *, ufds, unsigned int, nfds,
		       struct __kernel_timespec __user *, tsp, const void __user *, sigmask,
		       compat_size_t, sigsetsize)
{
	return do_ppoll(ufds, nfds, tsp, PT_TIMESPEC, true, sigmask, sigsetsize);
}

/* ---- select ---- */

#define POLLIN_SET	(EPOLLRDNORM | EPOLLRDBAND | EPOLLIN | EPOLLHUP | EPOLLERR)
#define POLLOUT_SET	(EPOLLWRBAND | EPOLLWRNORM | EPOLLOUT | EPOLLERR)
#define POLLEX_SET	(EPOLLPRI)
#define BITS_PER_LONG_	(8 * sizeof(long))

/* The six bitmaps of one select: what was asked (in, out, ex) and what is ready. */
struct fd_set_bits {
	unsigned long *in, *out, *ex, *res_in, *res_out, *res_ex;
};

/*
 * A user fd_set of n bits, as its ABI stores it: 32-bit programs in 32-bit words (so n = 1
 * is 4 bytes, not 8). Both arches are little-endian, so the words' bytes land in the
 * kernel's longs in order. NULL reads as empty.
 */
static size_t fd_set_bytes(unsigned int n, bool compat)
{
	unsigned int word = compat ? 32 : BITS_PER_LONG_;

	return (n + word - 1) / word * (word / 8);
}

static int get_fd_set(unsigned int n, const void __user *u, unsigned long *k, bool compat)
{
	if (!u)
		return 0;	/* k is zeroed */
	return copy_from_user(k, u, fd_set_bytes(n, compat)) ? -EFAULT : 0;
}

static int set_fd_set(unsigned int n, void __user *u, const unsigned long *k, bool compat)
{
	if (!u)
		return 0;
	return copy_to_user(u, k, fd_set_bytes(n, compat)) ? -EFAULT : 0;
}

static bool fd_bit(const unsigned long *set, unsigned int fd)
{
	return set[fd / BITS_PER_LONG_] & (1UL << (fd % BITS_PER_LONG_));
}

static void set_fd_bit(unsigned long *set, unsigned int fd)
{
	set[fd / BITS_PER_LONG_] |= 1UL << (fd % BITS_PER_LONG_);
}

/* Every fd asked about must be open (else EBADF before any waiting). */
static int check_select_fds(struct fd_set_bits *fds, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		if ((fd_bit(fds->in, i) || fd_bit(fds->out, i) || fd_bit(fds->ex, i)) &&
		    !fd_is_open(i))
			return -EBADF;
	return 0;
}

static int do_select(unsigned int n, struct fd_set_bits *fds, u64 deadline)
{
	struct poll_wqueues table;
	poll_table *pt = &table.pt;
	int count = 0;

	poll_initwait(&table);
	if (deadline == 1)
		pt = NULL;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		for (unsigned int i = 0; i < n; i++) {
			bool in = fd_bit(fds->in, i), out = fd_bit(fds->out, i),
			     ex = fd_bit(fds->ex, i);
			struct file *f;
			__poll_t mask;

			if (!in && !out && !ex)
				continue;
			f = fget(i);
			if (!f)
				continue;	/* closed since the check: nothing to report */
			mask = vfs_poll(f, pt);
			fput(f);
			if (in && (mask & POLLIN_SET)) {
				set_fd_bit(fds->res_in, i);
				count++;
				pt = NULL;
			}
			if (out && (mask & POLLOUT_SET)) {
				set_fd_bit(fds->res_out, i);
				count++;
				pt = NULL;
			}
			if (ex && (mask & POLLEX_SET)) {
				set_fd_bit(fds->res_ex, i);
				count++;
				pt = NULL;
			}
		}
		pt = NULL;
		if (count || deadline == 1 || table.error)
			break;
		if (signal_pending(current)) {
			count = -ERESTARTNOHAND;
			break;
		}
		if (deadline_passed(deadline) || !poll_schedule(deadline))
			break;
	}
	current->__state = TASK_RUNNING;
	poll_freewait(&table);
	if (!count && table.error)
		return table.error;
	return count;
}

static int core_sys_select(int n, void __user *inp, void __user *outp, void __user *exp,
			   u64 deadline, bool compat)
{
	struct fd_set_bits fds;
	unsigned long *bits;
	size_t words;
	int ret;

	if (n < 0)
		return -EINVAL;
	/* Bits past the table cannot name an open file: Linux looks only up to its size. */
	if ((unsigned int)n > current->files->max_fds)
		n = current->files->max_fds;
	words = (n + BITS_PER_LONG_ - 1) / BITS_PER_LONG_;
	bits = kzalloc(6 * words * sizeof(long) + 1, GFP_KERNEL);
	if (!bits)
		return -ENOMEM;
	fds.in = bits;
	fds.out = bits + words;
	fds.ex = bits + 2 * words;
	fds.res_in = bits + 3 * words;
	fds.res_out = bits + 4 * words;
	fds.res_ex = bits + 5 * words;
	ret = get_fd_set(n, inp, fds.in, compat);
	if (!ret)
		ret = get_fd_set(n, outp, fds.out, compat);
	if (!ret)
		ret = get_fd_set(n, exp, fds.ex, compat);
	/* The last word may hold bits past n: they are not asked about. */
	if (!ret && n % BITS_PER_LONG_) {
		unsigned long keep = (1UL << (n % BITS_PER_LONG_)) - 1;

		fds.in[words - 1] &= keep;
		fds.out[words - 1] &= keep;
		fds.ex[words - 1] &= keep;
	}
	if (!ret)
		ret = check_select_fds(&fds, n);
	if (!ret)
		ret = do_select(n, &fds, deadline);
	if (ret >= 0) {
		if (set_fd_set(n, inp, fds.res_in, compat) ||
		    set_fd_set(n, outp, fds.res_out, compat) ||
		    set_fd_set(n, exp, fds.res_ex, compat))
			ret = -EFAULT;
	}
	kfree(bits);
	return ret;
}

static long kern_select(int n, void __user *inp, void __user *outp, void __user *exp,
			void __user *tvp, enum poll_time_type type, bool compat)
{
	u64 deadline;
	int ret = user_deadline(tvp, type, compat, &deadline);

	if (ret)
		return ret;
	ret = core_sys_select(n, inp, outp, exp, deadline, compat);
	return poll_select_finish(tvp, type, deadline, ret);
}

SYSCALL_DEFINE5(select, int, n, void __user *, inp, void __user *, outp, void __user *, exp,
		struct __kernel_old_timeval __user *, tvp)
{
	return kern_select(n, inp, outp, exp, tvp, PT_TIMEVAL, false);
}

COMPAT_SYSCALL_DEFINE5(select, int, n, void __user *, inp, void __user *, outp,
		       void __user *, exp, struct old_timeval32 __user *, tvp)
{
	return kern_select(n, inp, outp, exp, tvp, PT_OLD_TIMEVAL, true);
}

/* i386's original select (number 82): one pointer to the five arguments. */
struct compat_sel_arg_struct {
	compat_ulong_t n;
	compat_uptr_t inp, outp, exp, tvp;
};

COMPAT_SYSCALL_DEFINE1(old_select, struct compat_sel_arg_struct __user *, arg)
{
	struct compat_sel_arg_struct a;

	if (copy_from_user(&a, arg, sizeof(a)))
		return -EFAULT;
	return kern_select(a.n, compat_ptr(a.inp), compat_ptr(a.outp), compat_ptr(a.exp),
			   compat_ptr(a.tvp), PT_OLD_TIMEVAL, true);
}

/* pselect6's sixth argument: a pointer to { const sigset_t *ss; size_t ss_len; }. */
static long do_pselect(int n, void __user *inp, void __user *outp, void __user *exp,
		       void __user *tsp, enum poll_time_type type, bool compat,
		       const void __user *sig)
{
	const void __user *mask = NULL;
	size_t size = 0;
	u64 deadline;
	int masked;
	int ret = user_deadline(tsp, type, compat, &deadline);

	if (ret)
		return ret;
	if (sig) {
		if (compat) {
			compat_uptr_t pair[2];

			if (copy_from_user(pair, sig, sizeof(pair)))
				return -EFAULT;
			mask = compat_ptr(pair[0]);
			size = pair[1];
		} else {
			unsigned long pair[2];

			if (copy_from_user(pair, sig, sizeof(pair)))
				return -EFAULT;
			mask = (const void __user *)pair[0];
			size = pair[1];
		}
	}
	masked = set_user_sigmask(mask, size);
	if (masked < 0)
		return masked;
	ret = core_sys_select(n, inp, outp, exp, deadline, compat);
	restore_user_sigmask(masked, ret);
	return poll_select_finish(tsp, type, deadline, ret);
}

SYSCALL_DEFINE6(pselect6, int, n, void __user *, inp, void __user *, outp,
		void __user *, exp, struct __kernel_timespec __user *, tsp, void __user *, sig)
{
	return do_pselect(n, inp, outp, exp, tsp, PT_TIMESPEC, false, sig);
}

COMPAT_SYSCALL_DEFINE6(pselect6_time32, int, n, void __user *, inp, void __user *, outp,
		       void __user *, exp, struct old_timespec32 __user *, tsp,
		       void __user *, sig)
{
	return do_pselect(n, inp, outp, exp, tsp, PT_OLD_TIMESPEC, true, sig);
}

COMPAT_SYSCALL_DEFINE6(pselect6_time64, int, n, void __user *, inp, void __user *, outp,
		       void __user *, exp, struct __kernel_timespec __user *, tsp,
		       void __user *, sig)
{
	return do_pselect(n, inp, outp, exp, tsp, PT_TIMESPEC, true, sig);
}
