/* The arm64 task switch: __switch_to (process.c), then entry.S cpu_switch_to. */
#ifndef _ASM_ARM64_SWITCH_TO_H
#define _ASM_ARM64_SWITCH_TO_H

struct task_struct;

struct task_struct *__switch_to(struct task_struct *prev, struct task_struct *next);

/* Run next; returns, in prev's context once it runs again, the task switched away from. */
#define switch_to(prev, next) __switch_to(prev, next)

#endif
