/*
 * File locks (fs/locks.c): POSIX record locks (fcntl F_GETLK/F_SETLK/F_SETLKW, their 64-bit
 * forms on the 32-bit ABIs), open file description locks (F_OFD_*) and flock(2).
 *
 * Each inode keeps its locks in one list, i_flock. Who owns a lock decides what releases it:
 *   POSIX   the process's descriptor table (current->files): any close() of any descriptor
 *           of the file by that table drops them all; fork does not inherit them
 *   OFD     the open file (struct file): its last fput drops them; dup and fork share them
 *   flock   the open file too, whole-file, in a separate space (flock and fcntl locks do
 *           not see each other, as on Linux)
 *
 * Locking: file_lock_lock (fs/locks.c) protects every inode's i_flock list, every lock's
 * fields and the list of blocked POSIX waiters; it is taken alone (no other lock inside
 * it, none held when taking it). A waiter sleeps on file_lock_wait, woken whenever a lock
 * is removed, shrunk or downgraded, and tests again.
 */
#ifndef _LINUX_FILELOCK_H
#define _LINUX_FILELOCK_H

#include <linux/types.h>
#include <linux/list.h>

struct file;
struct inode;

/* l_type */
#define F_RDLCK		0
#define F_WRLCK		1
#define F_UNLCK		2

/* fcntl commands: 64-bit ABIs' and the 32-bit ABIs' plain forms, with struct flock */
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
/* 32-bit ABIs only (fcntl64), with struct flock64 */
#define F_GETLK64	12
#define F_SETLK64	13
#define F_SETLKW64	14
/* open file description locks, struct flock (64-bit) / flock64 (32-bit) */
#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38

/* flock(2) */
#define LOCK_SH		1
#define LOCK_EX		2
#define LOCK_NB		4
#define LOCK_UN		8
#define LOCK_MAND	32		/* obsolete: accepted and ignored */

/* Which space a lock lives in (fl_flags). */
#define FL_POSIX	1
#define FL_FLOCK	2
#define FL_OFD		4

/* The end of a lock that runs to the end of the file, whatever its size becomes. */
#define OFFSET_MAX	((loff_t)0x7fffffffffffffffLL)

/* The most locks the whole system holds at once: past it, a new one is ENOLCK. */
#define FILE_LOCK_MAX	8192

typedef void *fl_owner_t;

struct file_lock {
	struct list_head fl_list;	/* in the inode's i_flock */
	fl_owner_t fl_owner;		/* files_struct (POSIX) or struct file (OFD, flock) */
	struct file *fl_file;		/* the open file it was set through */
	unsigned int fl_flags;		/* FL_POSIX, FL_OFD or FL_FLOCK */
	unsigned char fl_type;		/* F_RDLCK or F_WRLCK */
	pid_t fl_pid;			/* POSIX: the owner's process id; else -1 */
	loff_t fl_start, fl_end;	/* bytes start..end, both included */
};

/* The kernel's form of struct flock and flock64 (the 64-bit ABIs' struct flock itself). */
struct flock64 {
	short l_type;
	short l_whence;
	loff_t l_start;
	loff_t l_len;
	pid_t l_pid;
};

long fcntl_getlk(struct file *f, unsigned int cmd, struct flock64 *fl);
long fcntl_setlk(struct file *f, unsigned int cmd, struct flock64 *fl);
/* close() of a descriptor by owner: its POSIX locks on the file go. */
void locks_remove_posix(struct file *f, fl_owner_t owner);
/* The last reference to an open file: its OFD and flock locks go. */
void locks_remove_file(struct file *f);

#endif
