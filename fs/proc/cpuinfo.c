// SPDX-License-Identifier: GPL-2.0
/* /proc/cpuinfo: the arch prints one block per CPU in its own Linux layout. */
#include "internal.h"
#include <linux/proc_fs.h>

int cpuinfo_proc_show(struct seq_file *m, struct task_struct *unused)
{
	return arch_show_cpuinfo(m);
}
