# ---- the files reviews' known problems, fixed (issue 12; owner: fsfixes) ---------------------
# Executed inside tests/boot/cases.py (add, add_on_every_abi, QEMU_USER_RUNS in scope).
# libc_fsfixes: directory chains 3000 levels deep (a tmpfs holding one unmounted, another
# removed from the bottom, getcwd's ENAMETOOLONG), 1000 nested tmpfs mounts detached at once,
# and the set-id rules for uid 1000 (a setgid directory's group and S_ISGID stripping, write,
# truncate and open(O_TRUNC) clearing S_ISUID/S_ISGID). Also under qemu-user (Linux's answers).
add_on_every_abi("libc_fsfixes", timeout=120)
