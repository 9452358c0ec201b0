// SPDX-License-Identifier: GPL-2.0
/*
 * File locks: POSIX record locks and OFD locks (fcntl), and flock(2). What they are, who
 * owns them and the locking rules: include/linux/filelock.h.
 *
 * A request is a byte range [start, end] of one type. Setting it:
 *   1. conflicts: another owner's lock in the same space (fcntl or flock) that overlaps it,
 *      one of the two being a write lock. With one: -EAGAIN, or (F_SETLKW, flock without
 *      LOCK_NB) sleep until the inode's locks change and test again; a POSIX waiter whose
 *      blocker waits, through a chain, for the waiter itself gets -EDEADLK instead, and a
 *      signal ends the sleep with -ERESTARTSYS (the exit work loop restarts or says EINTR).
 *   2. the owner's own locks: those of the same type that overlap or touch the range are
 *      merged into it; those of another type (or any, to unlock) lose the range: cut at one
 *      end, split in two around it, or removed. So an owner's locks never overlap and a
 *      read and a write lock of it never share a byte, as POSIX requires.
 * Every lock is allocated before file_lock_lock is taken (the request itself and, when a
 * lock must be split, its second half), and counted against FILE_LOCK_MAX: a request
 * past the limit is -ENOLCK and changes nothing.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fcntl.h>
#include <linux/filelock.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <linux/spinlock.h>
#include <linux/syscalls.h>
#include <linux/errno.h>

static DEFINE_SPINLOCK(file_lock_lock);
static DECLARE_WAIT_QUEUE_HEAD(file_lock_wait);
static int nr_file_locks;		/* every inode's, under file_lock_lock */

/* A POSIX request asleep: whose lock it waits for (for the -EDEADLK chain). */
struct lock_waiter {
	struct list_head list;
	fl_owner_t owner, blocker;
};
static LIST_HEAD(blocked_posix);
/* Linux follows the chain this far (11 owners), then gives up looking (no EDEADLK). */
#define MAX_DEADLOCK_STEPS	11

static bool same_space(const struct file_lock *a, const struct file_lock *b)
{
	return (a->fl_flags & FL_FLOCK) == (b->fl_flags & FL_FLOCK);
}

static bool overlap(const struct file_lock *a, const struct file_lock *b)
{
	return a->fl_start <= b->fl_end && b->fl_start <= a->fl_end;
}

/* Overlapping or adjacent (no byte between them). */
static bool touch(const struct file_lock *a, const struct file_lock *b)
{
	return (a->fl_end == OFFSET_MAX || a->fl_end + 1 >= b->fl_start) &&
	       (b->fl_end == OFFSET_MAX || b->fl_end + 1 >= a->fl_start);
}

static struct file_lock *find_conflict(struct inode *inode, const struct file_lock *req)
{
	struct file_lock *l;

	list_for_each_entry(l, &inode->i_flock, fl_list)
		if (same_space(l, req) && l->fl_owner != req->fl_owner &&
		    (l->fl_type == F_WRLCK || req->fl_type == F_WRLCK) && overlap(l, req))
			return l;
	return NULL;
}

static fl_owner_t waits_for(fl_owner_t owner)
{
	struct lock_waiter *w;

	list_for_each_entry(w, &blocked_posix, list)
		if (w->owner == owner)
			return w->blocker;
	return NULL;
}

/*
 * owner's locks changed: the waiters it blocked are woken and will test again, so until
 * then they wait for nobody (Linux unlinks them from the blocked list at the wake-up). A
 * waiter still counted as blocked by owner would make owner's next request look like a
 * circle: a false EDEADLK.
 */
static void unblock_waiters(fl_owner_t owner)
{
	struct lock_waiter *w;

	list_for_each_entry(w, &blocked_posix, list)
		if (w->blocker == owner)
			w->blocker = NULL;
}

/* Would me sleeping on blocker close a circle of POSIX owners waiting for each other? */
static bool posix_deadlock(fl_owner_t me, fl_owner_t blocker)
{
	for (int i = 0; i < MAX_DEADLOCK_STEPS && blocker; i++) {
		blocker = waits_for(blocker);
		if (blocker == me)
			return true;
	}
	return false;
}

