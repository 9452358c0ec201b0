// SPDX-License-Identifier: GPL-2.0
/*
 * tmpfs: a file system in memory (Linux's shmem). Regular files keep their data in pages
 * (inode->i_pages, a radix tree of the pages present; a page absent is a hole and reads as
 * zeroes); a
 * directory's entries are its dentry children, each held by tmpfs from creation to unlink;
 * symlinks keep their target in i_link; device nodes and FIFOs open through
 * init_special_inode's operations. The root file system is a tmpfs, and so is devtmpfs.
 *
 * Limits (mount options, as Linux's): size= in bytes (k, m, g suffixes or a % of memory)
 * bounds the pages all files hold, nr_inodes= the files; past them, ENOSPC. Without them a
 * tmpfs may take half of memory, as Linux's default. Pages go back when a file is cut
 * (truncate) and when its last link and last open file are gone (evict).
 *
 * Locking: a directory's i_mutex for its entries (the VFS takes it around these
 * operations); a file's i_mutex for writes and size changes; inode->i_lock for the page
 * array (shmem_get_page may be called from a page fault, which must not wait on i_mutex
 * held by a write copying from the same mapping); sb->s_lock for the counters.
 */
#include <linux/kernel.h>
#include <linux/fs.h>
#include <linux/shmem_fs.h>
#include <linux/fs_struct.h>
#include <linux/fcntl.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/sched.h>
#include <linux/cred.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/uaccess.h>
#include "../fs/internal.h"

#define BOGO_DIRENT_SIZE 20		/* a directory's i_size grows this much per entry */
#define SHORT_SYMLINK_LEN 128		/* longer symlink bodies take a page, as Linux's */

struct shmem_sb_info {
	umode_t mode;
	uid_t uid;
	gid_t gid;
	bool size_set, inodes_set;
	bool inode32;		/* mount -o inode32: /proc/mounts says so (numbers fit anyway) */
};

static const struct inode_operations shmem_dir_inode_operations;
static const struct inode_operations shmem_inode_operations;
static const struct inode_operations shmem_symlink_inode_operations;
static const struct inode_operations shmem_special_inode_operations;
static const struct file_operations shmem_file_operations;
static const struct file_operations shmem_dir_operations;
static const struct super_operations shmem_ops;

bool is_shmem_inode(const struct inode *inode)
{
	return inode->i_sb && inode->i_sb->s_op == &shmem_ops;
}

/* ---- accounting ----------------------------------------------------------------------- */

static bool charge(struct super_block *sb, unsigned long *used, unsigned long max, long n)
{
	unsigned long flags;
	bool ok = true;

	spin_lock_irqsave(&sb->s_lock, flags);
	if (n > 0 && max && *used + n > max)
		ok = false;
	else
		*used += n;
	spin_unlock_irqrestore(&sb->s_lock, flags);
	return ok;
}

/* ---- pages ---------------------------------------------------------------------------- */

/*
 * A file's page index: a radix tree of small nodes (SHMEM_SLOTS pointers each) rooted at
 * inode->i_pages, inode->i_npages levels high (0: no page at all). A leaf node's slots are
 * pages, an inner node's are nodes. Nodes exist only on the paths to pages present and go
 * when they empty, so the index costs at most i_npages nodes per page present: a file
 * written at one offset near MAX_LFS_FILESIZE holds one page and 9 nodes of 512 bytes, not
 * an array sized by the offset. The node memory is not counted in size= (Linux counts
 * neither: a tmpfs of size=64k holds 64 KiB of data); it is bounded by the pages it indexes.
 * All of it under inode->i_lock; nodes are allocated before taking it.
 */
#define SHMEM_SHIFT	6
#define SHMEM_SLOTS	(1UL << SHMEM_SHIFT)
#define SHMEM_MAX_INDEX	((unsigned long)(MAX_LFS_FILESIZE >> PAGE_SHIFT))	/* last page */
#define SHMEM_MAX_HEIGHT ((64 - PAGE_SHIFT + SHMEM_SHIFT - 1) / SHMEM_SHIFT)

struct shmem_node {
	void *slot[SHMEM_SLOTS];
};

/* The highest index a tree of this height can hold, plus one (0 when it covers all). */
static unsigned long tree_span(unsigned long height)
{
	return height * SHMEM_SHIFT >= 8 * sizeof(long) ? 0 : 1UL << (height * SHMEM_SHIFT);
}

static bool tree_covers(const struct inode *inode, unsigned long index)
{
	unsigned long span = tree_span(inode->i_npages);

	return !span || index < span;
}

/* The page at index, or NULL (i_lock held). A tree of height h holds the indexes below
 * 2^(6h); the shift test needs no tree_span (this is every cached read's lookup). */
static inline struct page *tree_lookup(const struct inode *inode, unsigned long index)
{
	struct shmem_node *n = inode->i_pages;
	unsigned long h = inode->i_npages;

	if (!n || (h * SHMEM_SHIFT < 8 * sizeof(long) && (index >> (h * SHMEM_SHIFT))))
		return NULL;
	while (--h)
		if (!(n = n->slot[(index >> (h * SHMEM_SHIFT)) & (SHMEM_SLOTS - 1)]))
			return NULL;
	return n->slot[index & (SHMEM_SLOTS - 1)];
}

/* Put page at index (i_lock held), taking the nodes it lacks from spare[0..*nspare).
 * False when the spares ran out: then the tree may have grown taller or gained empty nodes
 * on the way, which is harmless (lookups pass them, shmem_free_from frees them). */
static bool tree_insert(struct inode *inode, unsigned long index, struct page *page,
			struct shmem_node **spare, unsigned int *nspare)
{
	struct shmem_node *n;
	void **slot;

