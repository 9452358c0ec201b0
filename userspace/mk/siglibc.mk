# Signals through glibc (issue 13; owner: siglibc). libc_signals: sigaction/signal/sigqueue/
# raise/pthread_kill and their siginfo, sigwait*/sigtimedwait, masks, sigsuspend, SA_RESTART
# on a pipe read, siglongjmp out of SIGSEGV/SIGFPE, abort(), sigaltstack, nesting,
# ucontext; every ABI booted and under qemu-user.
probes-libc-extra += libc_signals