/* Does setting req need to split one of the owner's locks in two? */
static bool needs_split(struct inode *inode, const struct file_lock *req)
{
	struct file_lock *l;

	list_for_each_entry(l, &inode->i_flock, fl_list)
		if (l->fl_owner == req->fl_owner && same_space(l, req) && l->fl_type != req->fl_type &&
		    l->fl_start < req->fl_start && l->fl_end > req->fl_end)
			return true;
	return false;
}

/*
 * Step 2 (the file comment), under file_lock_lock, no conflict left. new and split are the
 * locks allocated beforehand; each one used is set to NULL. Removed locks go to *freed.
 */
static int apply_lock(struct inode *inode, struct file_lock req, struct file_lock **new,
		      struct file_lock **split, struct list_head *freed)
{
	int adds = (req.fl_type != F_UNLCK) + needs_split(inode, &req);
	struct file_lock *l, *n;

	if (adds && nr_file_locks + adds > FILE_LOCK_MAX)
		return -ENOLCK;
	list_for_each_entry_safe(l, n, &inode->i_flock, fl_list) {
		if (l->fl_owner != req.fl_owner || !same_space(l, &req))
			continue;
		if (l->fl_type == req.fl_type) {
			if (!touch(l, &req))
				continue;
			req.fl_start = min(req.fl_start, l->fl_start);
			req.fl_end = max(req.fl_end, l->fl_end);
		} else {
			if (!overlap(l, &req))
				continue;
			if (l->fl_start < req.fl_start && l->fl_end > req.fl_end) {
				struct file_lock *right = *split;

				*split = NULL;
				*right = *l;
				right->fl_start = req.fl_end + 1;
				l->fl_end = req.fl_start - 1;
				list_add(&right->fl_list, &l->fl_list);
				nr_file_locks++;
				break;	/* inside one lock: no other of the owner's touches it */
			}
			if (l->fl_start < req.fl_start) {
				l->fl_end = req.fl_start - 1;
				continue;
			}
			if (l->fl_end > req.fl_end) {
				l->fl_start = req.fl_end + 1;
				continue;
			}
		}
		list_del(&l->fl_list);
		list_add(&l->fl_list, freed);
		nr_file_locks--;
	}
	if (req.fl_type != F_UNLCK) {
		struct file_lock *fl = *new;

		*new = NULL;
		*fl = req;
		list_add_tail(&fl->fl_list, &inode->i_flock);
		nr_file_locks++;
	}
	return 0;
}

/*
 * Set req on inode (step 1 and 2), sleeping for a conflicting lock when wait is true.
 * Every change wakes the sleepers, which test again.
 */
