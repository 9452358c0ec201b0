# Syscall restart (issue 13, "Restart"; owner: sigrestart). Executed in tests/boot/cases.py's
# namespace.
#
# sigrestart: how a signal ends or restarts each blocking call — pipe read/write and wait4
# under SA_RESTART and without, nanosleep/clock_nanosleep (EINTR and rem with a handler;
# resumed through restart_syscall for the time left after a stop and continue), futex
# waits with and without a timeout, poll/ppoll/select/pselect6 (the time left written back,
# poll's restart block, ppoll's mask), pause, rt_sigsuspend, rt_sigtimedwait with a huge
# timeout, fork under a 1 ms timer, and no -ERESTART* code reaching user space. As /init on
# every ABI and under qemu-user (Linux's answers). About 1.5 s of sleeps per run.
add_on_every_abi("sigrestart", reject=PROCESS_REJECT + [r"# SKIP"])