	if (!inode->i_pages) {
		if (!*nspare)
			return false;
		inode->i_pages = spare[--*nspare];
		inode->i_npages = 1;
	}
	while (!tree_covers(inode, index)) {
		struct shmem_node *root;

		if (!*nspare)
			return false;
		root = spare[--*nspare];
		root->slot[0] = inode->i_pages;
		inode->i_pages = root;
		inode->i_npages++;
	}
	n = inode->i_pages;
	for (unsigned long h = inode->i_npages; --h; ) {
		slot = &n->slot[(index >> (h * SHMEM_SHIFT)) & (SHMEM_SLOTS - 1)];
		if (!*slot) {
			if (!*nspare)
				return false;
			*slot = spare[--*nspare];
		}
		n = *slot;
	}
	n->slot[index & (SHMEM_SLOTS - 1)] = page;
	return true;
}

/* Drop the pages from index start on under node n of height h covering base..; frees the
 * nodes that empty. Returns the pages dropped; *empty says whether n emptied (and went).
 * The recursion is at most SHMEM_MAX_HEIGHT deep. */
static long tree_free(struct shmem_node *n, unsigned long h, unsigned long base,
		      unsigned long start, bool *empty)
{
	unsigned long step = h > 1 ? 1UL << ((h - 1) * SHMEM_SHIFT) : 1;
	long freed = 0;
	bool any = false;

	for (unsigned long i = 0; i < SHMEM_SLOTS; i++) {
		unsigned long lo = base + i * step;
		bool gone = false;

		if (!n->slot[i])
			continue;
		if (h == 1) {
			if (lo >= start) {
				put_page(n->slot[i]);
				n->slot[i] = NULL;
				freed++;
				continue;
			}
		} else if (lo + (step - 1) >= start) {
			freed += tree_free(n->slot[i], h - 1, lo, start, &gone);
			if (gone) {
				n->slot[i] = NULL;
				continue;
			}
		}
		any = true;
	}
	*empty = !any;
	if (!any)
		kfree(n);
	return freed;
}

struct page *shmem_get_page(struct inode *inode, unsigned long index, bool create)
{
	struct shmem_node *spare[SHMEM_MAX_HEIGHT];
	struct super_block *sb = inode->i_sb;
	unsigned int nspare = 0;
	struct page *page, *have;
	unsigned long flags;
	void *addr;

	spin_lock_irqsave(&inode->i_lock, flags);
	page = tree_lookup(inode, index);
	if (page)
		get_page(page);
	spin_unlock_irqrestore(&inode->i_lock, flags);
	if (page || !create)
		return page;
	if (index > SHMEM_MAX_INDEX)
		return ERR_PTR(-EFBIG);
	if (!charge(sb, &sb->s_used_pages, sb->s_max_pages, 1))
		return ERR_PTR(-ENOSPC);
	addr = get_zeroed_page();
	if (!addr) {
		charge(sb, &sb->s_used_pages, 0, -1);
		return ERR_PTR(-ENOMEM);
	}
	page = virt_to_page(addr);	/* its one reference is the file's */
	spin_lock_irqsave(&inode->i_lock, flags);
	for (;;) {
		have = tree_lookup(inode, index);
		if (have)
			break;
		if (tree_insert(inode, index, page, spare, &nspare)) {
			inode->i_blocks += PAGE_SIZE / 512;
			have = page;
			page = NULL;
			break;
		}
		if (nspare)		/* cannot happen: a full set covers any path */
			break;
		/* Nodes are allocated without i_lock: a whole path's worth, then retry. */
		spin_unlock_irqrestore(&inode->i_lock, flags);
		while (nspare < SHMEM_MAX_HEIGHT) {
			struct shmem_node *n = kzalloc(sizeof(*n), GFP_KERNEL);

			if (!n)
				break;
			spare[nspare++] = n;
		}
		spin_lock_irqsave(&inode->i_lock, flags);
		if (nspare < SHMEM_MAX_HEIGHT)
			break;
	}
	if (have)
		get_page(have);
	spin_unlock_irqrestore(&inode->i_lock, flags);
	while (nspare)
		kfree(spare[--nspare]);
	if (page) {			/* another task filled the hole first, or no memory */
		put_page(page);
		charge(sb, &sb->s_used_pages, 0, -1);
	}
	return have ? have : ERR_PTR(-ENOMEM);
}

/* Drop every page from index start on (the file's reference; mappings keep theirs) and the
 * index nodes that empty. */
static void shmem_free_from(struct inode *inode, unsigned long start)
{
	struct super_block *sb = inode->i_sb;
	unsigned long flags;
	long freed = 0;
	bool empty = false;

	spin_lock_irqsave(&inode->i_lock, flags);
	if (inode->i_pages && tree_covers(inode, start)) {
		freed = tree_free(inode->i_pages, inode->i_npages, 0, start, &empty);
		if (empty) {
			inode->i_pages = NULL;
			inode->i_npages = 0;
		}
		inode->i_blocks -= freed * (PAGE_SIZE / 512);
	}
	spin_unlock_irqrestore(&inode->i_lock, flags);
	if (freed)
		charge(sb, &sb->s_used_pages, 0, -freed);
}

/* Cut or extend to size (i_mutex held): pages past the end go, the last one's tail is
 * zeroed so that growing the file again shows zeroes. */
