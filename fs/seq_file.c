// SPDX-License-Identifier: GPL-2.0
/*
 * seq_file (linux/seq_file.h): a bounded buffer that a show function fills with a whole
 * generated file, and the read and lseek that serve it at offsets. procfs's files use it.
 */
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/errno.h>
#include <linux/sched.h>
#include <asm/page.h>

#define SEEK_SET	0
#define SEEK_CUR	1

int single_open(struct file *f, int (*show)(struct seq_file *m, void *v), void *data)
{
	struct seq_file *m = kzalloc(sizeof(*m), GFP_KERNEL);

	if (!m)
		return -ENOMEM;
	mutex_init(&m->lock);
	m->show = show;
	m->private = data;
	m->file = f;
	f->private_data = m;
	return 0;
}

int single_release(struct inode *inode, struct file *f)
{
	struct seq_file *m = f->private_data;

	if (m) {
		kfree(m->buf);
		kfree(m);
		f->private_data = NULL;
	}
	return 0;
}

/* Run the show function until its text fits: 0 or -errno (its own, or -ENOMEM). */
static int seq_fill(struct seq_file *m)
{
	size_t size = m->size ? m->size : PAGE_SIZE;

	for (;;) {
		int err;

		if (!m->buf || m->size < size) {
			char *buf = kmalloc(size, GFP_KERNEL);

			if (!buf)
				return -ENOMEM;
			kfree(m->buf);
			m->buf = buf;
			m->size = size;
		}
		m->count = 0;
		m->overflow = false;
		err = m->show(m, m->private);
		if (err < 0) {
			m->count = 0;
			return err;
		}
		if (!m->overflow)
			return 0;
		if (size >= SEQ_BUF_MAX)
			return -ENOMEM;
		size *= 2;
	}
}

ssize_t seq_read(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	struct seq_file *m = f->private_data;
	ssize_t ret = 0;

	mutex_lock(&m->lock);
	/* Offset 0 starts over: a reader that rewinds (top, free) sees fresh figures. */
	if (*pos == 0 || !m->buf) {
		int err = seq_fill(m);

		if (err) {
			ret = err;
			goto out;
		}
	}
	if (*pos < 0) {
		ret = -EINVAL;
		goto out;
	}
	if ((size_t)*pos < m->count) {
		size_t n = min(len, m->count - (size_t)*pos);

		if (copy_to_user(buf, m->buf + *pos, n)) {
			ret = -EFAULT;
			goto out;
		}
		*pos += n;
		ret = n;
	}
out:
	mutex_unlock(&m->lock);
	return ret;
}

/* SEEK_SET and SEEK_CUR within what the text could be; SEEK_END is EINVAL as Linux's. */
loff_t seq_lseek(struct file *f, loff_t off, int whence)
{
	if (whence == SEEK_CUR)
		off += f->f_pos;
	else if (whence != SEEK_SET)
		return -EINVAL;
	if (off < 0)
		return -EINVAL;
	f->f_pos = off;
	return off;
}

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->overflow || m->count + len > m->size) {
		m->overflow = true;
		return;
	}
	memcpy(m->buf + m->count, data, len);
	m->count += len;
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;
	size_t room;
	int n;

	if (m->overflow)
		return;
	room = m->size - m->count;
	va_start(ap, fmt);
	n = vsnprintf(m->buf + m->count, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room) {	/* vsnprintf keeps room for its NUL */
		m->overflow = true;
		return;
	}
	m->count += n;
}

void seq_pad(struct seq_file *m, char c, size_t column)
{
	/* column counts from the start of the current line */
	size_t line = m->count;

	while (line && m->buf[line - 1] != '\n')
		line--;
	while (!m->overflow && m->count - line < column)
		seq_putc(m, ' ');
	if (c)
		seq_putc(m, c);
}
