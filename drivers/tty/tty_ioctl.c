// SPDX-License-Identifier: GPL-2.0
/*
 * The terminal's mode and queue ioctls: TCGETS, TCSETS, TCSETSW, TCSETSF, TCFLSH, TIOCINQ
 * (FIONREAD), TIOCOUTQ. struct termios is the same 36 bytes on every ABI
 * (uapi/asm-generic/termbits.h), so 32-bit callers take this path unchanged.
 */
#include <linux/kernel.h>
#include <linux/tty.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/errno.h>

#define ENOIOCTLCMD	515
#define TERMIOS_FLUSH	1
#define TERMIOS_WAIT	2

static void kernel_termios_to_user(const struct ktermios *k, struct termios *u)
{
	u->c_iflag = k->c_iflag;
	u->c_oflag = k->c_oflag;
	u->c_cflag = k->c_cflag;
	u->c_lflag = k->c_lflag;
	u->c_line = k->c_line;
	memcpy(u->c_cc, k->c_cc, NCCS);
}

static int get_termios(struct tty_struct *tty, struct termios __user *p)
{
	struct termios t;
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	kernel_termios_to_user(&tty->termios, &t);
	spin_unlock_irqrestore(&tty->lock, flags);
	return copy_to_user(p, &t, sizeof(t)) ? -EFAULT : 0;
}

/*
 * TCSETS*: a background process may not (SIGTTOU); TCSETSF drops unread input first;
 * TCSETSW's wait for output to drain is immediate (output is written synchronously).
 */
static int set_termios(struct tty_struct *tty, struct termios __user *p, int opt)
{
	struct ktermios old;
	struct termios t;
	unsigned long flags;
	int ret = tty_check_change(tty);

	if (ret)
		return ret;
	if (copy_from_user(&t, p, sizeof(t)))
		return -EFAULT;
	spin_lock_irqsave(&tty->lock, flags);
	if (opt & TERMIOS_FLUSH)
		n_tty_flush_input(tty);
	old = tty->termios;
	tty->termios.c_iflag = t.c_iflag;
	tty->termios.c_oflag = t.c_oflag;
	tty->termios.c_cflag = t.c_cflag;
	tty->termios.c_lflag = t.c_lflag;
	tty->termios.c_line = t.c_line;
	memcpy(tty->termios.c_cc, t.c_cc, NCCS);
	n_tty_set_termios(tty, &old);
	spin_unlock_irqrestore(&tty->lock, flags);
	wake_up(&tty->read_wait);	/* a mode change may make input readable */
	return 0;
}

static int tty_flush(struct tty_struct *tty, unsigned long arg)
{
	unsigned long flags;
	int ret = tty_check_change(tty);

	if (ret)
		return ret;
	switch (arg) {
	case TCIFLUSH:
	case TCIOFLUSH:
		spin_lock_irqsave(&tty->lock, flags);
		n_tty_flush_input(tty);
		spin_unlock_irqrestore(&tty->lock, flags);
		return 0;
	case TCOFLUSH:
		return 0;	/* nothing waits to be sent */
	}
	return -EINVAL;
}

long tty_mode_ioctl(struct tty_struct *tty, struct file *f, unsigned int cmd,
		    unsigned long arg)
{
	void __user *p = (void __user *)arg;
	unsigned long flags;
	int n;

	switch (cmd) {
	case TCGETS:
		return get_termios(tty, p);
	case TCSETS:
		return set_termios(tty, p, 0);
	case TCSETSW:
		return set_termios(tty, p, TERMIOS_WAIT);
	case TCSETSF:
		return set_termios(tty, p, TERMIOS_FLUSH | TERMIOS_WAIT);
	case TCFLSH:
		return tty_flush(tty, arg);
	case TIOCINQ:
		spin_lock_irqsave(&tty->lock, flags);
		n = n_tty_inq(tty);
		spin_unlock_irqrestore(&tty->lock, flags);
		return put_user(n, (int __user *)p) ? -EFAULT : 0;
	case TIOCOUTQ:
		return put_user(0, (int __user *)p) ? -EFAULT : 0;
	}
	return -ENOIOCTLCMD;
}
