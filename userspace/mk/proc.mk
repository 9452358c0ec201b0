probes-libc-extra += libc_proc