static void shmem_truncate(struct inode *inode, loff_t size)
{
	if (size < inode->i_size) {
		unsigned long keep = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
		unsigned long off = size & (PAGE_SIZE - 1);

		shmem_free_from(inode, keep);
		if (off) {
			struct page *p = shmem_get_page(inode, size >> PAGE_SHIFT, false);

			if (p && !IS_ERR(p)) {
				memset((char *)page_address(p) + off, 0, PAGE_SIZE - off);
				put_page(p);
			}
		}
	}
	inode->i_size = size;
}

/* ---- regular files -------------------------------------------------------------------- */

/* A buffer on either side of the user boundary. */
struct shmem_buf {
	bool kernel;
	union {
		char __user *ubuf;
		char *kbuf;
	};
};

/*
 * The page at index with a reference, for a read: the lookup alone, under i_lock taken
 * without saving the interrupt flag (no interrupt handler takes an i_lock). The reference
 * keeps the page while it is copied out with i_lock dropped: a truncate meanwhile takes it
 * out of the tree and the last put_page frees it.
 */
static struct page *shmem_read_page(struct inode *inode, unsigned long index)
{
	struct page *page;

	spin_lock(&inode->i_lock);
	page = tree_lookup(inode, index);
	if (page)
		get_page(page);
	spin_unlock(&inode->i_lock);
	return page;
}

/* Up to len bytes at *pos, not past the size seen on entry (a write racing with the read
 * may or may not be seen, as on Linux); a hole reads as zeroes. A user buffer's range was
 * checked by vfs_read (the only caller of ->read), so the copy is the raw one. */
static __always_inline ssize_t shmem_do_read(struct file *f, struct shmem_buf b, size_t len,
					     loff_t *pos)
{
	struct inode *inode = f->f_inode;
	loff_t p = *pos, size = READ_ONCE(inode->i_size);
	size_t done = 0;

	if (p >= size)
		goto out;
	if (len > (size_t)(size - p))
		len = size - p;
	while (done < len) {
		unsigned long off = p & (PAGE_SIZE - 1), left = 0;
		size_t n = min(len - done, (size_t)(PAGE_SIZE - off));
		struct page *page = shmem_read_page(inode, p >> PAGE_SHIFT);

		if (b.kernel) {
			if (page)
				memcpy(b.kbuf + done, (char *)page_address(page) + off, n);
			else
				memset(b.kbuf + done, 0, n);
		} else if (page) {
			left = raw_copy_to_user(b.ubuf + done, (char *)page_address(page) + off, n);
		} else {
			left = clear_user(b.ubuf + done, n);
		}
		if (page)
			put_page(page);
		done += n - left;
		p += n - left;
		if (left) {
			if (!done)
				return -EFAULT;
			break;
		}
	}
	*pos = p;
out:
	file_accessed(f);
	return done;
}

static ssize_t shmem_do_write(struct file *f, struct shmem_buf b, size_t len, loff_t *pos)
{
	struct inode *inode = f->f_inode;
	ssize_t done = 0, err = 0;

	mutex_lock(&inode->i_mutex);
	if (f->f_flags & O_APPEND)
		*pos = inode->i_size;
	/* RLIMIT_FSIZE (SIGXFSZ), and 2 GiB without O_LARGEFILE (fs/read_write.c). */
	err = generic_write_check_limits(f, *pos, &len);
	if (err)
		goto out;
	/* An unprivileged write takes set-user-ID/set-group-ID away (fs/attr.c). */
	err = file_remove_privs(f);
	if (err)
		goto out;
	while ((size_t)done < len) {
		loff_t p = *pos;
		unsigned long off = p & (PAGE_SIZE - 1);
		size_t n = min(len - done, (size_t)(PAGE_SIZE - off));
		struct page *page = shmem_get_page(inode, p >> PAGE_SHIFT, true);
		unsigned long left = 0;

		if (IS_ERR(page)) {
			err = PTR_ERR(page);
			break;
		}
		if (b.kernel)
			memcpy((char *)page_address(page) + off, b.kbuf + done, n);
		else
			left = copy_from_user((char *)page_address(page) + off, b.ubuf + done, n);
		put_page(page);
		done += n - left;
		*pos += n - left;
		if (*pos > inode->i_size)
			inode->i_size = *pos;
		if (left) {
			err = -EFAULT;
			break;
		}
	}
	if (done)
		inode->i_mtime = inode->i_ctime = current_time(inode);
out:
	mutex_unlock(&inode->i_mutex);
	return done ? done : err;
}

static ssize_t shmem_file_read(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	return shmem_do_read(f, (struct shmem_buf){ .kernel = false, .ubuf = buf }, len, pos);
}

static ssize_t shmem_file_write(struct file *f, const char __user *buf, size_t len, loff_t *pos)
{
	return shmem_do_write(f, (struct shmem_buf){ .kernel = false, .ubuf = (char __user *)buf },
			      len, pos);
}

static ssize_t shmem_kernel_read(struct file *f, void *buf, size_t len, loff_t *pos)
{
	return shmem_do_read(f, (struct shmem_buf){ .kernel = true, .kbuf = buf }, len, pos);
}

static ssize_t shmem_kernel_write(struct file *f, const void *buf, size_t len, loff_t *pos)
{
	return shmem_do_write(f, (struct shmem_buf){ .kernel = true, .kbuf = (char *)buf }, len,
			      pos);
}

static int noop_fsync(struct file *f, int datasync)
{
	return 0;
}

/*
 * fallocate (fs/fallocate.c checked the call; i_mutex held): every page of the range made
 * present, zero-filled, and charged to size=, as Linux's shmem_fallocate; without
 * FALLOC_FL_KEEP_SIZE the size grows to offset + len. RLIMIT_FSIZE is checked even with
 * KEEP_SIZE (Linux does too). A range larger than the pages the tmpfs may still take is
 * ENOSPC before anything is allocated (Linux: larger than size=, then page by page with an
 * undo); an unlimited tmpfs (size=0) is bounded by the memory there is. If an allocation
 * still fails part-way (memory, or another file took the pages), the pages made past the
 * old end are freed again; holes filled inside the old size stay filled (zeroes, counted in
 * st_blocks). FALLOC_FL_PUNCH_HOLE is not done here: EOPNOTSUPP (Linux frees the range).
 */
