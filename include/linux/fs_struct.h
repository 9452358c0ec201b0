/*
 * A process's place in the file tree: its root (chroot), its working directory (chdir) and
 * its umask. Threads created with CLONE_FS share one; fork copies it.
 *
 * Locking: fs->lock (a spinlock) guards root, pwd and umask; a reader takes a reference to
 * the path it wants (get_fs_root / get_fs_pwd) and uses it after unlocking. users is atomic.
 */
#ifndef _LINUX_FS_STRUCT_H
#define _LINUX_FS_STRUCT_H

#include <linux/fs.h>

struct fs_struct {
	int users;			/* tasks sharing it (atomic) */
	spinlock_t lock;
	int umask;
	struct path root, pwd;
};

extern struct fs_struct init_fs;	/* kernel threads' (and init's until it forks) */

struct fs_struct *copy_fs_struct(struct fs_struct *old);	/* fork: NULL out of memory */
void put_fs_struct(struct fs_struct *fs);			/* exit */
void get_fs_root(struct fs_struct *fs, struct path *root);	/* references taken */
void get_fs_pwd(struct fs_struct *fs, struct path *pwd);
void set_fs_root(struct fs_struct *fs, const struct path *p);	/* takes its own refs */
void set_fs_pwd(struct fs_struct *fs, const struct path *p);
int current_umask(void);

#endif
