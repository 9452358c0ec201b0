/*
 * struct task_struct: one thread of execution. A user process here is one task with one
 * address space; 'current' (asm/current.h) is the task running on this CPU.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/thread_info.h>
#include <linux/list.h>
#include <asm/processor.h>
#include <asm/thread_info.h>

struct mm_struct;
struct file;

#define TASK_COMM_LEN 16
#define NR_OPEN_DEFAULT 16

enum task_state { TASK_RUNNING, TASK_ZOMBIE, TASK_DEAD };

struct task_struct {
	struct thread_info thread_info;	/* must stay first: entry code reaches it from current */
	void *stack;			/* kernel stack base; pt_regs sit at its top */
	enum task_state state;
	pid_t pid;			/* thread id */
	pid_t tgid;			/* process id */
	struct task_struct *parent;
	struct mm_struct *mm;
	int exit_code;
	char comm[TASK_COMM_LEN];	/* executable name, for messages and trace filters */
	struct file *files[NR_OPEN_DEFAULT];
	struct list_head tasks;
	struct thread_struct thread;	/* arch: saved kernel context for switching */
};

#include <asm/current.h>

static inline struct thread_info *current_thread_info(void)
{
	return &current->thread_info;
}

static inline bool test_thread_flag(int flag)
{
	return current_thread_info()->flags & (1UL << flag);
}

/* The user registers of a task, saved at the top of its kernel stack by the entry code. */
#define task_pt_regs(t) ((struct pt_regs *)((char *)(t)->stack + THREAD_SIZE) - 1)

extern struct task_struct init_task;

void sched_init(void);
void schedule(void);
void __noreturn do_exit(int code);

#endif
