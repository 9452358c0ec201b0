/* procfs (fs/proc/): what the rest of the kernel calls. */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H

/* Register the "proc" file system type (boot, with the other file systems). */
void proc_root_init(void);

struct seq_file;
/* The arch's /proc/cpuinfo blocks, one per CPU (arch/x86/kernel/cpu/proc.c,
 * arch/arm64/kernel/cpuinfo.c). */
int arch_show_cpuinfo(struct seq_file *m);

/* /proc/meminfo's arch lines (x86: DirectMap4k/2M/1G); a weak empty one elsewhere. */
struct seq_file;
void arch_report_meminfo(struct seq_file *m);

#endif
