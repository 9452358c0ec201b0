// SPDX-License-Identifier: GPL-2.0
/*
 * Access times: when a read (file_accessed) or a getdents (iterate_dir) moves an inode's
 * atime, by Linux's rules:
 *  - never for a file opened with O_NOATIME (open and F_SETFL allow it to the owner or
 *    CAP_FOWNER only), on a noatime mount, for a directory on a nodiratime mount, or on a
 *    read-only mount (nothing may be written there, atime included);
 *  - on a relatime mount (the default) only when atime is not after mtime or ctime (so
 *    "was it read since it last changed?" still works) or is a day old;
 *  - on a strictatime mount on every access (unless atime already equals the time now).
 *
 * Cost: a read of a cached file is a few hundred instructions, and the relatime answer is
 * usually "no", so the clock is read only when the answer needs it: the mtime/ctime rule
 * needs no clock, and the day rule is first asked of the tick's count of realtime seconds
 * (real_seconds_coarse: atimes are realtime, set from the RTC at boot), which can only say
 * "not yet" with an hour to spare; within that hour the clock's whole seconds decide, and
 * the precise time is read only for an update.
 *
 * Locking: none. Like Linux's touch_atime (which does not take i_rwsem), two readers may
 * both decide to update and both store a time; each store is of a value read from the
 * clock, so the atime ends as one of them. i_atime is a two-word timespec64 and a reader
 * of stat may see a torn pair during such a store (Linux has the same window).
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fcntl.h>
#include <linux/jiffies.h>
#include <linux/timekeeping.h>

#define RELATIME_SECS	(24 * 60 * 60)
/* The tick's seconds lag the clock by up to a second plus any lost ticks or counter drift
 * since boot, far less than this. */
#define JIFFIES_SLACK_SECS	3600

static inline bool ts_after(const struct timespec64 *a, const struct timespec64 *b)
{
	return a->tv_sec > b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

/* Linux's atime_needs_update and relatime_need_update, without a clock read where none is
 * needed. */
static inline bool atime_needs_update(const struct path *p, const struct inode *inode)
{
	int mflags = p->mnt ? p->mnt->mnt_flags : MNT_RELATIME;
	s64 atime = inode->i_atime.tv_sec;

	if (mflags & (MNT_NOATIME | MNT_RDONLY))
		return false;
	if ((mflags & MNT_NODIRATIME) && S_ISDIR(inode->i_mode))
		return false;
	if (inode->i_sb && (inode->i_sb->s_flags & SB_RDONLY))
		return false;
	if (!(mflags & MNT_RELATIME))
		return true;	/* strictatime: touch_atime compares with now */
	if (!ts_after(&inode->i_atime, &inode->i_mtime) ||
	    !ts_after(&inode->i_atime, &inode->i_ctime))
		return true;
	/* The day rule: the tick's seconds rule out all but the last hour before it. */
	if ((s64)real_seconds_coarse + JIFFIES_SLACK_SECS < atime + RELATIME_SECS)
		return false;
	return (s64)(ktime_get_real_ns() / NSEC_PER_SEC) - atime >= RELATIME_SECS;
}

void touch_atime(const struct path *p)
{
	struct inode *inode = p->dentry ? p->dentry->d_inode : NULL;
	struct timespec64 now;

	if (!inode || !atime_needs_update(p, inode))
		return;
	now = current_time(inode);
	if (now.tv_sec == inode->i_atime.tv_sec && now.tv_nsec == inode->i_atime.tv_nsec)
		return;
	inode->i_atime = now;
}

/*
 * The common answer first, without a stack frame: on a relatime mount an atime after both
 * mtime and ctime and less than a day old (by the tick count) stays. Anything else asks
 * touch_atime, which applies every rule.
 */
void file_accessed(struct file *f)
{
	const struct inode *inode = f->f_inode;

	if (f->f_flags & O_NOATIME)
		return;
	if (f->f_path.mnt && (f->f_path.mnt->mnt_flags & MNT_RELATIME) && inode &&
	    ts_after(&inode->i_atime, &inode->i_mtime) &&
	    ts_after(&inode->i_atime, &inode->i_ctime) &&
	    (s64)real_seconds_coarse + JIFFIES_SLACK_SECS < inode->i_atime.tv_sec + RELATIME_SECS)
		return;
	touch_atime(&f->f_path);
}
