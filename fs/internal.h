/* Between the files of fs/ (and mm/shmem.c, drivers/base/devtmpfs.c): the VFS core's own. */
#ifndef _FS_INTERNAL_H
#define _FS_INTERNAL_H

#include <linux/fs.h>
#include <linux/spinlock.h>

extern spinlock_t dcache_lock;
extern spinlock_t mount_lock;

/* super.c */
const struct file_system_type *get_fs_type(const char *name);
void deactivate_super(struct super_block *sb);
void kill_anon_super(struct super_block *sb);

/* dcache.c */
struct dentry *d_alloc_flags(struct dentry *parent, const char *name, unsigned int len,
			     unsigned int dflags);
void d_lookup_done(struct dentry *d);
/* The dcache's name hash, one byte at a time (the walk hashes a component as it scans it). */
static inline unsigned int name_hash_add(unsigned int h, unsigned char c)
{
	return (h + c) * 0x9e3779b1u;
}
unsigned int full_name_hash(const char *name, unsigned int len);
struct dentry *d_lookup_hash(struct dentry *parent, const char *name, unsigned int len,
			     unsigned int hash);
struct dentry *d_lookup_step(struct dentry *parent, const char *name, unsigned int len,
			     unsigned int hash, bool follow, bool *moved);
long dentry_count(void);		/* dentries alive (the ktests' leak check) */
int prepend_path(const struct path *p, const struct path *root, char *buf, int *pos);

/* namespace.c */
struct vfsmount *vfs_kern_mount(const struct file_system_type *t, int flags, const char *dev,
				const char *options);
struct vfsmount *lookup_mnt(const struct path *p);	/* the mount on p, held, or NULL */
bool follow_down(struct path *p);			/* cross mounts on p: true if any */
bool follow_up(struct path *p);				/* to the mount point of p's mount */
void init_mount_tree(void);
extern struct vfsmount *root_mnt;

/* fs_struct.c */
void current_root(struct path *root);	/* references taken */
void current_pwd(struct path *pwd);

/* open.c: a new open file for path (held by the caller; the file takes its own refs). */
struct file *do_dentry_open(const struct path *p, int flags, bool created);
int build_open_flags(int flags, umode_t mode, int *acc_mode);

/* namei.c */
struct file *do_filp_open(int dfd, const char *name, int flags, umode_t mode);
int vfs_create(struct inode *dir, struct dentry *d, umode_t mode);
int vfs_mkdir_internal(struct inode *dir, struct dentry *d, umode_t mode);

/* char_dev.c: devtmpfs's file system type */
extern struct file_system_type devtmpfs_fs_type;
void devtmpfs_init(void);

#endif
