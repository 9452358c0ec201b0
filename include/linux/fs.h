/*
 * The VFS: the objects every file system, device and pipe shares, shaped as Linux's.
 *
 *   super_block  one mounted file system instance (tmpfs at /, proc, devtmpfs, pipefs)
 *   inode        one file's metadata and its operations; tmpfs keeps the data in its pages
 *   dentry       one name in one directory, pointing at an inode (or at none: negative);
 *                the tree of dentries is the directory structure the path walk follows
 *   vfsmount     where a super_block is mounted (on a dentry of its parent mount)
 *   path         a (vfsmount, dentry) pair: a place in the mount tree
 *   file         an open file: an inode, its operations, the offset, the open flags
 *
 * Lifetimes: each object counts its references (i_count, d_count, mnt_count, f_count), taken
 * with iget/dget/mntget/get_file and dropped with iput/dput/mntput/fput. An inode lives while
 * a dentry or an open file points at it; its data goes when the last link (i_nlink) and the
 * last reference are gone, so an unlinked file stays readable through open descriptors.
 *
 * Locking (docs/files.md): inode->i_mutex guards a directory's children and a file's data
 * and size; the rename_mutex serialises renames (the only operation that moves dentries
 * between parents) and is taken before any i_mutex; two i_mutexes are taken parent before
 * child. Reference counts are atomic. dcache_lock (a spinlock, innermost) guards every
 * d_subdirs/d_child list and a dentry's count reaching zero; a name is added to or taken out
 * of a directory only with the directory's i_mutex held as well. inode->i_lock (a spinlock)
 * guards a tmpfs file's page array. namespace_sem (a mutex) serialises mount and umount;
 * mount_lock (a spinlock, taken before dcache_lock) guards the mount tree the walk reads.
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/time64.h>
#include <linux/errno.h>

/* File types and permission bits (Linux's st_mode). */
#define S_IFMT   0170000
#define S_IFSOCK 0140000
#define S_IFLNK  0120000
#define S_IFREG  0100000
#define S_IFBLK  0060000
#define S_IFDIR  0040000
#define S_IFCHR  0020000
#define S_IFIFO  0010000
#define S_ISUID  0004000
#define S_ISGID  0002000
#define S_ISVTX  0001000
#define S_IRWXUGO 00777
#define S_IALLUGO 07777
#define S_IRWXU 00700
#define S_IRUSR 00400
#define S_IWUSR 00200
#define S_IXUSR 00100
#define S_IRWXG 00070
#define S_IRGRP 00040
#define S_IWGRP 00020
#define S_IXGRP 00010
#define S_IRWXO 00007
#define S_IROTH 00004
#define S_IWOTH 00002
#define S_IXOTH 00001
#define S_ISREG(m)  (((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)  (((m) & S_IFMT) == S_IFDIR)
#define S_ISLNK(m)  (((m) & S_IFMT) == S_IFLNK)
#define S_ISCHR(m)  (((m) & S_IFMT) == S_IFCHR)
#define S_ISBLK(m)  (((m) & S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m) & S_IFMT) == S_IFIFO)
#define S_ISSOCK(m) (((m) & S_IFMT) == S_IFSOCK)

/* Permission masks for inode_permission(). */
#define MAY_EXEC	0x1
#define MAY_WRITE	0x2
#define MAY_READ	0x4
#define MAY_APPEND	0x8

/* Device numbers: Linux's kernel-internal dev_t (12-bit major, 20-bit minor). */
typedef u32 dev_t;
#define MINORBITS	20
#define MKDEV(ma, mi)	(((dev_t)(ma) << MINORBITS) | (mi))
#define MAJOR(dev)	((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev)	((unsigned int)((dev) & ((1U << MINORBITS) - 1)))

/* poll(2) events, as __poll_t bits (include/linux/poll.h has the rest of poll). */
typedef unsigned int __poll_t;
struct poll_table_struct;

#define NAME_MAX	255
#define PATH_MAX	4096
#define MAXSYMLINKS	40		/* links followed in one walk before ELOOP */
#define MAX_LFS_FILESIZE ((loff_t)0x7fffffffffffffffLL)

