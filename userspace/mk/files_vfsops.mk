# The calls that change directories and metadata (docs/files.md, "Directory and metadata
# calls"): glibc programs run on every ABI, on Ferry and under qemu-user.
probes-libc-extra += libc_files_dirops libc_files_attr libc_files_fcntl libc_files_perm
