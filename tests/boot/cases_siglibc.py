# SPDX-License-Identifier: GPL-2.0
# ---- signals through glibc (issue 13; owner: siglibc) -------------------------------------------
# libc_signals (userspace/libc/signals.c): a static glibc program using signals the way real
# programs do — SA_SIGINFO's siginfo from kill/sigqueue/raise/pthread_kill, sigwait* and
# sigtimedwait, masks, sigpending, sigsuspend, SA_RESTART or not on a pipe read interrupted
# by setitimer, siglongjmp out of SIGSEGV (MAPERR/ACCERR, si_addr) and SIGFPE (x86), abort()
# and the core bit, sigaltstack, SA_NODEFER/SA_RESETHAND/sa_mask, getcontext/makecontext/
# swapcontext. As /init on every ABI and under qemu-user (Linux's answers). The only SKIPs
# allowed on Ferry are arm's: integer division never traps there.
add_on_every_abi("libc_signals",
                 reject=PROCESS_REJECT + [r"# SKIP(?! arm has no divide trap)"])
# ---- end of siglibc cases ------------------------------------------------------------------------
