# SPDX-License-Identifier: GPL-2.0
# ---- what the session reviews found (run inside tests/boot/cases.py's namespace) ---------------
# libc_sparse_walks: a huge, nearly empty mapping read through /proc/self/statm and given
# MADV_REMOVE must cost what is mapped (before the fix, the statm read held the CPU past the
# timeout). Every ABI, booted (qemu-user fakes /proc/self/statm).
add_on_every_abi("libc_sparse_walks", qemu_user=False, timeout=60)
# ---- end of review cases ------------------------------------------------------------------------
