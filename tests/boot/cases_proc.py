# ---- procfs (issue 12; owner: procfs) ------------------------------------------------------
# libc_proc: /proc/self/{stat,status,cmdline,comm,maps,fd/,exe}, self and thread-self, task/,
# a forked child's directory (Z before its wait, ENOENT after), a process reaped while its
# directory is open (ESRCH from a read), readdir of /proc, uid 1000's EACCES on root's maps,
# exe and fd/, and the formats of meminfo, uptime, loadavg, stat, version, cpuinfo, mounts
# and filesystems. As /init it mounts proc itself. Under qemu-user the host's Linux answers
# (the probe reads "/proc//self" there, which qemu does not emulate).
# The boot cases (add_on_every_abi) come with the VFS core, which procfs needs to build.
QEMU_USER_RUNS += [(_abi, "libc_proc", 0, True) for _abi in ("x86_64", "i386", "arm64", "arm")]
