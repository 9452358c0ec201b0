# SPDX-License-Identifier: GPL-2.0
# ---- mremap (issues 11 and 12; run inside tests/boot/cases.py's namespace) --------------------
# mremap: the libc-free probe (28 checks: Linux's errno and their order, shrink, growth in
# place, growth into a neighbour, MAYMOVE, FIXED, DONTUNMAP private and shared, old size 0,
# moves after fork keeping copy-on-write and sharing, private and shared file mappings, 600
# pages across page tables, RLIMIT_AS and RLIMIT_DATA), booted on every ABI. Linux's
# answers: the same binaries gave 28/28 on Debian's Linux 6.1 on all four ABIs
# (scripts/trace/linux_kernel.py --keep-logs) and natively on the x86_64 host
# (tests/host/test_mm_native.py). Not under qemu-user, which implements mremap itself and
# differs from Linux: new size 0 and old size 0 give ENOMEM where Linux says EINVAL (and
# no duplicate), and for i386/arm a hole in the guest's reserved space counts as mapped, so
# an mremap of it moves instead of EFAULT.
add_on_every_abi("mremap", qemu_user=False, reject=[r"Oops", r"WARNING", r"BUG", r"# SKIP",
                                                     r"killed by"],
                 expect=[r"28 passed, 0 failed"])
# libc_realloc: glibc's realloc of large (mmap-threshold) blocks up and down and past each
# other, which is mremap(MREMAP_MAYMOVE) underneath, and glibc's mremap() wrapper (in-place
# growth, MREMAP_FIXED, an unknown flag), contents checked at each step. Every ABI booted;
# under qemu-user on x86_64 and arm64 (on i386 and arm qemu-user cannot grow a mapping in
# place: its reservation of the guest's 4 GiB makes the room after it look taken). Debian's
# Linux 6.1 gave 8/8 on all four ABIs.
add_on_every_abi("libc_realloc", qemu_user=False, reject=[r"Oops", r"WARNING", r"BUG",
                                                          r"killed by"],
                 expect=[r"8 passed, 0 failed"])
QEMU_USER_RUNS += [("x86_64", "libc_realloc", 0, True), ("arm64", "libc_realloc", 0, True)]
# ---- end of mremap ------------------------------------------------------------------------------
