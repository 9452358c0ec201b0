/* The x86_64 task switch: entry_64.S __switch_to_asm, then __switch_to (process_64.c). */
#ifndef _ASM_X86_SWITCH_TO_H
#define _ASM_X86_SWITCH_TO_H

struct task_struct;

struct task_struct *__switch_to_asm(unsigned long *prev_sp, unsigned long *next_sp,
				    struct task_struct *prev, struct task_struct *next);

/* The C half (process_64.c): per-task CPU state; returns prev. */
struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next);

/* Run next; returns, in prev's context once it runs again, the task switched away from. */
#define switch_to(prev, next) __switch_to_asm(&(prev)->thread.sp, &(next)->thread.sp, prev, next)

#endif
