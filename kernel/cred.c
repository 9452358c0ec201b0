// SPDX-License-Identifier: GPL-2.0
/*
 * User and group ids: the calls that read and change who a task acts as, with Linux 6.1's
 * permission rules, and their 16-bit forms for the original i386 and arm calls.
 *
 * A task has a real id (who it is: uid), an effective id (what it may do: euid), a saved id
 * (an earlier euid it may return to: suid) and a file-system id (whose files it may open:
 * fsuid, following euid unless setfsuid moves it), and the same four for groups, plus the
 * supplementary groups. "Privileged" is capable() (linux/cred.h): effective uid 0.
 *
 * Every change is made on a copy and published by commit_creds() under tasklist_lock.
 * The rules, per call, when the caller is not privileged (a privileged caller may set any
 * valid id; (uid_t)-1 is never a valid id, and in the set*id calls that take several ids it
 * means "leave this one"):
 *   setuid(u)          u must be the real or the saved uid; only euid and fsuid change.
 *                      Privileged: uid, euid, suid and fsuid all become u.
 *   setreuid(r, e)     r must be the real or effective uid; e the real, effective or saved.
 *                      The saved uid becomes the new euid when r is given or e differs
 *                      from the old real uid.
 *   setresuid(r, e, s) each given id must be one of the old real, effective or saved.
 *   setfsuid(u)        u must be the real, effective, saved or current fs uid; never fails,
 *                      returns the old fsuid (setfsuid(-1) reads it).
 *   setgroups          privileged only (EPERM); at most NGROUPS_MAX (EINVAL).
 * The gid calls mirror the uid ones; their privilege is CAP_SETGID (also euid 0 here).
 * EINVAL for an invalid id comes before EPERM; EPERM before any change.
 *
 * Not wired: Linux marks a task whose setuid takes it over its new user's RLIMIT_NPROC
 * (PF_NPROC_EXCEEDED) and fails its next execve; Ferry counts no processes per user.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/slab.h>

bool capable(int cap)
{
	return current->cred.euid == 0;
}

/* Publish new ids for the current task (group_info: the caller's reference moves in). */
static void commit_creds(const struct cred *new)
{
	struct group_info *old_gi;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	old_gi = current->cred.group_info;
	current->cred = *new;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (old_gi != new->group_info)
		put_group_info(old_gi);
}

