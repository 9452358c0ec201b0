// SPDX-License-Identifier: GPL-2.0
/*
 * arm64 side of syscall tracing: the trace channel and the ABI of a syscall.
 *
 * Channel: a file on the host, written through semihosting. The runner puts
 * trace.file=/abs/path on the command line (scripts/qemu-run.py --trace); the file is
 * opened once with SYS_OPEN in mode "w" and every flush of the tracer's ring buffer is one
 * SYS_WRITE, which QEMU appends at the file position. Without -semihosting or without a
 * trace.file= there is no channel, and tracing stays off.
 */
#include <linux/kernel.h>
#include <linux/compat.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/syscall_trace.h>
#include <asm/semihosting.h>

extern const struct syscall_abi syscall_abi_arm64, syscall_abi_arm;

static char trace_file[256];
static long trace_handle = -1;

static int trace_file_setup(char *val)
{
	strlcpy(trace_file, val, sizeof(trace_file));
	return 0;
}
__setup("trace.file=", trace_file_setup);

/*
 * Two syscall ABIs on arm64, fixed per task at exec: svc #0 from AArch64 with the asm-generic
 * numbers, and svc #0 from AArch32 with the arm EABI's (TIF_32BIT).
 */
const struct syscall_abi *arch_syscall_abi(struct pt_regs *regs)
{
	return is_compat_task() ? &syscall_abi_arm : &syscall_abi_arm64;
}

bool arch_trace_channel_init(void)
{
	if (!trace_file[0] || !semihosting_available())
		return false;
	trace_handle = semihosting_open(trace_file, SH_OPEN_W);
	if (trace_handle < 0) {
		pr_warn("trace: cannot open %s on the host\n", trace_file);
		return false;
	}
	return true;
}

void arch_trace_channel_write(const char *buf, size_t len)
{
	if (trace_handle >= 0)
		semihosting_write(trace_handle, buf, len);
}
