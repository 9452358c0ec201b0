# ---- random kernel stack offset (issue 16; owner: kstack) ---------------------------------------
# kstack (userspace/probes/kstack.c) makes 64 getpid calls through each entry route of its ABI;
# with kstack_report on the command line the kernel notes where the syscall path's frame sits
# on the stack and prints, every 32 calls of a route, how many different places it saw
# (kernel/kstack_offset.c). randomize_kstack_offset=on: at least 8 of 32 differ on every route
# (6 bits of entropy on arm64, 7 on x86: about 25 in practice); off (Linux's default at boot):
# exactly 1. sysenter needs an Intel CPU model (qemu64's vDSO takes syscall32).
KSTACK_ROUTES = {"x86_64": ("syscall64", "int80"), "i386": ("int80", "syscall32"),
                 "arm64": ("svc",), "arm": ("svc32",)}
KSTACK_REJECT = [r"Oops", r"WARNING", r"BUG", r"killed by"]


def kstack_on(routes):
    return dict(expect=[rf"kstack offset: {r}: 32 calls, ([89]|[1-9]\d) distinct stack pointers "
                        r"\(offset on\)" for r in routes],
                reject=KSTACK_REJECT + [r"kstack offset: \w+: 32 calls, [0-7] distinct"])


def kstack_off(routes):
    return dict(expect=[rf"kstack offset: {r}: 32 calls, 1 distinct stack pointers \(offset off\)"
                        for r in routes],
                reject=KSTACK_REJECT + [r"kstack offset: \w+: 32 calls, ([02-9]|\d\d+) distinct"])


for _arch, _abis in {"x86_64": ("x86_64", "i386"), "arm64": ("arm64", "arm")}.items():
    for _abi in _abis:
        add(f"{_arch}_user_{_abi}_kstack_offset_varies_when_on", _arch,
            cmdline="kstack_report randomize_kstack_offset=on", init=f"{_abi}/kstack",
            ktap=True, **kstack_on(KSTACK_ROUTES[_abi]))
    add(f"{_arch}_user_{_abis[0]}_kstack_offset_fixed_when_off", _arch, cmdline="kstack_report",
        init=f"{_abis[0]}/kstack", ktap=True, **kstack_off(KSTACK_ROUTES[_abis[0]]))
add("x86_64_user_i386_kstack_offset_varies_sysenter_skylake", "x86_64", cpu="Skylake-Client",
    cmdline="kstack_report randomize_kstack_offset=on", init="i386/kstack", ktap=True,
    **kstack_on(("int80", "sysenter", "syscall32")))
# A kernel stack overflow inside a syscall, on the task's own stack (below the random offset):
# crash=stack-overflow-syscall (kernel/crash_test.c) makes pid 1's first syscall recurse for
# ever. One "kernel stack overflow" line from the guard page (x86: the #DF on its IST stack;
# arm64: the vector's stack check, then the overflow stack), the Oops status, no second
# overflow, no triple fault (that would be a reset: QEMU's status, not 251) and no hang.
for _arch in ("x86_64", "arm64"):
    add(f"{_arch}_crash_stack_overflow_in_syscall", _arch,
        cmdline="crash=stack-overflow-syscall randomize_kstack_offset=on",
        init=f"{_arch}/kstack", status=EXIT_OOPS, ktap=False,
        expect=[r"crash test: recursing in a syscall of pid 1", r"^kernel stack overflow",
                r"^Oops: "],
        reject=[r"(?s)^kernel stack overflow.*^kernel stack overflow", r"(?i)triple fault",
                r"Kernel panic"])
# ---- end of kstack ------------------------------------------------------------------------------
