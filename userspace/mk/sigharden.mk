# Signal hardening (issue 13; owner: sigharden). sigharden: frame padding and reserved
# bytes, siginfo layouts through rt_sigqueueinfo (E2BIG, compat layouts), sigreturn's
# uc_stack minimum, and (arm64, arm) every register across a syscall that returns into a
# handler; libc-free on every ABI, booted and under qemu-user (tests/boot/cases_sigharden.py).
probes-common += sigharden
