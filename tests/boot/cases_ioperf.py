# ---- reading files and directories (issue 12; owner: ioperf) ------------------------------------
# Executed inside tests/boot/cases.py (add, add_on_every_abi, QEMU_USER_RUNS in scope).
# libc_files_io (userspace/libc/files_io.c): getdents64 and the old getdents with a buffer too
# small for one record (EINVAL), a buffer ending mid-record, a buffer whose second page is
# unmapped; d_off positions kept across creates and removes; a rename during a listing not
# listed twice (booted only: Linux leaves it unspecified); readv/writev's vector (UIO_MAXIOV,
# EFAULT for an unreadable vector, a faulting buffer ends the call); atime: relatime, a listed
# directory, O_NOATIME and its owner rule; booted as init also the noatime, strictatime,
# nodiratime mount flags and a remount that keeps them (qemu-user would mount on the host: the
# native x86_64 binary passes them in a private mount namespace, `unshare -m ... mounts`).
# On Ferry a SKIP fails the case; under qemu-user (Linux's answers) the booted-only checks SKIP.
add_on_every_abi("libc_files_io", reject=PROCESS_REJECT + [r"# SKIP"])
# ---- end of reading files and directories -------------------------------------------------------