static long shmem_fallocate(struct file *f, int mode, loff_t offset, loff_t len)
{
	struct inode *inode = file_inode(f);
	struct super_block *sb = inode->i_sb;
	unsigned long start = offset >> PAGE_SHIFT, idx, end, missing = 0, room, flags;
	unsigned long kept = (inode->i_size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	int err;

	if (mode & ~FALLOC_FL_KEEP_SIZE)
		return -EOPNOTSUPP;
	err = inode_newsize_ok(inode, offset + len);
	if (err)
		return err;
	if ((unsigned long long)(offset + len - 1) >> PAGE_SHIFT > SHMEM_MAX_INDEX)
		return -EFBIG;
	end = ((offset + len - 1) >> PAGE_SHIFT) + 1;
	spin_lock_irqsave(&sb->s_lock, flags);
	room = sb->s_max_pages ? sb->s_max_pages - sb->s_used_pages : nr_total_pages();
	spin_unlock_irqrestore(&sb->s_lock, flags);
	if (end - start > room + (kept > start ? min(kept, end) - start : 0))
		return -ENOSPC;		/* cannot fit even if every page inside the file is there */
	for (idx = start; idx < end && missing <= room; idx++) {
		struct page *p = shmem_get_page(inode, idx, false);

		if (p && !IS_ERR(p))
			put_page(p);
		else
			missing++;
	}
	if (missing > room)
		return -ENOSPC;
	for (idx = start; idx < end; idx++) {
		struct page *p = shmem_get_page(inode, idx, true);

		if (IS_ERR(p)) {
			shmem_free_from(inode, max(kept, start));
			return PTR_ERR(p);
		}
		put_page(p);
	}
	if (!(mode & FALLOC_FL_KEEP_SIZE) && offset + len > inode->i_size)
		inode->i_size = offset + len;
	/* Linux's file_modified(): set-id bits go as on a write, and the times move. */
	err = file_remove_privs(f);
	inode->i_mtime = inode->i_ctime = current_time(inode);
	return err;
}

static const struct file_operations shmem_file_operations = {
	.llseek = generic_file_llseek,
	.read = shmem_file_read,
	.write = shmem_file_write,
	.read_kernel = shmem_kernel_read,
	.write_kernel = shmem_kernel_write,
	.fsync = noop_fsync,
	.mmap = generic_file_mmap,
	.fallocate = shmem_fallocate,
};

/* ---- directories ---------------------------------------------------------------------- */

/*
 * getdents over the dentry children, newest first as Linux's tmpfs lists them (its d_alloc
 * and d_move put a name at the head of the children and dcache_readdir walks from the head):
 * "." at offset 0, ".." at 1, then each name at dirpos_offset(its d_dirpos), which grows as
 * d_dirpos falls. A directory's positions only grow (a name takes the next one when it is
 * created, linked or renamed, fs/dcache.c) and positive children sit in the list in position
 * order, so the walk goes from the tail. A name made or renamed while a listing is under way
 * takes a position the listing has passed, so it meets no name twice and telldir offsets
 * stay valid while other names come and go. (Linux 6.1's tmpfs keeps a cursor dentry in
 * the children list for the same end, and its offsets count entries; here the position is
 * the cursor, which needs no dentry per open directory, and offsets are not counts.)
 *
 * Locking: iterate_dir holds the directory's i_mutex, and a positive child of a tmpfs
 * directory leaves it (unlink, rmdir, rename) or changes its name only under that i_mutex,
 * so the positive children need no reference each while the actor copies them out. Negative
 * children (failed lookups) may be freed at any time by their last dput, so the list itself
 * is walked under dcache_lock: a batch of positive children is collected under it, then
 * handed to the actor outside it (the actor stores to user memory, which may fault and
 * sleep). The next batch resumes before the last child collected, still in the list.
 */
#define READDIR_BATCH 32
/* Offsets stay below 2^31 so a 32-bit off_t holds them (glibc's 32-bit readdir says
 * EOVERFLOW otherwise); a directory whose names took more than DIRPOS_TOP positions in one
 * boot lists the later ones at offset 2, and a listing resumed there starts again. */
#define DIRPOS_TOP	0x7ffffffdULL

static loff_t dirpos_offset(u64 dirpos)
{
	return dirpos <= DIRPOS_TOP ? (loff_t)(DIRPOS_TOP - dirpos) + 2 : 2;
}

static int shmem_readdir(struct file *f, struct dir_context *ctx)
{
	struct dentry *dir = f->f_path.dentry, *batch[READDIR_BATCH];
	struct list_head *from = &dir->d_subdirs;
	unsigned long flags;
	unsigned int n, i;

	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, 0, dir->d_inode->i_ino, DT_DIR))
			return 0;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		unsigned long ino;

		/* d_parent changes (rename of this directory elsewhere) under dcache_lock, and
		 * the old parent is let go only after; read its inode number under it. */
		spin_lock_irqsave(&dcache_lock, flags);
		ino = dir->d_parent->d_inode->i_ino;
		spin_unlock_irqrestore(&dcache_lock, flags);
		if (!ctx->actor(ctx, "..", 2, 1, ino, DT_DIR))
			return 0;
		ctx->pos = 2;
	}
	do {
		n = 0;
		spin_lock_irqsave(&dcache_lock, flags);
		for (struct list_head *l = from->prev; l != &dir->d_subdirs; l = l->prev) {
			struct dentry *d = list_entry(l, struct dentry, d_child);

			if (!d->d_inode || dirpos_offset(d->d_dirpos) < ctx->pos)
				continue;
			batch[n++] = d;
			if (n == READDIR_BATCH)
				break;
		}
		spin_unlock_irqrestore(&dcache_lock, flags);
		for (i = 0; i < n; i++) {
			struct dentry *d = batch[i];
			loff_t off = dirpos_offset(d->d_dirpos);

			if (!ctx->actor(ctx, d->d_name, d->d_namelen, off, d->d_inode->i_ino,
					fs_umode_to_dtype(d->d_inode->i_mode)))
				return 0;
			ctx->pos = off + 1;
		}
		if (n)
			from = &batch[n - 1]->d_child;
	} while (n == READDIR_BATCH);
	return 0;
}

