// SPDX-License-Identifier: GPL-2.0
/*
 * pipefs: the pseudo file system of anonymous pipes, and the pipe/pipe2 calls.
 *
 * Every pipe gets an inode here (S_IFIFO, mode 0600, the caller's uid and gid, a fresh
 * inode number), so fstat on either end says "a FIFO on pipefs" and /proc/<pid>/fd/N reads
 * "pipe:[ino]" (pipefs_dname). pipefs is never mounted and has no names: its files have an
 * empty path. The inode lives while either end is open (each end's file holds a reference,
 * taken by alloc_file and dropped by fput).
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/pipe_fs_i.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/syscalls.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include <linux/err.h>
#include "pipe.h"

#define PIPEFS_MAGIC	0x50495045

/* Listed in /proc/filesystems as Linux lists it; never mountable from user space. */
static struct super_block *pipefs_mount(const struct file_system_type *t, int flags,
				       const char *dev, const char *options)
{
	return ERR_PTR(-EINVAL);
}

static struct file_system_type pipefs_type = {
	.name = "pipefs",
	.nodev = true,
	.mount = pipefs_mount,
};

static struct super_block *pipefs_sb;	/* set once at boot (pipefs_init), then read-only */

static struct inode *get_pipe_inode(void)
{
	struct inode *inode = new_inode(pipefs_sb);
	struct pipe_inode_info *pipe;

	if (!inode)
		return NULL;
	pipe = alloc_pipe_info();
	if (!pipe) {
		iput(inode);
		return NULL;
	}
	pipe->readers = pipe->writers = 1;
	pipe->files = 2;
	inode->i_pipe = pipe;
	inode->i_fop = &pipe_fops;
	inode->i_mode = S_IFIFO | 0600;
	inode->i_uid = current->cred.fsuid;
	inode->i_gid = current->cred.fsgid;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	return inode;
}

int pipefs_dname(struct file *f, char *buf, int size)
{
	struct inode *inode = file_inode(f);

	if (!inode || inode->i_sb != pipefs_sb)
		return 0;
	return snprintf(buf, size, "pipe:[%lu]", inode->i_ino);
}

/*
 * The two ends: res[0] reads, res[1] writes; each file holds its own reference to the inode
 * (alloc_file), and new_inode's is dropped here. O_NONBLOCK and O_DIRECT apply to both.
 */
static int create_pipe_files(struct file **res, int flags)
{
	struct inode *inode = get_pipe_inode();
	struct path nopath = { NULL, NULL };
	struct pipe_inode_info *pipe;
	struct file *f;

	if (!inode)
		return -ENFILE;
	pipe = inode->i_pipe;
	f = alloc_file(&nopath, inode, &pipe_fops, O_WRONLY | (flags & (O_NONBLOCK | O_DIRECT)));
	if (IS_ERR(f)) {
		inode->i_pipe = NULL;
		free_pipe_info(pipe);
		iput(inode);
		return PTR_ERR(f);
	}
	f->private_data = pipe;
	res[1] = f;
	f = alloc_file(&nopath, inode, &pipe_fops, O_RDONLY | (flags & O_NONBLOCK));
	if (IS_ERR(f)) {
		/* The write end's release frees the pipe (no reader was ever counted). */
		pipe->readers = 0;
		pipe->files = 1;
		fput(res[1]);
		iput(inode);
		return PTR_ERR(f);
	}
	f->private_data = pipe;
	res[0] = f;
	iput(inode);
	return 0;
}

/* pipe2: both descriptors, or none (a failure after the first is installed closes it). */
static int do_pipe2(int __user *fildes, int flags)
{
	struct file *files[2] = { NULL, NULL };
	int fd[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT | O_NOTIFICATION_PIPE))
		return -EINVAL;
	if (flags & O_NOTIFICATION_PIPE)
		return -ENOPKG;		/* Linux without CONFIG_WATCH_QUEUE */
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	fd[0] = fd_install_lowest(files[0], 0, flags & O_CLOEXEC);
	if (fd[0] < 0) {
		fput(files[0]);
		fput(files[1]);
		return fd[0];
	}
	fd[1] = fd_install_lowest(files[1], 0, flags & O_CLOEXEC);
	if (fd[1] < 0) {
		close_fd(fd[0]);
		fput(files[1]);
		return fd[1];
	}
	if (copy_to_user(fildes, fd, sizeof(fd))) {
		close_fd(fd[0]);
		close_fd(fd[1]);
		return -EFAULT;
	}
	return 0;
}

SYSCALL_DEFINE2(pipe2, int __user *, fildes, int, flags)
{
	return do_pipe2(fildes, flags);
}

SYSCALL_DEFINE1(pipe, int __user *, fildes)
{
	return do_pipe2(fildes, 0);
}

/* Boot (after vfs_caches_init): pipefs's super_block, with an anonymous st_dev. */
void pipefs_init(void)
{
	struct super_block *sb = sget_anon(&pipefs_type);

	if (IS_ERR(sb))
		panic("pipefs: no super_block (%ld)", PTR_ERR(sb));
	sb->s_magic = PIPEFS_MAGIC;
	sb->s_active = 1;
	pipefs_sb = sb;
	register_filesystem(&pipefs_type);
}
