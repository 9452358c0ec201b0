# SPDX-License-Identifier: GPL-2.0
# ---- the vDSO (issue 14; run inside tests/boot/cases.py's namespace) ---------------------------
# libc_vdso (userspace/libc/vdso.c): on every ABI, the vDSO's symbols at Linux's versions,
# [vvar] below [vdso] in /proc/self/maps at Linux 6.1's size (4 pages on x86, 2 on arm64/arm)
# and arm's [sigpage]; every clock the vDSO serves read alternately through it and through the
# syscall 2000 times, never going backwards; the CPU-time clocks and bad ids passed on to the
# kernel; clock_getres, gettimeofday, time, getcpu; glibc's own clock_gettime. On a kernel
# without a vDSO its first check fails (and the run stops there: 1 failed). Not under
# qemu-user: Debian 12's qemu-user 7.2 gives its guests no vDSO (make compare shows glibc's
# clock_gettime as a syscall there on all four ABIs), so the first check would fail.
add_on_every_abi("libc_vdso", qemu_user=False, reject=PROCESS_REJECT + [r"# SKIP"],
                 expect=[r"# vdso: \d+ passed, 0 failed"])
# ---- end of the vDSO --------------------------------------------------------------------------