/* A directory's offsets are positions in its listing: SEEK_SET and SEEK_CUR only, as
 * Linux's dcache_dir_lseek (SEEK_END, SEEK_DATA, SEEK_HOLE: EINVAL). */
static loff_t shmem_dir_llseek(struct file *f, loff_t off, int whence)
{
	if (whence != SEEK_SET && whence != SEEK_CUR)
		return -EINVAL;
	return generic_file_llseek(f, off, whence);
}

static const struct file_operations shmem_dir_operations = {
	.llseek = shmem_dir_llseek,
	.read = generic_read_dir,
	.iterate = shmem_readdir,
	.fsync = noop_fsync,
};

/* ---- inodes --------------------------------------------------------------------------- */

struct inode *shmem_get_inode(struct super_block *sb, const struct inode *dir, umode_t mode,
			      dev_t dev)
{
	struct inode *inode;

	if (!charge(sb, &sb->s_used_inodes, sb->s_max_inodes, 1))
		return NULL;
	inode = new_inode(sb);
	if (!inode) {
		charge(sb, &sb->s_used_inodes, 0, -1);
		return NULL;
	}
	inode->i_mode = mode;
	inode->i_uid = current->cred.fsuid;
	inode->i_gid = current->cred.fsgid;
	if (dir && (dir->i_mode & S_ISGID)) {	/* a setgid directory's group is inherited */
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			inode->i_mode |= S_ISGID;
	}
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &shmem_inode_operations;
		inode->i_fop = &shmem_file_operations;
		break;
	case S_IFDIR:
		inc_nlink(inode);		/* "." */
		inode->i_size = 2 * BOGO_DIRENT_SIZE;
		inode->i_op = &shmem_dir_inode_operations;
		inode->i_fop = &shmem_dir_operations;
		break;
	case S_IFLNK:
		inode->i_op = &shmem_symlink_inode_operations;
		break;
	default:
		inode->i_op = &shmem_special_inode_operations;
		init_special_inode(inode, mode, dev);
		break;
	}
	return inode;
}

static void shmem_evict_inode(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	shmem_free_from(inode, 0);
	if (S_ISLNK(inode->i_mode) && inode->i_size + 1 > SHORT_SYMLINK_LEN)
		charge(sb, &sb->s_used_pages, 0, -1);
	kfree(inode->i_link);
	charge(sb, &sb->s_used_inodes, 0, -1);
}

static void dir_changed(struct inode *dir, long entries)
{
	dir->i_size += entries * BOGO_DIRENT_SIZE;
	dir->i_mtime = dir->i_ctime = current_time(dir);
}

/* A new name d in dir for inode: tmpfs holds the dentry (one reference) until unlink. */
static void shmem_instantiate(struct inode *dir, struct dentry *d, struct inode *inode)
{
	d_instantiate(d, inode);
	dget(d);
	dir_changed(dir, 1);
}

static struct dentry *shmem_lookup(struct inode *dir, struct dentry *d, unsigned int flags)
{
	return NULL;	/* every name tmpfs has is in the dentry cache: d stays negative */
}

static int shmem_mknod(struct inode *dir, struct dentry *d, umode_t mode, dev_t dev)
{
	struct inode *inode = shmem_get_inode(dir->i_sb, dir, mode, dev);

	if (!inode)
		return -ENOSPC;
	if (S_ISDIR(mode))
		inc_nlink(dir);
	shmem_instantiate(dir, d, inode);
	return 0;
}

static int shmem_create(struct inode *dir, struct dentry *d, umode_t mode)
{
	return shmem_mknod(dir, d, (mode & S_IALLUGO) | S_IFREG, 0);
}

static int shmem_mkdir(struct inode *dir, struct dentry *d, umode_t mode)
{
	return shmem_mknod(dir, d, (mode & S_IALLUGO) | S_IFDIR, 0);
}

static int shmem_symlink(struct inode *dir, struct dentry *d, const char *target)
{
	size_t len = strlen(target) + 1;
	struct inode *inode;
	char *body;

	if (len > PAGE_SIZE)
		return -ENAMETOOLONG;
	body = kmalloc(len, GFP_KERNEL);
	if (!body)
		return -ENOMEM;
	inode = shmem_get_inode(dir->i_sb, dir, S_IFLNK | 0777, 0);
	if (!inode) {
		kfree(body);
		return -ENOSPC;
	}
	/* A body longer than Linux keeps inline takes a page of size= there: count one. */
	if (len > SHORT_SYMLINK_LEN) {
		struct super_block *sb = dir->i_sb;

		if (!charge(sb, &sb->s_used_pages, sb->s_max_pages, 1)) {
			kfree(body);
			iput(inode);
			return -ENOSPC;
		}
		inode->i_blocks = PAGE_SIZE / 512;
	}
	memcpy(body, target, len);
	inode->i_link = body;
	inode->i_size = len - 1;
	shmem_instantiate(dir, d, inode);
	return 0;
}

