// SPDX-License-Identifier: GPL-2.0
/*
 * The tty core: the serial line's struct tty_struct, the character devices that reach it
 * and their file operations.
 *
 *   /dev/tty      5,0   the caller's controlling terminal (ENXIO without one)
 *   /dev/console  5,1   the console's line; never becomes a controlling terminal on open
 *   /dev/ttyS0    4,64  (x86) or /dev/ttyAMA0 204,64 (arm64): the line itself
 *
 * There is one line: the UART that is also printk's console registers it at boot
 * (tty_register_console_line); its input arrives by interrupt (tty_receive_chars), its
 * output is polled. A tty is never freed, so a pointer to it (file->private_data,
 * signal->tty) stays valid without a reference count. Locking: linux/tty.h.
 */
#include <linux/kernel.h>
#include <linux/tty.h>
#include <linux/fs.h>
#include <linux/poll.h>
#include <linux/sched.h>
#include <linux/signal.h>
#include <linux/uaccess.h>
#include <linux/errno.h>

#define ENOIOCTLCMD	515
#ifndef O_NOCTTY
#define O_NOCTTY	00000400
#endif
#define TTY_MAJOR	4
#define TTYAUX_MAJOR	5

struct tty_struct *console_tty;

/* What a serial console's line starts with: Linux's tty_std_termios at 115200 baud. */
static const struct ktermios tty_std_termios = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B115200 | CS8 | CREAD | HUPCL | CLOCAL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = {
		[VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025, [VEOF] = 004,
		[VTIME] = 0, [VMIN] = 1, [VSTART] = 021, [VSTOP] = 023, [VSUSP] = 032,
		[VREPRINT] = 022, [VDISCARD] = 017, [VWERASE] = 027, [VLNEXT] = 026,
	},
	.c_ispeed = 115200,
	.c_ospeed = 115200,
};

void tty_register_console_line(struct tty_struct *tty)
{
	spin_lock_init(&tty->lock);
	spin_lock_init(&tty->output_lock);
	mutex_init(&tty->atomic_read_lock);
	mutex_init(&tty->atomic_write_lock);
	init_waitqueue_head(&tty->read_wait);
	tty->termios = tty_std_termios;
	n_tty_open(tty);
	console_tty = tty;
}

void tty_receive_chars(struct tty_struct *tty, const unsigned char *buf, size_t n)
{
	if (tty == console_tty)		/* input before the line is set up is dropped */
		n_tty_receive_buf(tty, buf, n);
}

static int tty_open(struct inode *inode, struct file *f)
{
	dev_t dev = inode ? inode->i_rdev : MKDEV(TTYAUX_MAJOR, 1);
	struct tty_struct *tty = console_tty;
	bool noctty = f->f_flags & O_NOCTTY;

	if (dev == MKDEV(TTYAUX_MAJOR, 0)) {
		tty = get_current_tty();
		if (!tty)
			return -ENXIO;
		noctty = true;
	} else if (dev == MKDEV(TTYAUX_MAJOR, 1)) {
		noctty = true;
	} else if (!tty || dev != tty->dev) {
		return -ENODEV;
	}
	if (!tty)
		return -ENODEV;
	f->private_data = tty;
	if (!noctty)
		tty_open_proc_set_tty(f, tty);
	return 0;
}

static ssize_t tty_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	return n_tty_read(f->private_data, f, buf, n);
}

static ssize_t tty_write(struct file *f, const char __user *buf, size_t n, loff_t *pos)
{
	return n_tty_write(f->private_data, f, buf, n);
}

static ssize_t tty_write_kernel(struct file *f, const void *buf, size_t n, loff_t *pos)
{
	return n_tty_write_kernel(f->private_data, buf, n);
}

static __poll_t tty_poll(struct file *f, poll_table *pt)
{
	struct tty_struct *tty = f->private_data;

	poll_wait(f, &tty->read_wait, pt);
	return n_tty_poll_ready(tty) | EPOLLOUT | EPOLLWRNORM;	/* output never waits */
}

static loff_t tty_llseek(struct file *f, loff_t off, int whence)
{
	return -ESPIPE;
}

static int tiocgwinsz(struct tty_struct *tty, struct winsize __user *p)
{
	struct winsize ws;
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	ws = tty->winsize;
	spin_unlock_irqrestore(&tty->lock, flags);
	return copy_to_user(p, &ws, sizeof(ws)) ? -EFAULT : 0;
}

/* A new size is told to the foreground group with SIGWINCH. */
static int tiocswinsz(struct tty_struct *tty, struct winsize __user *p)
{
	struct winsize ws;
	unsigned long flags;
	bool changed;

	if (copy_from_user(&ws, p, sizeof(ws)))
		return -EFAULT;
	spin_lock_irqsave(&tty->lock, flags);
	changed = memcmp(&ws, &tty->winsize, sizeof(ws)) != 0;
	tty->winsize = ws;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (changed)
		tty_isig_signal(tty, SIGWINCH);
	return 0;
}

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = f->private_data;
	long ret;

	switch (cmd) {
	case TIOCGWINSZ:
		return tiocgwinsz(tty, (struct winsize __user *)arg);
	case TIOCSWINSZ:
		return tiocswinsz(tty, (struct winsize __user *)arg);
	}
	ret = tty_jobctrl_ioctl(tty, f, cmd, arg);
	if (ret != -ENOIOCTLCMD)
		return ret;
	return tty_mode_ioctl(tty, f, cmd, arg);	/* -ENOIOCTLCMD: the caller's ENOTTY */
}

/* Every layout the tty's ioctls read is the same on 32-bit ABIs: only the pointer widens. */
static long tty_compat_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	return tty_ioctl(f, cmd, arg);
}

static int tty_release(struct inode *inode, struct file *f)
{
	return 0;	/* the line stays; Linux's hangup on the last close is left out */
}

static const struct file_operations tty_fops = {
	.llseek = tty_llseek,
	.read = tty_read,
	.write = tty_write,
	.write_kernel = tty_write_kernel,
	.poll = tty_poll,
	.unlocked_ioctl = tty_ioctl,
	.compat_ioctl = tty_compat_ioctl,
	.open = tty_open,
	.release = tty_release,
};

/* Boot: the device numbers and /dev nodes (a node the initramfs already has is kept). */
void tty_init(void)
{
	if (register_chrdev_region(TTYAUX_MAJOR, 0, 2, "/dev/tty", &tty_fops))
		pr_err("tty: cannot register /dev/tty and /dev/console\n");
	devtmpfs_create_node("tty", S_IFCHR | 0666, MKDEV(TTYAUX_MAJOR, 0));
	devtmpfs_create_node("console", S_IFCHR | 0600, MKDEV(TTYAUX_MAJOR, 1));
	if (!console_tty)
		return;
	if (register_chrdev_region(MAJOR(console_tty->dev), MINOR(console_tty->dev), 1,
				   console_tty->name, &tty_fops))
		pr_err("tty: cannot register %s\n", console_tty->name);
	devtmpfs_create_node(console_tty->name, S_IFCHR | 0600, console_tty->dev);
	if (console_tty->ops->startup && console_tty->ops->startup(console_tty))
		pr_err("tty: no receive interrupt for %s: input is lost\n", console_tty->name);
}
