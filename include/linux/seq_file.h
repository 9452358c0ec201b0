/*
 * seq_file: generated text files (procfs). A show function prints the whole file into a
 * kernel buffer with seq_printf() and friends; reads copy from it at the file offset. The
 * text is made afresh by a read at offset 0 and kept for reads further on, so a reader that
 * reads in small pieces sees one consistent snapshot (Linux's single_open files behave so).
 *
 * Bounds: the buffer starts at one page and doubles while the show function overflows it,
 * up to SEQ_BUF_MAX; past it the read fails with -ENOMEM (a process with tens of thousands
 * of mappings: Linux would iterate instead; see docs/files.md).
 *
 * Locking: one seq_file per open file; its mutex serialises the readers sharing the file
 * (dup, fork), as f_pos_lock does for ordinary files.
 */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <linux/types.h>
#include <linux/mutex.h>
#include <linux/fs.h>

#define SEQ_BUF_MAX	(1024 * 1024)

struct seq_file {
	char *buf;
	size_t size;		/* bytes in buf */
	size_t count;		/* bytes of text in it */
	bool overflow;		/* the show function ran out of room: retry with more */
	struct mutex lock;
	int (*show)(struct seq_file *m, void *v);
	void *private;		/* single_open's data, given to show as v */
	struct file *file;
};

int single_open(struct file *f, int (*show)(struct seq_file *m, void *v), void *data);
int single_release(struct inode *inode, struct file *f);
ssize_t seq_read(struct file *f, char __user *buf, size_t len, loff_t *pos);
loff_t seq_lseek(struct file *f, loff_t off, int whence);

__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);
void seq_pad(struct seq_file *m, char c, size_t column);	/* spaces to column, then c */

static inline bool seq_has_overflowed(struct seq_file *m)
{
	return m->overflow;
}

#endif
