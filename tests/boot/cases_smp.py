# SMP (issue 17; owner: smpcore). Executed by tests/boot/cases.py, whose names it uses.
#
# The process, thread, futex, pipe and signal probes at -smp 2 and -smp 4 on each arch's own
# ABI and at -smp 4 on its compat ABI, all five in one boot per ABI and CPU count
# (userspace/libc/run_probes.c runs them in turn as /init): 6 boots instead of 30, the boot
# being most of a short probe's time. Their -smp 1 cases (every ABI) stay as they are.
#
# The stress test (userspace/libc/smp_stress.c) at -smp 4: threads on every CPU hammering
# futex wake-ups, pipes, fork/exit/wait4 and mmap/munmap for a bounded number of rounds, then
# pinning themselves with sched_setaffinity; booted with mm_selfcheck, so the kernel's page
# allocator, slabs and areas are checked at every exit and the pages in use must be back to
# the first fork's baseline at the end (no leaked page).
SMP_SUITES = ("procs", "libc_threads", "futex", "pipes", "signals")
SMP_REJECT = [r"Oops", r"Kernel panic", r"killed by", r"WARNING", r"BUG", r"^not ok"]
SMP_STRESS_ROUNDS = 10		# about 10-30 s of a loaded 2-core host at -smp 4


def _suite_files(abi):
    return lambda tmp, probes: [f"/bin/{p}={os.path.join(probes, abi, p)}" for p in SMP_SUITES]


# Each arch's own ABI at 2 and 4 CPUs; its 32-bit compat ABI (i386, arm) at 4, where the
# compat entry routes meet the most cross-CPU traffic.
SMP_ABIS = (("x86_64", "x86_64", (2, 4)), ("x86_64", "i386", (4,)),
            ("arm64", "arm64", (2, 4)), ("arm64", "arm", (4,)))

for _arch, _abi, _cpu_counts in SMP_ABIS:
    for _cpus in _cpu_counts:
        add(f"{_arch}_user_{_abi}_smp{_cpus}_suites", _arch, cmdline="",
            init=f"{_abi}/libc_run_probes", smp=_cpus, ktap=False, timeout=240,
            files=_suite_files(_abi), run_args=["--args", " ".join(SMP_SUITES)],
            expect=[rf"smp: Brought up 1 node, {_cpus} CPUs",
                    rf"# run_probes: {len(SMP_SUITES)} passed, 0 failed"],
            reject=SMP_REJECT)
    add(f"{_arch}_user_{_abi}_smp4_stress", _arch, cmdline="mm_selfcheck",
        init=f"{_abi}/libc_smp_stress", smp=4, ktap=False, timeout=240,
        run_args=["--args", f"rounds={SMP_STRESS_ROUNDS}"],
        expect=[r"smp: Brought up 1 node, 4 CPUs", r"# smp_stress: passed",
                r"# the threads ran on 4 of 4 CPUs",
                r"# mm_selfcheck: 4 passed, 0 failed"],
        reject=SMP_REJECT)

# userspace/probes/cpu_hop.c on x86 (arm64's two cases are in cases.py): init moved onto
# each CPU in turn, a child forked there, then one child per CPU at once.
add("x86_64_smp4_user_x86_64_cpu_hop", "x86_64", cmdline="", init="x86_64/cpu_hop", ktap=True,
    smp=4, expect=[r"ok \d+ CPU3: a child forked there"], reject=SMP_REJECT)
add("x86_64_smp2_user_i386_cpu_hop", "x86_64", cmdline="", init="i386/cpu_hop", ktap=True,
    smp=2, expect=[r"ok \d+ CPU1: a child forked there"], reject=SMP_REJECT)