/* Each further name costs an inode of nr_inodes, as Linux's tmpfs counts it (a name is a
 * dentry the kernel keeps): shmem_unlink gives it back while other names remain. */
static int shmem_link(struct dentry *old, struct inode *dir, struct dentry *d)
{
	struct inode *inode = old->d_inode;
	struct super_block *sb = inode->i_sb;

	if (!charge(sb, &sb->s_used_inodes, sb->s_max_inodes, 1))
		return -ENOSPC;
	inode->i_ctime = current_time(inode);
	inc_nlink(inode);
	ihold(inode);
	shmem_instantiate(dir, d, inode);
	return 0;
}

/* The name goes from the directory (d_delete) and tmpfs drops its hold on it; the inode
 * lives on while anything still holds the dentry (an open file). */
static int shmem_unlink(struct inode *dir, struct dentry *d)
{
	struct inode *inode = d->d_inode;

	if (inode->i_nlink > 1 && !S_ISDIR(inode->i_mode))	/* a hard link's charge */
		charge(inode->i_sb, &inode->i_sb->s_used_inodes, 0, -1);
	inode->i_ctime = current_time(inode);
	drop_nlink(inode);
	dir_changed(dir, -1);
	d_delete(d);
	dput(d);
	return 0;
}

static bool shmem_empty(struct dentry *d)
{
	struct dentry *c;
	unsigned long flags;
	bool empty = true;

	spin_lock_irqsave(&dcache_lock, flags);
	list_for_each_entry(c, &d->d_subdirs, d_child)
		if (c->d_inode)
			empty = false;
	spin_unlock_irqrestore(&dcache_lock, flags);
	return empty;
}

static int shmem_rmdir(struct inode *dir, struct dentry *d)
{
	if (!shmem_empty(d))
		return -ENOTEMPTY;
	drop_nlink(d->d_inode);
	drop_nlink(dir);
	return shmem_unlink(dir, d);
}

#define RENAME_NOREPLACE	1
#define RENAME_EXCHANGE		2
#define RENAME_WHITEOUT		4

/*
 * rename (rename_mutex and both directories' i_mutex held by the caller, which has checked
 * the types: a directory over an empty directory, a non-directory over a non-directory).
 * The replaced name goes as unlink would take it; old's dentry moves to new's place.
 */
static int shmem_rename(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
			struct dentry *new, unsigned int flags)
{
	struct inode *inode = old->d_inode;
	bool isdir = S_ISDIR(inode->i_mode);
	char name[NAME_MAX + 1];
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;
	if (flags & RENAME_EXCHANGE) {
		struct inode *other = new->d_inode;
		bool odir = S_ISDIR(other->i_mode);

		if (old_dir != new_dir && isdir != odir) {
			if (isdir) {
				drop_nlink(old_dir);
				inc_nlink(new_dir);
			} else {
				drop_nlink(new_dir);
				inc_nlink(old_dir);
			}
		}
		memcpy(name, old->d_name, old->d_namelen + 1);
		{
			struct dentry *op = old->d_parent, *np = new->d_parent;

			dget(op);	/* kept through the two moves */
			err = d_move(old, np, new->d_name, new->d_namelen);
			if (!err)
				err = d_move(new, op, name, strlen(name));
			dput(op);
		}
		inode->i_ctime = other->i_ctime = current_time(inode);
		return err;
	}
	if (new->d_inode) {
		if (isdir && !shmem_empty(new))
			return -ENOTEMPTY;
		if (isdir) {
			drop_nlink(new->d_inode);
			drop_nlink(new_dir);
		}
		shmem_unlink(new_dir, new);
	} else {
		d_delete(new);		/* the negative name must not hide the moved one */
		dir_changed(new_dir, 1);
		dir_changed(old_dir, -1);
	}
	if (isdir && old_dir != new_dir) {
		drop_nlink(old_dir);
		inc_nlink(new_dir);
	}
	err = d_move(old, new->d_parent, new->d_name, new->d_namelen);
	inode->i_ctime = current_time(inode);
	old_dir->i_mtime = old_dir->i_ctime = new_dir->i_mtime = new_dir->i_ctime = inode->i_ctime;
	return err;
}

