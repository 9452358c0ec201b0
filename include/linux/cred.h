/*
 * Who a task acts as: its user and group ids and supplementary groups. Each task has its own
 * copy (clone copies it; Linux shares an immutable struct cred and glibc's setxid makes
 * every thread of a process change together; here each thread's ids change on their own).
 * The supplementary groups are a refcounted array shared until setgroups replaces them.
 *
 * A task changes only its own cred (kernel/cred.c), and publishes the new ids under
 * tasklist_lock, so another task reading them under that lock (prlimit64's and
 * sched_setaffinity's permission checks) sees all of one version or all of the other.
 */
#ifndef _LINUX_CRED_H
#define _LINUX_CRED_H

#include <linux/types.h>

#define NGROUPS_MAX	65536

/* The 16-bit ids of the original i386 and arm calls (getuid16, setgroups16, ...). */
typedef u16 old_uid_t;
typedef u16 old_gid_t;

/* What a 32-bit id outside 16 bits reads as through a 16-bit call (Linux's overflowuid). */
#define OVERFLOWUID	65534
#define OVERFLOWGID	65534

struct group_info {
	int usage;		/* creds pointing here (atomic: get_group_info/put_group_info) */
	int ngroups;
	gid_t gid[];		/* ascending, as setgroups sorted them */
};

struct cred {
	uid_t uid, euid, suid, fsuid;
	gid_t gid, egid, sgid, fsgid;
	struct group_info *group_info;	/* NULL: no supplementary groups */
};

/* (uid_t)-1 names no user: the calls take it as "leave unchanged" or refuse it (EINVAL). */
static inline bool uid_valid(uid_t uid)
{
	return uid != (uid_t)-1;
}

static inline bool gid_valid(gid_t gid)
{
	return gid != (gid_t)-1;
}

/*
 * The capabilities the process calls ask for. Ferry has no capability sets: a task holds
 * all of them exactly when its effective uid is 0, as a Linux root process does (setting
 * euid to non-zero clears its effective capabilities, setting it back to 0 restores them).
 */
#define CAP_CHOWN		0
#define CAP_DAC_OVERRIDE	1
#define CAP_DAC_READ_SEARCH	2
#define CAP_FOWNER		3
#define CAP_FSETID		4
#define CAP_SETGID		6
#define CAP_SETUID		7
#define CAP_SYS_CHROOT		18
#define CAP_SYS_ADMIN		21
#define CAP_SYS_BOOT		22
#define CAP_SYS_NICE		23
#define CAP_SYS_RESOURCE	24
#define CAP_MKNOD		27
#define CAP_AUDIT_CONTROL	30
bool capable(int cap);		/* kernel/cred.c: of the current task */

/* The groups of a cred: fork takes a reference for the child's copy, exit drops it. */
static inline struct group_info *get_group_info(struct group_info *gi)
{
	if (gi)
		__atomic_fetch_add(&gi->usage, 1, __ATOMIC_RELAXED);
	return gi;
}
void put_group_info(struct group_info *gi);	/* frees at the last reference; NULL is fine */
bool in_group_p(gid_t gid);			/* fsgid or a supplementary group of current */

#endif
