# Signals (issue 13; owner: sigcore). signals: everything that needs no handler (masks,
# pending sets, rt_sigtimedwait, kill/tkill/tgkill, deaths, stop/continue, SIGCHLD, limits,
# timers, sigaltstack), libc-free on every ABI and under qemu-user.
probes-common += signals
