# Signals, generic half (issue 13; owner: sigcore). Executed in tests/boot/cases.py's
# namespace.
#
# signals: masks, pending sets, rt_sigtimedwait, kill/tkill/tgkill and their permissions,
# rt_sigqueueinfo's EPERM rule, deaths by signal, stop/continue seen by wait4/waitid,
# SIGCHLD (CLD_* siginfo, SA_NOCLDSTOP, SA_NOCLDWAIT/SIG_IGN reaping), RLIMIT_SIGPENDING,
# real-time queueing order, setitimer/alarm, sigaltstack, errno of bad arguments. As /init
# on every ABI and under qemu-user (Linux's answers; what qemu-user cannot emulate — one
# instance per signal, SA_NOCLDSTOP/SA_NOCLDWAIT not passed to the host, clone's exit
# signal — is a named SKIP there only).
add_on_every_abi("signals", reject=PROCESS_REJECT + [r"# SKIP"])  # a SKIP is for qemu-user only