struct super_block;
struct inode;
struct dentry;
struct file;
struct vfsmount;
struct vm_area_struct;
struct kstat;
struct iattr;
struct kstatfs;
struct page;
struct pipe_inode_info;

struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

/* getdents: iterate() calls ctx->actor for each entry from ctx->pos on; a false return
 * (the user's buffer is full) stops it, and ctx->pos says where to resume. */
struct dir_context;
typedef bool (*filldir_t)(struct dir_context *ctx, const char *name, int namelen,
			  loff_t pos, u64 ino, unsigned int d_type);
struct dir_context {
	filldir_t actor;
	loff_t pos;
};
#define DT_UNKNOWN 0
#define DT_FIFO    1
#define DT_CHR     2
#define DT_DIR     4
#define DT_BLK     6
#define DT_REG     8
#define DT_LNK     10
#define DT_SOCK    12
static inline unsigned int fs_umode_to_dtype(umode_t mode)
{
	return (mode & S_IFMT) >> 12;
}

struct file_operations {
	loff_t (*llseek)(struct file *f, loff_t off, int whence);
	/* read/write at *pos and advance it; the caller handles f_pos (read/pread/readv) and
	 * has checked buf's range (vfs_read/vfs_write: access_ok) */
	ssize_t (*read)(struct file *f, char __user *buf, size_t len, loff_t *pos);
	ssize_t (*write)(struct file *f, const char __user *buf, size_t len, loff_t *pos);
	int (*iterate)(struct file *f, struct dir_context *ctx);	/* directories */
	__poll_t (*poll)(struct file *f, struct poll_table_struct *pt);
	long (*unlocked_ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	/* a 32-bit caller's ioctl (compat_sys_ioctl); NULL: ENOTTY for commands the generic
	 * code does not take (FIONREAD and the FIO* ones reach unlocked_ioctl either way) */
	long (*compat_ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	int (*mmap)(struct file *f, struct vm_area_struct *vma);
	int (*open)(struct inode *inode, struct file *f);	/* after the file is set up */
	int (*release)(struct inode *inode, struct file *f);	/* the last fput */
	int (*fsync)(struct file *f, int datasync);
	/* Optional: read and write with a kernel buffer (kernel_read, exec, sendfile); a file
	 * without them refuses those with -EINVAL, as Linux does a file it cannot splice. */
	ssize_t (*read_kernel)(struct file *f, void *buf, size_t len, loff_t *pos);
	ssize_t (*write_kernel)(struct file *f, const void *buf, size_t len, loff_t *pos);
	/* fallocate's work, after vfs_fallocate's checks, under i_mutex (fs/fallocate.c) */
	long (*fallocate)(struct file *f, int mode, loff_t offset, loff_t len);
};

struct inode_operations {
	/* Fill the negative dentry d (its name under dir) if the name exists: NULL, or an error. */
	struct dentry *(*lookup)(struct inode *dir, struct dentry *d, unsigned int flags);
	int (*create)(struct inode *dir, struct dentry *d, umode_t mode);
	int (*mkdir)(struct inode *dir, struct dentry *d, umode_t mode);
	int (*mknod)(struct inode *dir, struct dentry *d, umode_t mode, dev_t dev);
	int (*symlink)(struct inode *dir, struct dentry *d, const char *target);
	int (*link)(struct dentry *old, struct inode *dir, struct dentry *d);
	int (*unlink)(struct inode *dir, struct dentry *d);
	int (*rmdir)(struct inode *dir, struct dentry *d);
	int (*rename)(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
		      struct dentry *new, unsigned int flags);
	/* A symlink's target; procfs's magic links (/proc/self, fd/N) may instead set
	 * *jump to a path (held) to continue from and return NULL. readlink calls it with
	 * jump == NULL: then it returns the text readlink shows ("/bin/sh", "pipe:[123]"),
	 * which must stay valid while the dentry is held (or an ERR_PTR). */
	const char *(*get_link)(struct dentry *d, struct inode *inode, struct path *jump);
	/* readlink(2) of a link whose get_link jumps (procfs's fd/N, exe): copy its text (the
	 * path it names, "pipe:[N]") to buf, at most len bytes, no NUL; the count or -errno.
	 * NULL: readlink copies get_link's string. */
	int (*readlink)(struct dentry *d, char __user *buf, int len);
	int (*setattr)(struct dentry *d, struct iattr *attr);
	int (*getattr)(const struct path *p, struct kstat *st);
};

/* setattr's request (the vfsops engineer's chmod/chown/truncate/utimensat fill it). */
#define ATTR_MODE	(1 << 0)
#define ATTR_UID	(1 << 1)
#define ATTR_GID	(1 << 2)
#define ATTR_SIZE	(1 << 3)
#define ATTR_ATIME	(1 << 4)
#define ATTR_MTIME	(1 << 5)
#define ATTR_CTIME	(1 << 6)
struct iattr {
	unsigned int ia_valid;
	umode_t ia_mode;
	uid_t ia_uid;
	gid_t ia_gid;
	loff_t ia_size;
	struct timespec64 ia_atime, ia_mtime, ia_ctime;
};

/* What stat and statx report, filled by vfs_getattr() (include/linux/stat.h lays it out
 * for each ABI). */
struct kstat {
	u64 ino;
	dev_t dev, rdev;
	umode_t mode;
	unsigned int nlink;
	uid_t uid;
	gid_t gid;
	loff_t size;
	struct timespec64 atime, mtime, ctime;
	u64 blocks;			/* 512-byte units */
	u32 blksize;
};

/* statfs's answer, before each ABI's struct statfs/statfs64 layout. */
struct kstatfs {
	long f_type;
	long f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	u64 f_fsid;
	long f_namelen;
	long f_frsize;
	long f_flags;
};

struct super_operations {
	void (*evict_inode)(struct inode *inode);	/* the last reference to an unlinked inode */
	int (*statfs)(struct dentry *d, struct kstatfs *buf);
	void (*put_super)(struct super_block *sb);	/* after umount of the last mount */
	/* mount -o remount's new options (tmpfs: size=, nr_inodes=, ...): 0 or an errno. */
	int (*remount_fs)(struct super_block *sb, int flags, const char *options);
	/* The options /proc/mounts shows (into buf, NUL-terminated, at most len bytes). */
	void (*show_options)(struct super_block *sb, char *buf, int len);
};

/*
 * Dentries whose name can stop being true behind the VFS's back (procfs: /proc/<pid> after
 * the process is reaped). d_alloc copies sb->s_d_op into the new dentry's d_op.
 *   d_revalidate  the path walk asks before it uses a cached dentry: 1 still valid; 0 stale
 *                 (the walk unhashes it and calls ->lookup again); or -errno
 *   d_delete      dput asks when the count falls to 0: 1 free it now, not kept cached
 */
struct dentry_operations {
	int (*d_revalidate)(struct dentry *d, unsigned int flags);
	int (*d_delete)(const struct dentry *d);
};

#define SB_RDONLY	1

struct super_block {
	const struct file_system_type *s_type;
	const struct super_operations *s_op;
	struct dentry *s_root;
	unsigned long s_magic;			/* statfs's f_type (TMPFS_MAGIC, PROC_SUPER_MAGIC) */
	dev_t s_dev;				/* st_dev of its files: an anonymous 0:N */
	unsigned long s_flags;			/* SB_RDONLY */
	int s_active;				/* mounts of it */
	spinlock_t s_lock;			/* the counters below */
	unsigned long s_max_pages, s_used_pages;	/* tmpfs's size= limit (0: none) */
	unsigned long s_max_inodes, s_used_inodes;	/* tmpfs's nr_inodes= limit */
	unsigned long s_next_ino;
	const struct dentry_operations *s_d_op;	/* d_op of its dentries (NULL: none) */
	void *s_fs_info;
};

struct inode {
	umode_t i_mode;
	unsigned int i_nlink;
	uid_t i_uid;
	gid_t i_gid;
	unsigned long i_ino;
	dev_t i_rdev;				/* device files: the device */
	loff_t i_size;
	struct timespec64 i_atime, i_mtime, i_ctime;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;	/* copied into each file opened on it */
	struct super_block *i_sb;
	int i_count;				/* references (atomic): iget/iput */
	struct mutex i_mutex;			/* see the locking rules above */
	spinlock_t i_lock;			/* i_pages and i_npages */
	/* tmpfs: the root of the file's page index (mm/shmem.c's radix tree, i_npages levels
	 * high; a page absent is a hole and reads as zeroes). Use shmem_get_page(). */
	void *i_pages;
	unsigned long i_npages;
	unsigned long i_blocks;			/* 512-byte units held (stat's st_blocks) */
	const char *i_link;			/* a symlink's target (kmalloc'd) */
	struct pipe_inode_info *i_pipe;		/* a FIFO's or pipe's buffer */
	void *i_private;			/* the file system's (procfs: which pid and file) */
	/*
	 * Writers against runners (atomic, Linux's i_writecount): > 0 counts the files open
	 * for writing on a regular file (FMODE_WRITER), < 0 the holders that deny writing (an
	 * exec under way, each mm whose exe_file it is). Each side fails with ETXTBSY while
	 * the other holds it: get_write_access/put_write_access, deny_write_access/
	 * allow_write_access below.
	 */
	int i_writecount;
	struct list_head i_flock;		/* file locks (linux/filelock.h: file_lock_lock) */
};

#define DCACHE_MOUNTED	0x1			/* a mount sits on this dentry */
#define DCACHE_DELETED	0x2			/* unlinked: out of its parent's list */
#define DCACHE_PAR_LOOKUP 0x4			/* being looked up: d_lookup passes it by */

struct dentry {
	struct dentry *d_parent;		/* the root is its own parent */
	struct inode *d_inode;			/* NULL: a negative dentry (the name is absent) */
	struct super_block *d_sb;
	unsigned int d_flags;
	int d_count;				/* references (atomic): dget/dput */
	struct list_head d_child;		/* in d_parent->d_subdirs (parent's i_mutex) */
	struct dentry *d_hash_next;		/* the (parent, name) hash chain (dcache_lock) */
	struct dentry **d_hash_pprev;		/* NULL: not in the hash */
	unsigned int d_hashval;			/* full_name_hash() of d_name */
	struct list_head d_subdirs;		/* the children */
	unsigned int d_namelen;
	char *d_name;				/* NUL-terminated; d_iname when it fits */
	char d_iname[32];
	const struct dentry_operations *d_op;	/* from d_sb->s_d_op, or NULL */
	u64 d_dirpos;				/* its place in the parent's getdents order,
						 * set when it turns positive (dcache_lock) */
	u64 d_next_dirpos;			/* the last d_dirpos a child took (dcache_lock) */
	void *d_fsdata;
};

struct vfsmount {
	struct dentry *mnt_root;		/* the root of the mounted tree */
	struct super_block *mnt_sb;
	struct vfsmount *mnt_parent;		/* itself for the root mount */
	struct dentry *mnt_mountpoint;		/* where, in mnt_parent */
	struct list_head mnt_list;		/* in the mount table (mount_lock) */
	int mnt_count;				/* references (atomic) */
	int mnt_flags;				/* MNT_RDONLY, MNT_NOSUID, MNT_NODEV, MNT_NOEXEC */
	char *mnt_devname;			/* /proc/mounts's first field */
	char *mnt_options;			/* the file system's part of the fourth field */
};
#define MNT_NOSUID	0x01
#define MNT_NODEV	0x02
#define MNT_NOEXEC	0x04
#define MNT_NOATIME	0x08
#define MNT_NODIRATIME	0x10
#define MNT_RELATIME	0x20
#define MNT_RDONLY	0x40
#define MNT_ATIME_MASK	(MNT_NOATIME | MNT_NODIRATIME | MNT_RELATIME)
/* /proc/mounts: "ro"/"rw" and the MNT_ words from mnt_flags (relatime unless noatime or
 * strictatime), then mnt_options, the file system's own options as the file system writes
 * them ("size=1024k,mode=755" for a tmpfs), which may be "". */

struct file_system_type {
	const char *name;			/* mount's type, /proc/filesystems */
	bool nodev;				/* "nodev" in /proc/filesystems */
	/* A new super_block with its root for one mount, or an ERR_PTR. */
	struct super_block *(*mount)(const struct file_system_type *t, int flags,
				     const char *dev, const char *options);
	void (*kill_sb)(struct super_block *sb);
	struct file_system_type *next;
};
int register_filesystem(struct file_system_type *t);

/* fmode: what an open file may do, from its access mode (O_RDONLY, ...). */
typedef unsigned int fmode_t;
#define FMODE_READ	0x1
#define FMODE_WRITE	0x2
#define FMODE_LSEEK	0x4
#define FMODE_PREAD	0x8
#define FMODE_PWRITE	0x10
#define FMODE_PATH	0x20			/* O_PATH: no read, write or ioctl */
#define FMODE_EXEC	0x40
#define FMODE_WRITER	0x80			/* holds a write access of its inode (i_writecount) */

struct file {
	const struct file_operations *f_op;
	struct path f_path;			/* where it was opened (references held) */
	struct inode *f_inode;
	unsigned int f_flags;			/* open flags: O_APPEND, O_NONBLOCK, ... (f_lock) */
	fmode_t f_mode;
	loff_t f_pos;				/* the offset, shared across dup and fork */
	struct mutex f_pos_lock;		/* read/write/lseek of one file, in turn */
	spinlock_t f_lock;			/* f_flags changes (fcntl F_SETFL) */
	int f_count;				/* references (atomic): get_file/fput */
	void *private_data;			/* the driver's (a tty, a pipe end, a proc buffer) */
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

/*
 * An open file on inode (with the given path, references taken, or an empty path for a
 * file with no name: a pipe end, the initial console), fops, and open flags; calls
 * fops->open. The file, or an ERR_PTR. fput() releases it.
 */
struct file *alloc_file(const struct path *path, struct inode *inode,
			const struct file_operations *fops, unsigned int flags);
struct file *get_file(struct file *f);
void fput(struct file *f);

/* i_writecount (struct inode): one more writer, unless a program runs from it. */
static inline int get_write_access(struct inode *inode)
{
	int n = __atomic_load_n(&inode->i_writecount, __ATOMIC_RELAXED);

	do {
		if (n < 0)
			return -ETXTBSY;
	} while (!__atomic_compare_exchange_n(&inode->i_writecount, &n, n + 1, false,
					      __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
	return 0;
}

static inline void put_write_access(struct inode *inode)
{
	__atomic_fetch_sub(&inode->i_writecount, 1, __ATOMIC_RELEASE);
}

/* One more holder that keeps f's inode from being written, unless it is open for writing. */
static inline int deny_write_access(struct file *f)
{
	struct inode *inode = file_inode(f);
	int n = __atomic_load_n(&inode->i_writecount, __ATOMIC_RELAXED);

	do {
		if (n > 0)
			return -ETXTBSY;
	} while (!__atomic_compare_exchange_n(&inode->i_writecount, &n, n - 1, false,
					      __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
	return 0;
}

static inline void allow_write_access(struct file *f)
{
	__atomic_fetch_add(&file_inode(f)->i_writecount, 1, __ATOMIC_RELEASE);
}

/* f_op->mmap of files whose pages the mm maps directly (tmpfs): mm/filemap.c. */
int generic_file_mmap(struct file *file, struct vm_area_struct *vma);

/* Inodes and dentries. */
struct inode *new_inode(struct super_block *sb);	/* i_count 1, i_nlink 1, i_ino fresh */
struct inode *igrab(struct inode *inode);
void iput(struct inode *inode);
struct dentry *d_alloc(struct dentry *parent, const char *name, unsigned int len);
struct dentry *d_make_root(struct inode *root);
void d_instantiate(struct dentry *d, struct inode *inode);	/* takes the inode's reference */
struct dentry *dget(struct dentry *d);
void dput(struct dentry *d);
struct vfsmount *mntget(struct vfsmount *m);
void mntput(struct vfsmount *m);
void path_get(const struct path *p);
void path_put(const struct path *p);

struct inode *ihold(struct inode *inode);		/* another reference to a held inode */
void clear_nlink(struct inode *inode);
void drop_nlink(struct inode *inode);
void inc_nlink(struct inode *inode);
/* Device and FIFO inodes: i_fop by type (chrdev_open, pipefifo_fops, ENXIO for the rest). */
void init_special_inode(struct inode *inode, umode_t mode, dev_t rdev);
/* The child of parent named name (len bytes), with a reference, or NULL (not in the cache). */
struct dentry *d_lookup(struct dentry *parent, const char *name, unsigned int len);
/* Take d out of its directory (unlink, rmdir): later lookups miss it; holders keep it. */
void d_delete(struct dentry *d);
/* Unlinked (its name gone from the directory)? */
static inline bool d_unlinked(const struct dentry *d)
{
	return d->d_flags & DCACHE_DELETED;
}
/* Move d under new_parent as name (rename; the caller holds rename_mutex and both i_mutexes). */
int d_move(struct dentry *d, struct dentry *new_parent, const char *name, unsigned int len);
extern struct mutex rename_mutex;
/* The path of p from the current task's root into buf (filled from its end): a pointer into
 * buf, or ERR_PTR(-ENAMETOOLONG). An unlinked file ends in " (deleted)". */
char *d_path(const struct path *p, char *buf, int buflen);

/* Timestamps: the realtime clock, for i_atime/i_mtime/i_ctime. */
struct timespec64 current_time(struct inode *inode);
/* atime (fs/atime.c): a read or getdents marks the inode accessed by the mount's rules
 * (relatime, noatime, strictatime, nodiratime); O_NOATIME files never do. */
void touch_atime(const struct path *p);
void file_accessed(struct file *f);

/* Files: generic helpers file systems plug into their operations. */
loff_t generic_file_llseek(struct file *f, loff_t off, int whence);
loff_t no_llseek(struct file *f, loff_t off, int whence);	/* -ESPIPE */
/* A stream (pipe, socket, tty): no lseek, pread or pwrite (ESPIPE). Call from ->open or
 * after alloc_file. */
int stream_open(struct inode *inode, struct file *f);
int nonseekable_open(struct inode *inode, struct file *f);
ssize_t generic_read_dir(struct file *f, char __user *buf, size_t len, loff_t *pos); /* EISDIR */
int iterate_dir(struct file *f, struct dir_context *ctx);	/* getdents's step, locked */
/* Read from / write to the file at *pos inside the kernel (exec, the ELF loader). */
ssize_t kernel_read(struct file *f, void *buf, size_t len, loff_t *pos);
ssize_t kernel_write(struct file *f, const void *buf, size_t len, loff_t *pos);

/* read/write with Linux's checks (FMODE_*, EBADF, EINVAL, EFAULT) for one file at *pos. */
ssize_t vfs_read(struct file *f, char __user *buf, size_t count, loff_t *pos);
ssize_t vfs_write(struct file *f, const char __user *buf, size_t count, loff_t *pos);
/* stat's fields of p (i_op->getattr if the file system has one). */
int vfs_getattr(const struct path *p, struct kstat *st);
int vfs_statfs(const struct path *p, struct kstatfs *st);
int simple_statfs(struct dentry *d, struct kstatfs *buf);

/* The path walk (fs/namei.c). LOOKUP_* flags. */
#define LOOKUP_FOLLOW		0x0001	/* follow a final symlink */
#define LOOKUP_DIRECTORY	0x0002	/* the last component must be a directory */
#define LOOKUP_EMPTY		0x4000	/* "" names the starting point (AT_EMPTY_PATH) */
/*
 * For the calls that change a directory (mkdir, unlink, rename, ...): walk name to its
 * parent directory and find the last component there. On success *parent is held, its
 * inode's i_mutex is locked, and the returned dentry (positive or negative, a reference
 * held) is the last component; *type says if the last component was a plain name (LAST_NORM)
 * or ".", "..", "/" (the caller refuses those with its own errno). done_path_create()
 * undoes it. Errors are an ERR_PTR (the walk's ENOENT, ENOTDIR, ELOOP, EACCES on search,
 * ENAMETOOLONG). LOOKUP_FOLLOW is ignored for the last component (it is never followed).
 */
#define LAST_NORM	0
#define LAST_ROOT	1
#define LAST_DOT	2
#define LAST_DOTDOT	3
struct dentry *lookup_at_parent_locked(int dfd, const char __user *name, unsigned int flags,
				       struct path *parent, int *type);
struct dentry *kern_lookup_at_parent_locked(int dfd, const char *name, unsigned int flags,
					    struct path *parent, int *type);
void done_path_create(struct path *parent, struct dentry *d);
/* Look name up in dir (its i_mutex held by the caller): a held dentry or an ERR_PTR. */
struct dentry *lookup_one_len(const char *name, struct dentry *dir, unsigned int len);
/* The mount is read-only: -EROFS, else 0 (write access to something on it). */
int mnt_want_write(struct vfsmount *m);
/*
 * A path copied from user memory (fs/getname.c): name is NUL-terminated, len bytes long,
 * less than PATH_MAX; short names live in iname, inside the same object. getname_flags
 * takes LOOKUP_EMPTY to allow "". An ERR_PTR on failure; putname frees (NULL and ERR_PTRs
 * too).
 */
struct filename {
	const char *name;
	unsigned int len;
	char iname[];
};
struct filename *getname(const char __user *uname);
struct filename *getname_flags(const char __user *uname, unsigned int flags);
void putname(struct filename *f);
/* Resolve a kernel string relative to dfd (AT_FDCWD or a directory fd): 0 and *path held. */
int kern_path_at(int dfd, const char *name, unsigned int flags, struct path *path);
int user_path_at(int dfd, const char __user *name, unsigned int flags, struct path *path);
/* Open a kernel path (exec, init's /dev/console): the file or an ERR_PTR. */
struct file *filp_open(const char *name, int flags, umode_t mode);
int inode_permission(struct inode *inode, int mask);	/* 0 or -EACCES / -EROFS */
/* The mode bits alone (no read-only check): owner, group (+supplementary), other; root
 * passes as Linux's CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH let it. */
int generic_permission(struct inode *inode, int mask);
bool inode_owner_or_capable(const struct inode *inode);
/* A file created in dir with mode: S_ISGID dropped where Linux drops it (fs/inode.c). */
umode_t mode_strip_sgid(const struct inode *dir, umode_t mode);
/* Open f's path again as a new file (open flags as open's; the mode for O_CREAT). */
struct file *dentry_open(const struct path *p, int flags);
/* The tmpfs root, devtmpfs and the rest of the boot-time file systems (init/). */
void vfs_caches_init(void);
/* Mounts, for /proc/mounts: fn for each mount in mount order, namespace_sem held (fn may
 * sleep but must not mount). A nonzero return stops the walk and is returned. The mount
 * point's path comes from d_path(&(struct path){ m->mnt_parent, m->mnt_mountpoint }) —
 * mnt_path() does that. */
int iterate_mounts(int (*fn)(struct vfsmount *m, void *arg), void *arg);
char *mnt_path(struct vfsmount *m, char *buf, int buflen);
/* Registered file system types, for /proc/filesystems (registration order). */
int iterate_filesystems(int (*fn)(const struct file_system_type *t, void *arg), void *arg);
/* An anonymous device number 0:N for a super_block (procfs, pipefs), and its release. */
int get_anon_bdev(dev_t *dev);
void free_anon_bdev(dev_t dev);
/* A super_block of type t with no files yet (s_dev anonymous), or an ERR_PTR. */
struct super_block *sget_anon(const struct file_system_type *t);

/* FIFOs: the pipe engineer's open of a FIFO inode (fs/pipe.c). Until it is there a weak
 * default in fs/char_dev.c refuses the open with -ENXIO. */
extern const struct file_operations pipefifo_fops;
/* Character devices: the table's open (picks the driver's operations by i_rdev). */
extern const struct file_operations def_chr_fops;
int chrdev_open(struct inode *inode, struct file *f);

/*
 * The metadata calls (fs/attr.c, fs/utimes.c, fs/truncate.c): notify_change() is called
 * with the inode's i_mutex held; it turns the KILL bits into a mode change, stamps the
 * times, applies setattr_prepare()'s permission rules and then calls i_op->setattr (or
 * setattr_copy() for a file system without one). ATTR_SIZE is the file system's to carry
 * out (tmpfs frees the pages).
 */
#define ATTR_ATIME_SET	(1 << 7)	/* ia_atime as given, not now */
#define ATTR_MTIME_SET	(1 << 8)
#define ATTR_FORCE	(1 << 9)	/* no permission checks (the kernel's own changes) */
#define ATTR_KILL_SUID	(1 << 11)
#define ATTR_KILL_SGID	(1 << 12)
#define ATTR_TIMES_SET	(1 << 16)	/* explicit times: the owner only */
#define ATTR_TOUCH	(1 << 17)	/* times set to now: any writer */
int notify_change(struct dentry *d, struct iattr *attr);
int setattr_prepare(struct dentry *d, struct iattr *attr);
void setattr_copy(struct inode *inode, const struct iattr *attr);
int simple_setattr(struct dentry *d, struct iattr *attr);
int inode_newsize_ok(const struct inode *inode, loff_t size);
int generic_write_check_limits(struct file *f, loff_t pos, size_t *count);
/* fallocate (fs/fallocate.c) */
#include <uapi/linux/falloc.h>
#define FALLOC_FL_SUPPORTED_MASK (FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE | \
	FALLOC_FL_NO_HIDE_STALE | FALLOC_FL_COLLAPSE_RANGE | FALLOC_FL_ZERO_RANGE | \
	FALLOC_FL_INSERT_RANGE | FALLOC_FL_UNSHARE_RANGE)
int vfs_fallocate(struct file *f, int mode, loff_t offset, loff_t len);
long ksys_fallocate(int fd, int mode, loff_t offset, loff_t len);
/* write(2)'s duty (i_mutex held): an unprivileged write takes set-user-ID (and set-group-ID
 * with group execute) away, as Linux's file_remove_privs(). 0 or an error. */
int file_remove_privs(struct file *f);
/* The ATTR_KILL_SUID/ATTR_KILL_SGID bits a change of inode's data by the caller must add
 * (with ATTR_FORCE: the writer need not own the file), or 0. */
unsigned int privs_to_remove(const struct inode *inode);
int vfs_truncate(const struct path *path, loff_t length);
long do_sys_truncate(const char __user *pathname, loff_t length);
long do_sys_open(int dfd, const char __user *filename, int flags, umode_t mode);
long do_sys_ftruncate(unsigned int fd, loff_t length, int small);
/* statfs's f_flags (vfs_statfs adds them from the mount). */
#define ST_RDONLY	0x0001
#define ST_NOSUID	0x0002
#define ST_NODEV	0x0004
#define ST_NOEXEC	0x0008
#define ST_VALID	0x0020
/* statfs64/fstatfs64 of the 32-bit ABIs: sz must be the layout's size (arm's entry maps
 * OABI's 84 to EABI's 88 first). */
long kcompat_sys_statfs64(const char __user *pathname, u32 sz, void __user *buf);
long kcompat_sys_fstatfs64(unsigned int fd, u32 sz, void __user *buf);
/*
 * Directory changes (fs/dirops.c): each called with dir's i_mutex held and d looked up
 * under it; they check Linux's rules (may_create, may_delete, the sticky bit, mount
 * points) and call dir's inode_operations, which update the dentry tree.
 */
int vfs_mkdir(struct inode *dir, struct dentry *d, umode_t mode);
int vfs_mknod(struct inode *dir, struct dentry *d, umode_t mode, dev_t dev);
int vfs_symlink(struct inode *dir, struct dentry *d, const char *target);
int vfs_link(struct dentry *old, struct inode *dir, struct dentry *d);
int vfs_unlink(struct inode *dir, struct dentry *d);
int vfs_rmdir(struct inode *dir, struct dentry *d);
int vfs_rename(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
	       struct dentry *new, unsigned int flags);

/* Character devices: major (and a range of minors) to operations, for device inodes. */
int register_chrdev_region(unsigned int major, unsigned int baseminor, unsigned int count,
			   const char *name, const struct file_operations *fops);
/* devtmpfs: make /dev/<name> (at boot, before or after /dev is mounted). */
int devtmpfs_create_node(const char *name, umode_t mode, dev_t dev);

/* Boot: unpack_initramfs() and its status are in linux/initramfs.h. */
#include <linux/initramfs.h>

#endif
