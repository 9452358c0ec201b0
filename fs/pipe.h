/* Between fs/pipe.c (the buffer and the ends) and fs/pipefs.c (anonymous pipes' inodes). */
#ifndef _FS_PIPE_H
#define _FS_PIPE_H

#include <linux/pipe_fs_i.h>

/* The open flags pipes look at (Linux's values; O_DIRECT is arm's and arm64's own). */
#ifndef O_WRONLY
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK	00004000
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC	02000000
#endif
#ifndef O_DIRECT
#ifdef CONFIG_ARM64
#define O_DIRECT	00200000
#else
#define O_DIRECT	00040000
#endif
#endif
#define O_NOTIFICATION_PIPE	00000200	/* O_EXCL: a watch-queue pipe */
#define FIONREAD	0x541B

extern const struct file_operations pipe_fops;	/* an anonymous pipe's ends */

/* Per-user charging (fs/pipe_account.c): Linux's default sysctls. */
#define PIPE_USER_PAGES_SOFT	(PIPE_DEF_BUFFERS * 1024)	/* fs.pipe-user-pages-soft */
#define PIPE_USER_PAGES_HARD	0				/* fs.pipe-user-pages-hard: off */
#define PIPE_MIN_DEF_BUFFERS	2		/* a new pipe's slots past the soft limit */
struct pipe_user *pipe_user_get(void);
void pipe_user_put(struct pipe_user *u);
unsigned long account_pipe_buffers(struct pipe_user *u, unsigned long old, unsigned long new);
bool too_many_pipe_buffers_soft(unsigned long user_bufs);
bool too_many_pipe_buffers_hard(unsigned long user_bufs);
bool pipe_is_unprivileged_user(void);

/* A new pipe charged to the caller's real uid, or NULL (no memory). */
struct pipe_inode_info *alloc_pipe_info(void);
void free_pipe_info(struct pipe_inode_info *pipe);
void pipe_get_files(struct pipe_inode_info *pipe, unsigned int n);

#endif
