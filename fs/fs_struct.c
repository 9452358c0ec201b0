// SPDX-License-Identifier: GPL-2.0
/*
 * Per-process root, working directory and umask (linux/fs_struct.h): fork's copy, CLONE_FS
 * sharing, exit's release, and the calls that change them: chdir, fchdir, chroot, umask,
 * getcwd.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/fs_struct.h>
#include <linux/fdtable.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/uaccess.h>
#include <linux/syscalls.h>
#include <linux/fcntl.h>
#include "internal.h"

struct fs_struct init_fs = {
	.users = 1,
	.lock = __SPIN_LOCK_UNLOCKED(init_fs.lock),
	.umask = 0022,
};

struct fs_struct *copy_fs_struct(struct fs_struct *old)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);
	unsigned long flags;

	if (!fs)
		return NULL;
	fs->users = 1;
	spin_lock_init(&fs->lock);
	spin_lock_irqsave(&old->lock, flags);
	fs->umask = old->umask;
	fs->root = old->root;
	fs->pwd = old->pwd;
	if (fs->root.dentry)
		path_get(&fs->root);
	if (fs->pwd.dentry)
		path_get(&fs->pwd);
	spin_unlock_irqrestore(&old->lock, flags);
	return fs;
}

void put_fs_struct(struct fs_struct *fs)
{
	if (!fs || __atomic_sub_fetch(&fs->users, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	if (fs == &init_fs)
		return;
	if (fs->root.dentry)
		path_put(&fs->root);
	if (fs->pwd.dentry)
		path_put(&fs->pwd);
	kfree(fs);
}

void get_fs_root(struct fs_struct *fs, struct path *root)
{
	unsigned long flags;

	spin_lock_irqsave(&fs->lock, flags);
	*root = fs->root;
	path_get(root);
	spin_unlock_irqrestore(&fs->lock, flags);
}

void get_fs_pwd(struct fs_struct *fs, struct path *pwd)
{
	unsigned long flags;

	spin_lock_irqsave(&fs->lock, flags);
	*pwd = fs->pwd;
	path_get(pwd);
	spin_unlock_irqrestore(&fs->lock, flags);
}

static struct fs_struct *cur_fs(void)
{
	return current->fs ? current->fs : &init_fs;
}

void current_root(struct path *root)
{
	get_fs_root(cur_fs(), root);
}

void current_pwd(struct path *pwd)
{
	get_fs_pwd(cur_fs(), pwd);
}

static void set_path(struct fs_struct *fs, struct path *slot, const struct path *p)
{
	struct path old;
	unsigned long flags;

	path_get(p);
	spin_lock_irqsave(&fs->lock, flags);
	old = *slot;
	*slot = *p;
	spin_unlock_irqrestore(&fs->lock, flags);
	if (old.dentry)
		path_put(&old);
}

void set_fs_root(struct fs_struct *fs, const struct path *p)
{
	set_path(fs, &fs->root, p);
}

void set_fs_pwd(struct fs_struct *fs, const struct path *p)
{
	set_path(fs, &fs->pwd, p);
}

int current_umask(void)
{
	return __atomic_load_n(&cur_fs()->umask, __ATOMIC_RELAXED);
}

SYSCALL_DEFINE1(umask, int, mask)
{
	struct fs_struct *fs = cur_fs();

	return __atomic_exchange_n(&fs->umask, mask & S_IRWXUGO, __ATOMIC_RELAXED);
}

/* A directory may become the working directory when it can be searched. A file with no
 * name (a pipe end, the console) has no dentry: it is no directory (Linux: ENOTDIR). */
static int may_chdir(const struct path *p)
{
	if (!p->dentry || !S_ISDIR(p->dentry->d_inode->i_mode))
		return -ENOTDIR;
	return inode_permission(p->dentry->d_inode, MAY_EXEC);
}

SYSCALL_DEFINE1(chdir, const char __user *, filename)
{
	struct path p;
	int err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	if (err)
		return err;
	err = may_chdir(&p);
	if (!err)
		set_fs_pwd(cur_fs(), &p);
	path_put(&p);
	return err;
}

SYSCALL_DEFINE1(fchdir, unsigned int, fd)
{
	struct file *f = fget(fd);
	int err;

	if (!f)
		return -EBADF;
	err = may_chdir(&f->f_path);
	if (!err)
		set_fs_pwd(cur_fs(), &f->f_path);
	fput(f);
	return err;
}

SYSCALL_DEFINE1(chroot, const char __user *, filename)
{
	struct path p;
	int err = user_path_at(AT_FDCWD, filename, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	if (err)
		return err;
	err = may_chdir(&p);
	if (!err && !capable(CAP_SYS_CHROOT))
		err = -EPERM;
	if (!err)
		set_fs_root(cur_fs(), &p);
	path_put(&p);
	return err;
}

/*
 * getcwd: the working directory's path from the root, at most size bytes with its NUL
 * (ERANGE when it does not fit); ENOENT when it was removed; a directory the root is not
 * above (after a chroot below it) is "(unreachable)" followed by its path from the top.
 */
SYSCALL_DEFINE2(getcwd, char __user *, buf, unsigned long, size)
{
	char *page = kmalloc(PATH_MAX, GFP_KERNEL);
	struct path pwd, root;
	int pos = PATH_MAX, ret;
	long len;

	if (!page)
		return -ENOMEM;
	current_pwd(&pwd);
	current_root(&root);
	ret = -ENOENT;
	if (d_unlinked(pwd.dentry))
		goto out;
	page[--pos] = '\0';
	ret = prepend_path(&pwd, &root, page, &pos);
	if (ret == 1) {
		if (pos < 13) {
			ret = -ENAMETOOLONG;
			goto out;
		}
		pos -= 13;
		memcpy(page + pos, "(unreachable)", 13);
	} else if (ret < 0) {
		goto out;
	}
	len = PATH_MAX - pos;
	ret = -ERANGE;
	if (len > (long)size)
		goto out;
	ret = copy_to_user(buf, page + pos, len) ? -EFAULT : len;
out:
	path_put(&pwd);
	path_put(&root);
	kfree(page);
	return ret;
}