/* chmod, chown, truncate, utimensat (the caller checked permission; i_mutex held). */
static int shmem_setattr(struct dentry *d, struct iattr *a)
{
	struct inode *inode = d->d_inode;

	if (a->ia_valid & ATTR_SIZE) {
		if (!S_ISREG(inode->i_mode))
			return -EINVAL;
		if (a->ia_size < 0)
			return -EINVAL;
		if (a->ia_size > MAX_LFS_FILESIZE)
			return -EFBIG;
		if (a->ia_size != inode->i_size) {
			shmem_truncate(inode, a->ia_size);
			inode->i_mtime = inode->i_ctime = current_time(inode);
		}
	}
	if (a->ia_valid & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (a->ia_mode & S_IALLUGO);
	if (a->ia_valid & ATTR_UID)
		inode->i_uid = a->ia_uid;
	if (a->ia_valid & ATTR_GID)
		inode->i_gid = a->ia_gid;
	if (a->ia_valid & ATTR_ATIME)
		inode->i_atime = a->ia_atime;
	if (a->ia_valid & ATTR_MTIME)
		inode->i_mtime = a->ia_mtime;
	if (a->ia_valid & ATTR_CTIME)
		inode->i_ctime = a->ia_ctime;
	else if (a->ia_valid & (ATTR_MODE | ATTR_UID | ATTR_GID))
		inode->i_ctime = current_time(inode);
	return 0;
}

static const struct inode_operations shmem_dir_inode_operations = {
	.lookup = shmem_lookup,
	.create = shmem_create,
	.mkdir = shmem_mkdir,
	.mknod = shmem_mknod,
	.symlink = shmem_symlink,
	.link = shmem_link,
	.unlink = shmem_unlink,
	.rmdir = shmem_rmdir,
	.rename = shmem_rename,
	.setattr = shmem_setattr,
};

static const struct inode_operations shmem_inode_operations = { .setattr = shmem_setattr };
static const struct inode_operations shmem_symlink_inode_operations = { .setattr = shmem_setattr };
static const struct inode_operations shmem_special_inode_operations = { .setattr = shmem_setattr };

/* ---- the file system ------------------------------------------------------------------ */

static int shmem_statfs(struct dentry *d, struct kstatfs *buf)
{
	struct super_block *sb = d->d_sb;
	unsigned long flags;

	memset(buf, 0, sizeof(*buf));
	buf->f_type = TMPFS_MAGIC;
	buf->f_bsize = PAGE_SIZE;
	buf->f_frsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	buf->f_fsid = sb->s_dev;
	spin_lock_irqsave(&sb->s_lock, flags);
	if (sb->s_max_pages) {
		buf->f_blocks = sb->s_max_pages;
		buf->f_bavail = buf->f_bfree = sb->s_max_pages - sb->s_used_pages;
	}
	if (sb->s_max_inodes) {
		buf->f_files = sb->s_max_inodes;
		buf->f_ffree = sb->s_max_inodes - sb->s_used_inodes;
	}
	spin_unlock_irqrestore(&sb->s_lock, flags);
	return 0;
}

/* A 32-bit number in base 8 or 10 (Linux's fsparam_u32/u32oct): anything above is EINVAL. */
static bool parse_num(const char *v, unsigned long *out, int base)
{
	unsigned long n = 0;

	if (!*v)
		return false;
	for (; *v; v++) {
		int d = *v >= '0' && *v <= '9' ? *v - '0' : 99;

		if (d >= base)
			return false;
		n = n * base + d;
		if (n > 0xffffffffUL)
			return false;
	}
	*out = n;
	return true;
}

/* size=, nr_inodes=, mode=, uid=, gid=, inode64, inode32 (comma-separated); anything else
 * is EINVAL. */
static int shmem_parse_options(struct super_block *sb, const char *options, bool remount)
{
	struct shmem_sb_info *info = sb->s_fs_info;
	char opt[64];

	while (options && *options) {
		const char *comma = strchr(options, ',');
		size_t len = comma ? (size_t)(comma - options) : strlen(options);
		char *val;
		unsigned long n;

		if (len >= sizeof(opt))
			return -EINVAL;
		memcpy(opt, options, len);
		opt[len] = '\0';
		options += len + (comma ? 1 : 0);
		if (!len)
			continue;
		val = strchr(opt, '=');
		if (val)
			*val++ = '\0';
		if (!strcmp(opt, "size") && val) {
			char *end;
			unsigned long long bytes = memparse(val, &end);

			if (*end == '%') {
				bytes = (unsigned long long)nr_total_pages() * PAGE_SIZE / 100 * bytes;
				end++;
			}
			if (*end || end == val)
				return -EINVAL;
			sb->s_max_pages = (bytes + PAGE_SIZE - 1) >> PAGE_SHIFT;
			info->size_set = true;
		} else if (!strcmp(opt, "nr_inodes") && val) {
			char *end;

			sb->s_max_inodes = memparse(val, &end);
			if (*end || end == val)
				return -EINVAL;
			info->inodes_set = true;
		} else if (!strcmp(opt, "mode") && val) {
			/* At a remount mode=, uid= and gid= are checked and then ignored, as in
			 * Linux 6.1's shmem_reconfigure: mount(8) and busybox pass the mount's
			 * whole option list back on "mount -o remount,ro". */
			if (!parse_num(val, &n, 8))
				return -EINVAL;
			if (!remount)
				info->mode = n & 07777;
		} else if (!strcmp(opt, "uid") && val) {
			/* (uid_t)-1 is no one: Linux's make_kuid gives an invalid id, EINVAL. */
			if (!parse_num(val, &n, 10) || n == 0xffffffffUL)
				return -EINVAL;
			if (!remount)
				info->uid = n;
		} else if (!strcmp(opt, "gid") && val) {
			if (!parse_num(val, &n, 10) || n == 0xffffffffUL)
				return -EINVAL;
			if (!remount)
				info->gid = n;
		} else if (!strcmp(opt, "inode64") && !val) {
			info->inode32 = false;
		} else if (!strcmp(opt, "inode32") && !val) {
			info->inode32 = true;
		} else {
			return -EINVAL;
		}
	}
	return 0;
}

/* mount -o remount: size= and nr_inodes= may change, not below what is in use (EINVAL). */
static int shmem_remount(struct super_block *sb, int flags, const char *options)
{
	struct shmem_sb_info *info = sb->s_fs_info;
	unsigned long pages = sb->s_max_pages, inodes = sb->s_max_inodes;
	bool inode32 = info->inode32, size_set = info->size_set, inodes_set = info->inodes_set;
	int err = shmem_parse_options(sb, options, true);

	if (!err && ((sb->s_max_pages && sb->s_max_pages < sb->s_used_pages) ||
		     (sb->s_max_inodes && sb->s_max_inodes < sb->s_used_inodes)))
		err = -EINVAL;
	if (err) {
		sb->s_max_pages = pages;
		sb->s_max_inodes = inodes;
		info->inode32 = inode32;
		info->size_set = size_set;	/* a failed remount leaves /proc/mounts as it was */
		info->inodes_set = inodes_set;
	}
	return err;
}

static void shmem_show_options(struct super_block *sb, char *buf, int len)
{
	struct shmem_sb_info *info = sb->s_fs_info;
	int n = 0;

	buf[0] = '\0';
	if (info->size_set)
		n += snprintf(buf + n, len - n, ",size=%luk", sb->s_max_pages * (PAGE_SIZE / 1024));
	if (info->inodes_set && n < len)
		n += snprintf(buf + n, len - n, ",nr_inodes=%lu", sb->s_max_inodes);
	if (info->mode != 01777 && n < len)
		n += snprintf(buf + n, len - n, ",mode=%03o", info->mode);
	if (info->uid && n < len)
		n += snprintf(buf + n, len - n, ",uid=%u", info->uid);
	if (info->gid && n < len)
		n += snprintf(buf + n, len - n, ",gid=%u", info->gid);
	/* Linux built with CONFIG_TMPFS_INODE64 (Debian's kernels are) always names the
	 * inode number width; ours are 64-bit unless inode32 was asked for. */
	if (n < len)
		n += snprintf(buf + n, len - n, ",inode%d", info->inode32 ? 32 : 64);
	if (n)
		memmove(buf, buf + 1, strlen(buf));	/* no leading comma */
}

static const struct super_operations shmem_ops = {
	.evict_inode = shmem_evict_inode,
	.statfs = shmem_statfs,
	.remount_fs = shmem_remount,
	.show_options = shmem_show_options,
};

/* dir's first child that names something (tmpfs's hold on it is ours to drop), held. */
static struct dentry *first_positive_child(struct dentry *dir)
{
	struct dentry *c, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&dcache_lock, flags);
	list_for_each_entry(c, &dir->d_subdirs, d_child) {
		if (c->d_inode) {
			found = dget(c);
			break;
		}
	}
	spin_unlock_irqrestore(&dcache_lock, flags);
	return found;
}

