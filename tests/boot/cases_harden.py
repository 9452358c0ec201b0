# ---- boundaries (issue 16; owner: harden; docs/hardening.md) -----------------------------------
# attack (userspace/probes/attack.c): user mode against the kernel on every ABI — kernel
# addresses read, written and executed (SIGSEGV, SEGV_MAPERR, si_addr the address), kernel
# addresses as syscall pointers (EFAULT, nothing moved, no descriptor left open), kernel
# segment selectors (x86: SIGSEGV SI_KERNEL), masking interrupts or entering SVC mode (arm64
# SIGILL, arm: CPSR stays USR). Linux's answers: Debian's Linux 6.1 booted passes it all;
# qemu-user's gaps are named SKIPs there, never here. x86_64 also with SMEP/SMAP on.
add_on_every_abi("attack", reject=PROCESS_REJECT + [r"# SKIP"])
add("x86_64_user_x86_64_attack_skylake", "x86_64", cpu="Skylake-Client", cmdline="",
    init="x86_64/attack", ktap=True, timeout=60, reject=PROCESS_REJECT + [r"# SKIP"])
# ktest suite harden (kernel/test_harden.c) where the CPU has SMAP / PAN: plain kernel
# accesses to a mapped user page outside the uaccess window fault, stores to text and rodata
# fault; the boot log says the protections are on.
add("x86_64_ktest_harden_smap", "x86_64", cpu="max", cmdline="ktest=harden",
    expect=[r"x86/cpu: SMEP on, SMAP on", r"# SMAP on: plain load -14, plain store -14"],
    reject=[r"# SKIP"])
add("arm64_ktest_harden_pan", "arm64", cpu="max", cmdline="ktest=harden",
    expect=[r"CPU: Privileged Access Never on", r"# PAN on: plain load -14, plain store -14"],
    reject=[r"# SKIP"])
# The same rules broken without a fixup (crash=..., CONFIG_TEST_USER_ACCESS_FAULT): an Oops
# that names the protection, never a kernel that carries on.
for _arch, _cpu, _what, _says in (
        ("x86_64", "max", "user-access", r"BUG: SMAP: kernel access to user memory outside uaccess"),
        ("arm64", "max", "user-access", r"outside the user copy routines \(PAN\)"),
        ("x86_64", "max", "exec-user", r"BUG: SMEP: kernel tried to execute user memory"),
        ("arm64", None, "exec-user", r"kernel execution of user memory at 0+10000000 \(PXN\)"),
        ("x86_64", None, "write-text", r"kernel write, protection violation"),
        ("arm64", None, "write-text", r"Oops - data abort"),
        ("x86_64", None, "write-text-alias", r"kernel write, protection violation"),
        ("arm64", None, "write-text-alias", r"Oops - data abort"),
        ("x86_64", None, "exec-data", r"kernel instruction fetch, protection violation"),
        ("arm64", None, "exec-data", r"Oops - instruction abort")):
    add(f"{_arch}_crash_{_what.replace('-', '_')}_oopses", _arch, cpu=_cpu,
        cmdline=f"crash={_what}", status=EXIT_OOPS, ktap=False,
        expect=[r"Oops", _says, r"crash_test_run|harden_crash"],
        reject=[r"did not crash"])
# The uaccess windows under SMAP, beyond the probes above: getdents' one window per record
# (files_core lists directories) and the futex cmpxchg (i386's futex probe, WAKE_OP). Both fail
# with a missing window (the store's fixup turns SMAP's fault into EFAULT).
add("x86_64_user_x86_64_files_core_skylake", "x86_64", cpu="Skylake-Client", cmdline="",
    init="x86_64/files_core", ktap=True, timeout=60, reject=PROCESS_REJECT)
add("x86_64_user_i386_futex_skylake", "x86_64", cpu="Skylake-Client", cmdline="",
    init="i386/futex", ktap=True, timeout=60, reject=PROCESS_REJECT)
# RFLAGS.AC set by user code (popf) never reaches the kernel: syscall (MSR_SYSCALL_MASK),
# int $0x80 and interrupts (the clac at their entries) all run with AC clear, which only
# matters, and is only patched in, under SMAP (Skylake-Client). entry_test=ac_entry makes
# the kernel look (arch/x86/entry/entry_test.c); with either clac removed it says "set".
add("x86_64_entry_test_ac_cleared_skylake", "x86_64", cpu="Skylake-Client",
    cmdline="entry_test=ac_entry", init="x86_64/ac_entry", ktap=True, timeout=60,
    expect=[r"x86/cpu: SMEP on, SMAP on",
            r"entry_test: syscall from user with AC set: kernel AC clear",
            r"entry_test: int \$0x80 from user with AC set: kernel AC clear",
            r"entry_test: interrupt from user with AC set: kernel AC clear"],
    reject=PROCESS_REJECT + [r"kernel AC set"])
# ---- end of harden -----------------------------------------------------------------------------