void put_group_info(struct group_info *gi)
{
	if (gi && __atomic_sub_fetch(&gi->usage, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(gi);
}

/* ---- uids ----------------------------------------------------------------------------- */

SYSCALL_DEFINE0(getuid)
{
	return current->cred.uid;
}

SYSCALL_DEFINE0(geteuid)
{
	return current->cred.euid;
}

static long __sys_setuid(uid_t uid)
{
	const struct cred *old = &current->cred;
	struct cred new = *old;

	if (!uid_valid(uid))
		return -EINVAL;
	if (capable(CAP_SETUID))
		new.uid = new.suid = uid;
	else if (uid != old->uid && uid != old->suid)
		return -EPERM;
	new.euid = new.fsuid = uid;
	commit_creds(&new);
	return 0;
}

SYSCALL_DEFINE1(setuid, uid_t, uid)
{
	return __sys_setuid(uid);
}

static long __sys_setreuid(uid_t ruid, uid_t euid)
{
	const struct cred *old = &current->cred;
	struct cred new = *old;
	bool priv = capable(CAP_SETUID);

	if ((ruid != (uid_t)-1 && !uid_valid(ruid)) || (euid != (uid_t)-1 && !uid_valid(euid)))
		return -EINVAL;
	if (ruid != (uid_t)-1) {
		if (ruid != old->uid && ruid != old->euid && !priv)
			return -EPERM;
		new.uid = ruid;
	}
	if (euid != (uid_t)-1) {
		if (euid != old->uid && euid != old->euid && euid != old->suid && !priv)
			return -EPERM;
		new.euid = euid;
	}
	if (ruid != (uid_t)-1 || (euid != (uid_t)-1 && euid != old->uid))
		new.suid = new.euid;
	new.fsuid = new.euid;
	commit_creds(&new);
	return 0;
}

SYSCALL_DEFINE2(setreuid, uid_t, ruid, uid_t, euid)
{
	return __sys_setreuid(ruid, euid);
}

/* One of the three ids of a setres*id call: -1 (keep) or one of the old r/e/s ids. */
static bool may_take_id(u32 id, u32 r, u32 e, u32 s)
{
	return id == (u32)-1 || id == r || id == e || id == s;
}

static long __sys_setresuid(uid_t ruid, uid_t euid, uid_t suid)
{
	const struct cred *old = &current->cred;
	struct cred new = *old;

	/* (uid_t)-1 is both "keep" and the one invalid id: nothing else to refuse. */
	if ((ruid == (uid_t)-1 || ruid == old->uid) &&
	    (euid == (uid_t)-1 || (euid == old->euid && euid == old->fsuid)) &&
	    (suid == (uid_t)-1 || suid == old->suid))
		return 0;		/* nothing changes */
	if (!capable(CAP_SETUID) &&
	    (!may_take_id(ruid, old->uid, old->euid, old->suid) ||
	     !may_take_id(euid, old->uid, old->euid, old->suid) ||
	     !may_take_id(suid, old->uid, old->euid, old->suid)))
		return -EPERM;
	if (ruid != (uid_t)-1)
		new.uid = ruid;
	if (euid != (uid_t)-1)
		new.euid = euid;
	if (suid != (uid_t)-1)
		new.suid = suid;
	new.fsuid = new.euid;
	commit_creds(&new);
	return 0;
}

SYSCALL_DEFINE3(setresuid, uid_t, ruid, uid_t, euid, uid_t, suid)
{
	return __sys_setresuid(ruid, euid, suid);
}

SYSCALL_DEFINE3(getresuid, uid_t __user *, ruidp, uid_t __user *, euidp, uid_t __user *, suidp)
{
	const struct cred *c = &current->cred;

	if (put_user(c->uid, ruidp) || put_user(c->euid, euidp) || put_user(c->suid, suidp))
		return -EFAULT;
	return 0;
}

static long __sys_setfsuid(uid_t uid)
{
	const struct cred *old = &current->cred;
	uid_t old_fsuid = old->fsuid;
	struct cred new = *old;

	if (!uid_valid(uid))
		return old_fsuid;
	if (uid == old->uid || uid == old->euid || uid == old->suid || uid == old->fsuid ||
	    capable(CAP_SETUID)) {
		if (uid != old_fsuid) {
			new.fsuid = uid;
			commit_creds(&new);
		}
	}
	return old_fsuid;
}

SYSCALL_DEFINE1(setfsuid, uid_t, uid)
{
	return __sys_setfsuid(uid);
}

/* ---- gids ----------------------------------------------------------------------------- */

SYSCALL_DEFINE0(getgid)
{
	return current->cred.gid;
}

SYSCALL_DEFINE0(getegid)
{
	return current->cred.egid;
}

static long __sys_setgid(gid_t gid)
{
	const struct cred *old = &current->cred;
	struct cred new = *old;

	if (!gid_valid(gid))
		return -EINVAL;
	if (capable(CAP_SETGID))
		new.gid = new.egid = new.sgid = new.fsgid = gid;
	else if (gid == old->gid || gid == old->sgid)
		new.egid = new.fsgid = gid;
	else
		return -EPERM;
	commit_creds(&new);
	return 0;
}

SYSCALL_DEFINE1(setgid, gid_t, gid)
{
	return __sys_setgid(gid);
}

static long __sys_setregid(gid_t rgid, gid_t egid)
{
	const struct cred *old = &current->cred;
	struct cred new = *old;
	bool priv = capable(CAP_SETGID);

	if (rgid != (gid_t)-1) {
		if (rgid != old->gid && rgid != old->egid && !priv)
			return -EPERM;
		new.gid = rgid;
	}
	if (egid != (gid_t)-1) {
		if (egid != old->gid && egid != old->egid && egid != old->sgid && !priv)
			return -EPERM;
		new.egid = egid;
	}
	if (rgid != (gid_t)-1 || (egid != (gid_t)-1 && egid != old->gid))
		new.sgid = new.egid;
	new.fsgid = new.egid;
	commit_creds(&new);
	return 0;
}

SYSCALL_DEFINE2(setregid, gid_t, rgid, gid_t, egid)
{
	return __sys_setregid(rgid, egid);
}

static long __sys_setresgid(gid_t rgid, gid_t egid, gid_t sgid)
{
	const struct cred *old = &current->cred;
	struct cred new = *old;

	if ((rgid == (gid_t)-1 || rgid == old->gid) &&
	    (egid == (gid_t)-1 || (egid == old->egid && egid == old->fsgid)) &&
	    (sgid == (gid_t)-1 || sgid == old->sgid))
		return 0;
	if (!capable(CAP_SETGID) &&
	    (!may_take_id(rgid, old->gid, old->egid, old->sgid) ||
	     !may_take_id(egid, old->gid, old->egid, old->sgid) ||
	     !may_take_id(sgid, old->gid, old->egid, old->sgid)))
		return -EPERM;
	if (rgid != (gid_t)-1)
		new.gid = rgid;
	if (egid != (gid_t)-1)
		new.egid = egid;
	if (sgid != (gid_t)-1)
		new.sgid = sgid;
	new.fsgid = new.egid;
	commit_creds(&new);
	return 0;
}

SYSCALL_DEFINE3(setresgid, gid_t, rgid, gid_t, egid, gid_t, sgid)
{
	return __sys_setresgid(rgid, egid, sgid);
}

SYSCALL_DEFINE3(getresgid, gid_t __user *, rgidp, gid_t __user *, egidp, gid_t __user *, sgidp)
{
	const struct cred *c = &current->cred;

	if (put_user(c->gid, rgidp) || put_user(c->egid, egidp) || put_user(c->sgid, sgidp))
		return -EFAULT;
	return 0;
}

static long __sys_setfsgid(gid_t gid)
{
	const struct cred *old = &current->cred;
	gid_t old_fsgid = old->fsgid;
	struct cred new = *old;

	if (!gid_valid(gid))
		return old_fsgid;
	if (gid == old->gid || gid == old->egid || gid == old->sgid || gid == old->fsgid ||
	    capable(CAP_SETGID)) {
		if (gid != old_fsgid) {
			new.fsgid = gid;
			commit_creds(&new);
		}
	}
	return old_fsgid;
}

SYSCALL_DEFINE1(setfsgid, gid_t, gid)
{
	return __sys_setfsgid(gid);
}

/* ---- supplementary groups ------------------------------------------------------------- */

static struct group_info *groups_alloc(int n)
{
	struct group_info *gi = kmalloc(sizeof(*gi) + n * sizeof(gid_t), GFP_KERNEL);

	if (gi) {
		gi->usage = 1;
		gi->ngroups = n;
	}
	return gi;
}

/* Ascending order (heapsort: up to NGROUPS_MAX entries, no recursion, no extra memory). */
static void sift_down(gid_t *g, int root, int n)
{
	for (int child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && g[child + 1] > g[child])
			child++;
		if (g[root] >= g[child])
			return;
		gid_t t = g[root];
		g[root] = g[child];
		g[child] = t;
	}
}

static void groups_sort(struct group_info *gi)
{
	gid_t *g = gi->gid;

	for (int i = gi->ngroups / 2 - 1; i >= 0; i--)
		sift_down(g, i, gi->ngroups);
	for (int end = gi->ngroups - 1; end > 0; end--) {
		gid_t t = g[0];
		g[0] = g[end];
		g[end] = t;
		sift_down(g, 0, end);
	}
}

bool in_group_p(gid_t gid)
{
	const struct group_info *gi = current->cred.group_info;
	int lo = 0, hi = gi ? gi->ngroups : 0;

	if (gid == current->cred.fsgid)
		return true;
	while (lo < hi) {		/* binary search: the array is sorted */
		int mid = lo + (hi - lo) / 2;

		if (gi->gid[mid] == gid)
			return true;
		if (gi->gid[mid] < gid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static int ngroups_of_current(void)
{
	return current->cred.group_info ? current->cred.group_info->ngroups : 0;
}

/* Replace the current task's groups with gi (sorted here; its reference moves in). */
static long set_current_groups(struct group_info *gi)
{
	struct cred new = current->cred;

	groups_sort(gi);
	new.group_info = gi;
	commit_creds(&new);
	return 0;
}

/* The checks both setgroups take before reading the list: EPERM, then EINVAL. */
static long setgroups_prepare(int gidsetsize, struct group_info **gip)
{
	if (!capable(CAP_SETGID))
		return -EPERM;
	if ((unsigned int)gidsetsize > NGROUPS_MAX)
		return -EINVAL;
	*gip = groups_alloc(gidsetsize);
	return *gip ? 0 : -ENOMEM;
}

SYSCALL_DEFINE2(getgroups, int, gidsetsize, gid_t __user *, grouplist)
{
	int n = ngroups_of_current();

	if (gidsetsize < 0)
		return -EINVAL;
	if (gidsetsize) {		/* 0 asks only how many */
		if (n > gidsetsize)
			return -EINVAL;
		if (n && copy_to_user(grouplist, current->cred.group_info->gid, n * sizeof(gid_t)))
			return -EFAULT;
	}
	return n;
}

SYSCALL_DEFINE2(setgroups, int, gidsetsize, gid_t __user *, grouplist)
{
	struct group_info *gi;
	long err = setgroups_prepare(gidsetsize, &gi);
	unsigned long size, copied;

	if (err)
		return err;
	/* As Linux reads the list, in order: an invalid gid before a fault is EINVAL. */
	size = gidsetsize * sizeof(gid_t);
	copied = (size - copy_from_user(gi->gid, grouplist, size)) / sizeof(gid_t);
	for (unsigned long i = 0; i < copied; i++)
		if (!gid_valid(gi->gid[i]))
			err = -EINVAL;
	if (!err && copied < (unsigned long)gidsetsize)
		err = -EFAULT;
	if (err) {
		put_group_info(gi);
		return err;
	}
	return set_current_groups(gi);
}

/*
 * ---- the 16-bit calls (i386 and arm: getuid, setuid, ..., numbers below 199) ------------
 * An id that does not fit reads as OVERFLOWUID/OVERFLOWGID; a 16-bit 0xffff written means
 * (uid_t)-1, i.e. "keep" or invalid, as the 32-bit call would take it. The argument
 * registers are cut to 16 bits by the wrapper (old_uid_t).
 */
static old_uid_t high2lowuid(uid_t uid)
{
	return uid & ~0xffffu ? OVERFLOWUID : uid;
}

static old_gid_t high2lowgid(gid_t gid)
{
	return gid & ~0xffffu ? OVERFLOWGID : gid;
}

static uid_t low2highuid(old_uid_t uid)
{
	return uid == (old_uid_t)-1 ? (uid_t)-1 : uid;
}

static gid_t low2highgid(old_gid_t gid)
{
	return gid == (old_gid_t)-1 ? (gid_t)-1 : gid;
}

SYSCALL_DEFINE0(getuid16)
{
	return high2lowuid(current->cred.uid);
}

SYSCALL_DEFINE0(geteuid16)
{
	return high2lowuid(current->cred.euid);
}

SYSCALL_DEFINE0(getgid16)
{
	return high2lowgid(current->cred.gid);
}

SYSCALL_DEFINE0(getegid16)
{
	return high2lowgid(current->cred.egid);
}

SYSCALL_DEFINE1(setuid16, old_uid_t, uid)
{
	return __sys_setuid(low2highuid(uid));
}

SYSCALL_DEFINE1(setgid16, old_gid_t, gid)
{
	return __sys_setgid(low2highgid(gid));
}

SYSCALL_DEFINE2(setreuid16, old_uid_t, ruid, old_uid_t, euid)
{
	return __sys_setreuid(low2highuid(ruid), low2highuid(euid));
}

SYSCALL_DEFINE2(setregid16, old_gid_t, rgid, old_gid_t, egid)
{
	return __sys_setregid(low2highgid(rgid), low2highgid(egid));
}

SYSCALL_DEFINE3(setresuid16, old_uid_t, ruid, old_uid_t, euid, old_uid_t, suid)
{
	return __sys_setresuid(low2highuid(ruid), low2highuid(euid), low2highuid(suid));
}

SYSCALL_DEFINE3(setresgid16, old_gid_t, rgid, old_gid_t, egid, old_gid_t, sgid)
{
	return __sys_setresgid(low2highgid(rgid), low2highgid(egid), low2highgid(sgid));
}

SYSCALL_DEFINE3(getresuid16, old_uid_t __user *, ruidp, old_uid_t __user *, euidp,
		old_uid_t __user *, suidp)
{
	const struct cred *c = &current->cred;

	if (put_user(high2lowuid(c->uid), ruidp) || put_user(high2lowuid(c->euid), euidp) ||
	    put_user(high2lowuid(c->suid), suidp))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(getresgid16, old_gid_t __user *, rgidp, old_gid_t __user *, egidp,
		old_gid_t __user *, sgidp)
{
	const struct cred *c = &current->cred;

	if (put_user(high2lowgid(c->gid), rgidp) || put_user(high2lowgid(c->egid), egidp) ||
	    put_user(high2lowgid(c->sgid), sgidp))
		return -EFAULT;
	return 0;
}

/* The old fsuid comes back whole (not cut to 16 bits), as on Linux. */
SYSCALL_DEFINE1(setfsuid16, old_uid_t, uid)
{
	return __sys_setfsuid(low2highuid(uid));
}

SYSCALL_DEFINE1(setfsgid16, old_gid_t, gid)
{
	return __sys_setfsgid(low2highgid(gid));
}

SYSCALL_DEFINE2(getgroups16, int, gidsetsize, old_gid_t __user *, grouplist)
{
	const struct group_info *gi = current->cred.group_info;
	int n = ngroups_of_current();

	if (gidsetsize < 0)
		return -EINVAL;
	if (gidsetsize) {
		if (n > gidsetsize)
			return -EINVAL;
		for (int i = 0; i < n; i++)
			if (put_user(high2lowgid(gi->gid[i]), grouplist + i))
				return -EFAULT;
	}
	return n;
}

SYSCALL_DEFINE2(setgroups16, int, gidsetsize, old_gid_t __user *, grouplist)
{
	struct group_info *gi;
	long err = setgroups_prepare(gidsetsize, &gi);
	old_gid_t g;

	if (err)
		return err;
	for (int i = 0; i < gidsetsize; i++) {
		err = get_user(g, grouplist + i) ? -EFAULT : gid_valid(low2highgid(g)) ? 0 : -EINVAL;
		if (err) {
			put_group_info(gi);
			return err;
		}
		gi->gid[i] = low2highgid(g);
	}
	return set_current_groups(gi);
}
