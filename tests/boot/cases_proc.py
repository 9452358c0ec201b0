# ---- procfs (issue 12; owner: procfs) ------------------------------------------------------
# libc_proc: /proc/self/{stat,status,cmdline,comm,maps,fd/,exe}, self and thread-self, task/,
# a forked child's directory (Z before its wait, ENOENT after), a process reaped while its
# directory is open (ESRCH from a read), readdir of /proc, uid 1000's EACCES on root's maps,
# exe and fd/, and the formats of meminfo, uptime, loadavg, stat, version, cpuinfo, mounts
# and filesystems. As /init it mounts proc on /proc itself. Under qemu-user the host's Linux
# answers (the probe reads "/proc//self" there, which qemu does not emulate).


def _proc_dirs(tmp, probes_dir):
    """/proc and /tmp in the initramfs (an empty file in each), for a kernel without mkdir."""
    keep = os.path.join(tmp, "keep")
    open(keep, "w").close()
    return [f"/proc/.keep={keep}", f"/tmp/.keep={keep}"]


add_on_every_abi("libc_proc", files=_proc_dirs)
