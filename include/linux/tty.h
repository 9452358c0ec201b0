/*
 * Terminals: one struct tty_struct per serial line, between a UART driver (below) and the
 * files opened on /dev/console, /dev/tty and /dev/ttyS0 or /dev/ttyAMA0 (above).
 *
 *   the UART's receive interrupt -> tty_receive_chars() -> n_tty_receive_buf(): the line
 *       discipline edits, echoes and signals, and queues bytes in the read buffer
 *   read(2)  -> tty_read()  -> n_tty_read():  bytes from the read buffer, by line or VMIN/VTIME
 *   write(2) -> tty_write() -> n_tty_write(): OPOST processing, then ops->write (polled)
 *
 * Locking (the order is the list's):
 *   atomic_read_lock  (mutex) one reader at a time; held across the sleep for input
 *   atomic_write_lock (mutex) one writer at a time, so two writes do not interleave
 *   tasklist_lock     session and pgrp of the tty, and signal->tty of every process
 *   lock   (spinlock, irqsave: the receive interrupt takes it) termios, winsize and the
 *          line discipline's buffer and state (struct n_tty_data)
 *   output_lock (spinlock, irqsave) the output column and the driver's write: echoes
 *          (under lock) and writes (not) both end here
 * Nothing sleeps or touches user memory under lock or output_lock.
 */
#ifndef _LINUX_TTY_H
#define _LINUX_TTY_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/fs.h>
#include <uapi/asm-generic/termbits.h>
#include <uapi/asm-generic/ioctls.h>

#define N_TTY_BUF_SIZE	4096		/* the read buffer: input past it is dropped */

/* The kernel's termios: the user's, plus the speeds Linux keeps beside it. */
struct ktermios {
	tcflag_t c_iflag, c_oflag, c_cflag, c_lflag;
	cc_t c_line;
	cc_t c_cc[NCCS];
	speed_t c_ispeed, c_ospeed;
};

struct tty_struct;

/* What a UART driver gives the tty layer. */
struct tty_operations {
	/* Send n bytes as they are (no '\n' -> "\r\n": that is OPOST's job), polled: works
	 * in any context, interrupts on or off. */
	void (*write)(struct tty_struct *tty, const unsigned char *buf, size_t n);
	/* Start delivering input (the receive interrupt) once the tty layer is ready: 0 or
	 * an error (then the line has output only). */
	int (*startup)(struct tty_struct *tty);
};

/* The line discipline's state (drivers/tty/n_tty.c), under tty->lock. */
struct n_tty_data {
	unsigned char read_buf[N_TTY_BUF_SIZE];		/* a ring: [read_tail, read_head) */
	unsigned long read_flags[N_TTY_BUF_SIZE / (8 * sizeof(long))];	/* a line ends here */
	size_t read_head, read_tail;	/* free-running counts; index & (N_TTY_BUF_SIZE - 1) */
	size_t canon_head;		/* canonical: the end of the last complete line */
	bool icanon;			/* the mode the buffer is laid out for */
	bool lnext;			/* the next byte is literal (VLNEXT) */
	unsigned long flush_gen;	/* counts flushes: a reader's peek is stale after one */
	unsigned int column;		/* output column, for ONOCR and erasing a tab (output_lock) */
	unsigned int canon_column;	/* the column where the line being edited began */
};

struct tty_struct {
	const char *name;			/* "ttyS0", "ttyAMA0" */
	dev_t dev;				/* its own device number */
	const struct tty_operations *ops;
	void *driver_data;
	spinlock_t lock;
	spinlock_t output_lock;
	struct mutex atomic_read_lock, atomic_write_lock;
	struct ktermios termios;		/* lock */
	struct winsize winsize;			/* lock */
	pid_t session, pgrp;			/* tasklist_lock; 0: none */
	struct wait_queue_head read_wait;	/* readers and pollers wait for input here */
	struct n_tty_data ldata;
};

/* The console's line (the one serial port), registered by its UART driver. */
extern struct tty_struct *console_tty;
void tty_register_console_line(struct tty_struct *tty);

/* Is id a terminal's foreground group or session (tasklist_lock held)? alloc_pid keeps such
 * an id from a new process, as Linux's terminal keeps its struct pid. */
bool tty_names_pid(pid_t id);

/* The UART's receive interrupt hands bytes in here (interrupt context). */
void tty_receive_chars(struct tty_struct *tty, const unsigned char *buf, size_t n);

/* Boot: the device nodes and their file operations (after the VFS is up). */
void tty_init(void);

/* n_tty.c: the line discipline. */
void n_tty_open(struct tty_struct *tty);
void n_tty_receive_buf(struct tty_struct *tty, const unsigned char *buf, size_t n);
struct file;
ssize_t n_tty_read(struct tty_struct *tty, struct file *f, char __user *buf, size_t n);
ssize_t n_tty_write(struct tty_struct *tty, struct file *f, const char __user *buf, size_t n);
ssize_t n_tty_write_kernel(struct tty_struct *tty, const void *buf, size_t n);
unsigned int n_tty_poll_ready(struct tty_struct *tty);	/* EPOLLIN if input is readable */
void n_tty_set_termios(struct tty_struct *tty, const struct ktermios *old);	/* under lock */
void n_tty_flush_input(struct tty_struct *tty);		/* under lock */
int n_tty_inq(struct tty_struct *tty);			/* under lock: FIONREAD's count */

/* tty_ioctl.c: the termios and queue ioctls. */
long tty_mode_ioctl(struct tty_struct *tty, struct file *f, unsigned int cmd,
		    unsigned long arg);

/* tty_jobctrl.c: the controlling terminal and the foreground process group. */
int tty_check_change(struct tty_struct *tty);		/* SIGTTOU rules: 0 or an error */
int tty_job_control_read(struct tty_struct *tty);	/* SIGTTIN rules: 0 or an error */
void tty_open_proc_set_tty(struct file *f, struct tty_struct *tty);
struct tty_struct *get_current_tty(void);
long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *f, unsigned int cmd,
		       unsigned long arg);
void tty_isig_signal(struct tty_struct *tty, int sig);	/* ^C/^\/^Z: the foreground group */
void proc_clear_tty(struct task_struct *p);
/* The session leader gives its terminal up: TIOCNOTTY (0) or do_exit (1). */
void disassociate_ctty(int on_exit);


#endif