static int set_lock(struct inode *inode, const struct file_lock *req, bool wait)
{
	struct wait_queue_entry w = { .task = current };
	struct lock_waiter waiter = { .owner = req->fl_owner };
	struct file_lock *new, *split, *l, *n;
	bool waiting = false;
	LIST_HEAD(freed);
	int ret;

	new = kmalloc(sizeof(*new), GFP_KERNEL);
	split = kmalloc(sizeof(*split), GFP_KERNEL);
	if (!new || !split) {
		kfree(new);
		kfree(split);
		return -ENOLCK;
	}
	INIT_LIST_HEAD(&w.entry);
	INIT_LIST_HEAD(&waiter.list);
	for (;;) {
		struct file_lock *c;

		if (wait)
			prepare_to_wait(&file_lock_wait, &w, TASK_INTERRUPTIBLE);
		spin_lock(&file_lock_lock);
		c = req->fl_type == F_UNLCK ? NULL : find_conflict(inode, req);
		if (!c) {
			ret = apply_lock(inode, *req, &new, &split, &freed);
			if (!ret)
				unblock_waiters(req->fl_owner);
			break;
		}
		if (!wait) {
			ret = -EAGAIN;
			break;
		}
		if (req->fl_flags & FL_POSIX && c->fl_flags & FL_POSIX &&
		    posix_deadlock(req->fl_owner, c->fl_owner)) {
			ret = -EDEADLK;
			break;
		}
		waiter.blocker = c->fl_owner;
		if (!waiting && req->fl_flags & FL_POSIX)
			list_add(&waiter.list, &blocked_posix);
		waiting = true;
		spin_unlock(&file_lock_lock);
		if (signal_pending(current)) {
			spin_lock(&file_lock_lock);
			ret = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	list_del(&waiter.list);		/* still under file_lock_lock; harmless when never added */
	spin_unlock(&file_lock_lock);
	if (wait)
		finish_wait(&file_lock_wait, &w);
	if (!ret)
		wake_up(&file_lock_wait);	/* a lock shrank, went, or became a read lock */
	list_for_each_entry_safe(l, n, &freed, fl_list)
		kfree(l);
	kfree(new);
	kfree(split);
	return ret;
}

/* struct flock's range, from l_whence, into [start, end], as Linux checks it. */
static int flock_to_range(struct file *f, const struct flock64 *fl, struct file_lock *req)
{
	loff_t start, end;

	switch (fl->l_whence) {
	case SEEK_SET:
		start = 0;
		break;
	case SEEK_CUR:
		start = f->f_pos;
		break;
	case SEEK_END:
		start = READ_ONCE(file_inode(f)->i_size);
		break;
	default:
		return -EINVAL;
	}
	if (fl->l_start > OFFSET_MAX - start)
		return -EOVERFLOW;
	start += fl->l_start;
	if (start < 0)
		return -EINVAL;
	if (fl->l_len > 0) {
		if (fl->l_len - 1 > OFFSET_MAX - start)
			return -EOVERFLOW;
		end = start + fl->l_len - 1;
	} else if (fl->l_len < 0) {
		if (start + fl->l_len < 0)
			return -EINVAL;
		end = start - 1;
		start += fl->l_len;
	} else {
		end = OFFSET_MAX;
	}
	req->fl_start = start;
	req->fl_end = end;
	if (fl->l_type != F_RDLCK && fl->l_type != F_WRLCK && fl->l_type != F_UNLCK)
		return -EINVAL;
	req->fl_type = fl->l_type;
	return 0;
}

static bool is_ofd(unsigned int cmd)
{
	return cmd == F_OFD_GETLK || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
}

/* Who owns what cmd sets or tests, and in which space. */
static void lock_owner(struct file *f, unsigned int cmd, struct file_lock *req)
{
	req->fl_file = f;
	if (is_ofd(cmd)) {
		req->fl_owner = f;
		req->fl_flags = FL_OFD;
		req->fl_pid = -1;
	} else {
		req->fl_owner = current->files;
		req->fl_flags = FL_POSIX;
		req->fl_pid = current->tgid;
	}
}

/* F_GETLK and its forms: the first lock that would block *fl, or l_type F_UNLCK. */
long fcntl_getlk(struct file *f, unsigned int cmd, struct flock64 *fl)
{
	struct file_lock req, *c;
	int ret;

	/* Linux's order: the type (a read or write request), the range, OFD's l_pid. */
	if (fl->l_type != F_RDLCK && fl->l_type != F_WRLCK)
		return -EINVAL;
	lock_owner(f, cmd, &req);
	ret = flock_to_range(f, fl, &req);
	if (ret)
		return ret;
	if (is_ofd(cmd) && fl->l_pid)
		return -EINVAL;
	spin_lock(&file_lock_lock);
	c = find_conflict(file_inode(f), &req);
	if (c) {
		fl->l_type = c->fl_type;
		fl->l_whence = SEEK_SET;
		fl->l_start = c->fl_start;
		fl->l_len = c->fl_end == OFFSET_MAX ? 0 : c->fl_end - c->fl_start + 1;
		fl->l_pid = c->fl_pid;
	} else {
		fl->l_type = F_UNLCK;
	}
	spin_unlock(&file_lock_lock);
	return 0;
}

/* F_SETLK, F_SETLKW and their forms. */
long fcntl_setlk(struct file *f, unsigned int cmd, struct flock64 *fl)
{
	struct file_lock req;
	int ret;

	/* Linux's order: range and type, the access mode, OFD's l_pid. */
	lock_owner(f, cmd, &req);
	ret = flock_to_range(f, fl, &req);
	if (ret)
		return ret;
	if ((req.fl_type == F_RDLCK && !(f->f_mode & FMODE_READ)) ||
	    (req.fl_type == F_WRLCK && !(f->f_mode & FMODE_WRITE)))
		return -EBADF;
	if (is_ofd(cmd) && fl->l_pid)
		return -EINVAL;
	return set_lock(file_inode(f), &req,
			cmd == F_SETLKW || cmd == F_SETLKW64 || cmd == F_OFD_SETLKW);
}

/*
 * Remove inode's locks of owner in the spaces flags names, or (owner NULL) every lock set
 * through file; wake the sleepers if one went.
 */
static void remove_locks(struct inode *inode, fl_owner_t owner, unsigned int flags,
			 struct file *file)
{
	struct file_lock *l, *n;
	LIST_HEAD(freed);

	spin_lock(&file_lock_lock);
	list_for_each_entry_safe(l, n, &inode->i_flock, fl_list)
		if (owner ? l->fl_owner == owner && l->fl_flags & flags : l->fl_file == file) {
			unblock_waiters(l->fl_owner);
			list_del(&l->fl_list);
			list_add(&l->fl_list, &freed);
			nr_file_locks--;
		}
	spin_unlock(&file_lock_lock);
	if (list_empty(&freed))
		return;
	wake_up(&file_lock_wait);
	list_for_each_entry_safe(l, n, &freed, fl_list)
		kfree(l);
}

/*
 * The inode's list is read without the lock first: a file nobody locks (nearly all) costs
 * one load on close. A lock being added by this owner at the same moment, from another
 * thread, races with the close in user space already.
 */
void locks_remove_posix(struct file *f, fl_owner_t owner)
{
	struct inode *inode = file_inode(f);

	if (inode && !list_empty(&inode->i_flock))
		remove_locks(inode, owner, FL_POSIX, NULL);
}

/*
 * Its OFD and flock locks are owned by f; a POSIX lock set through f is normally gone
 * already (its owner closed f), but one set by a thread while another closed the same
 * descriptor would outlive every reference to the file: those go too.
 */
void locks_remove_file(struct file *f)
{
	struct inode *inode = file_inode(f);

	if (inode && !list_empty(&inode->i_flock))
		remove_locks(inode, NULL, 0, f);
}

/*
 * flock(2): a whole-file lock of the open file, shared or exclusive. Changing its type
 * gives the old lock up first (others may take it meanwhile), as Linux does; LOCK_NB turns
 * the wait into -EWOULDBLOCK.
 */
/* Does file hold its flock lock with this type already? */
static bool flock_held(struct inode *inode, struct file *file, unsigned char type)
{
	struct file_lock *l;
	bool held = false;

	spin_lock(&file_lock_lock);
	list_for_each_entry(l, &inode->i_flock, fl_list)
		if (l->fl_flags & FL_FLOCK && l->fl_owner == file && l->fl_type == type)
			held = true;
	spin_unlock(&file_lock_lock);
	return held;
}

SYSCALL_DEFINE2(flock, unsigned int, fd, unsigned int, cmd)
{
	struct file_lock req = { .fl_flags = FL_FLOCK, .fl_pid = -1, .fl_start = 0,
				 .fl_end = OFFSET_MAX };
	long ret = 0;
	struct fd f;

	/* Linux 6.1's order: LOCK_MAND (never worked: accepted, ignored), the operation, the fd. */
	if (cmd & LOCK_MAND)
		return 0;
	switch (cmd & ~LOCK_NB) {
	case LOCK_SH:
		req.fl_type = F_RDLCK;
		break;
	case LOCK_EX:
		req.fl_type = F_WRLCK;
		break;
	case LOCK_UN:
		req.fl_type = F_UNLCK;
		break;
	default:
		return -EINVAL;
	}
	f = fdget(fd);
	if (!f.file)
		return -EBADF;
	/* An O_PATH descriptor has no open file to lock (Linux's fdget does not return it);
	 * locking needs one open for reading or writing. */
	if (f.file->f_mode & FMODE_PATH ||
	    (req.fl_type != F_UNLCK && !(f.file->f_mode & (FMODE_READ | FMODE_WRITE)))) {
		fdput(f);
		return -EBADF;
	}
	req.fl_owner = req.fl_file = f.file;
	if (req.fl_type == F_UNLCK || !flock_held(file_inode(f.file), f.file, req.fl_type)) {
		if (req.fl_type != F_UNLCK) {
			struct file_lock unlock = req;

			unlock.fl_type = F_UNLCK;
			set_lock(file_inode(f.file), &unlock, false);
		}
		ret = set_lock(file_inode(f.file), &req,
			       req.fl_type != F_UNLCK && !(cmd & LOCK_NB));
	}
	fdput(f);
	return ret;
}