/* Take d out of its directory and drop tmpfs's hold on it (the caller holds it too). */
static void shmem_forget(struct dentry *d)
{
	d_delete(d);
	dput(d);
}

/*
 * Free every name tmpfs still holds under root, deepest first. A loop with no stack of its
 * own, since a user can make the tree as deep as memory allows: go down into the first
 * directory with children, free a leaf, and climb back through d_parent when a directory
 * is empty. Nothing else can reach the tree meanwhile (the last mount is gone); the child
 * we stand in is kept alive by tmpfs's own hold until we free it on the way up.
 */
static void shmem_put_dentries(struct dentry *root)
{
	struct dentry *dir = root;

	for (;;) {
		struct dentry *victim = first_positive_child(dir);

		if (victim && S_ISDIR(victim->d_inode->i_mode)) {
			dput(victim);		/* tmpfs's hold keeps it while we are inside */
			dir = victim;
			continue;
		}
		if (victim) {
			shmem_forget(victim);
			dput(victim);
			continue;
		}
		if (dir == root)
			return;
		victim = dir;
		dir = dir->d_parent;		/* held by victim until victim goes */
		dget(victim);
		shmem_forget(victim);
		dput(victim);
	}
}

static void shmem_kill_sb(struct super_block *sb)
{
	if (sb->s_root)
		shmem_put_dentries(sb->s_root);
	kfree(sb->s_fs_info);
	kill_anon_super(sb);
}

static struct super_block *shmem_mount(const struct file_system_type *t, int flags,
				       const char *dev, const char *options)
{
	struct super_block *sb = sget_anon(t);
	struct shmem_sb_info *info;
	struct inode *root;
	int err;

	if (IS_ERR(sb))
		return sb;
	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info) {
		kill_anon_super(sb);
		return ERR_PTR(-ENOMEM);
	}
	info->mode = 01777;
	sb->s_fs_info = info;
	sb->s_op = &shmem_ops;
	sb->s_magic = TMPFS_MAGIC;
	sb->s_max_pages = nr_total_pages() / 2;		/* Linux's defaults: half of memory */
	sb->s_max_inodes = nr_total_pages() / 2;
	err = shmem_parse_options(sb, options, false);
	if (err) {
		shmem_kill_sb(sb);
		return ERR_PTR(err);
	}
	root = shmem_get_inode(sb, NULL, S_IFDIR | info->mode, 0);
	if (root) {
		root->i_uid = info->uid;
		root->i_gid = info->gid;
	}
	sb->s_root = d_make_root(root);
	if (!sb->s_root) {
		shmem_kill_sb(sb);
		return ERR_PTR(-ENOMEM);
	}
	return sb;
}

struct file_system_type shmem_fs_type = {
	.name = "tmpfs",
	.nodev = true,
	.mount = shmem_mount,
	.kill_sb = shmem_kill_sb,
};

/* The root file system is a tmpfs under Linux's name for it: /proc/mounts says "rootfs /
 * rootfs", statfs says tmpfs. Never registered (Linux 6.1 lists no rootfs in
 * /proc/filesystems and mount -t rootfs fails), only mounted once at boot (init_mount_tree). */
struct file_system_type rootfs_fs_type = {
	.name = "rootfs",
	.nodev = true,
	.mount = shmem_mount,
	.kill_sb = shmem_kill_sb,
};

struct super_block *shmem_kern_mount(const struct file_system_type *t, const char *options)
{
	return shmem_mount(t, 0, NULL, options);
}
