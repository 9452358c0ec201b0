"""Signal names and siginfo codes as strace prints them (x86 and arm share the numbering).

Signals 1..31 by name, 32 is SIGRTMIN and 33.. are SIGRT_1, SIGRT_2, ...; sigset_t members
drop the "SIG" prefix ([INT CHLD], ~[RTMIN RT_1] for a set with two thirds of its bits on).
"""
NAMES = [None, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
         "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
         "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
         "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"]
SIGILL, SIGTRAP, SIGBUS, SIGFPE, SIGSEGV, SIGCHLD = 4, 5, 7, 8, 11, 17
FAULT_SIGNALS = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP}
SI_QUEUE, SI_KERNEL = -1, 0x80
NSIG = 64

_USER_CODES = ["SI_USER", "SI_QUEUE", "SI_TIMER", "SI_MESGQ", "SI_ASYNCIO", "SI_SIGIO",
               "SI_TKILL", "SI_DETHREAD"]
_FAULT_CODES = {
    SIGSEGV: [None, "SEGV_MAPERR", "SEGV_ACCERR", "SEGV_BNDERR", "SEGV_PKUERR"],
    SIGFPE: [None, "FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV", "FPE_FLTOVF", "FPE_FLTUND",
             "FPE_FLTRES", "FPE_FLTINV", "FPE_FLTSUB"],
    SIGBUS: [None, "BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR"],
    SIGILL: [None, "ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR", "ILL_ILLTRP", "ILL_PRVOPC",
             "ILL_PRVREG", "ILL_COPROC", "ILL_BADSTK"],
    SIGTRAP: [None, "TRAP_BRKPT", "TRAP_TRACE", "TRAP_BRANCH", "TRAP_HWBKPT", "TRAP_UNK"],
    SIGCHLD: [None, "CLD_EXITED", "CLD_KILLED", "CLD_DUMPED", "CLD_TRAPPED", "CLD_STOPPED",
              "CLD_CONTINUED"],
}


def signame(sig):
    if 0 < sig < 32:
        return NAMES[sig]
    if sig == 32:
        return "SIGRTMIN"
    if 32 < sig <= NSIG:
        return f"SIGRT_{sig - 32}"
    return str(sig)


def si_code_name(sig, code):
    """strace's name of si_code (SI_USER, SEGV_MAPERR, CLD_EXITED, ...), else the number."""
    if -7 <= code <= 0:
        return _USER_CODES[-code]
    if code == SI_KERNEL:
        return "SI_KERNEL"
    table = _FAULT_CODES.get(sig, ())
    if 0 < code < len(table):
        return table[code]
    return str(code)


def sigset(mask, nbits=NSIG):
    """A sigset_t as strace prints it: [INT CHLD], [], or ~[...] when two thirds are set."""
    full = (1 << nbits) - 1
    mask &= full
    names = []
    # strace inverts at two thirds of the set's 32-bit words (42 of 64 bits, 21 of 32)
    invert = bin(mask).count("1") >= ((nbits + 31) // 32 * 32) * 2 // 3
    m = (~mask & full) if invert else mask
    for bit in range(nbits):
        if m >> bit & 1:
            n = signame(bit + 1)
            names.append(n[3:] if n.startswith("SIG") else n)
    return ("~" if invert else "") + "[" + " ".join(names) + "]"
