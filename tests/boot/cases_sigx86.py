# SPDX-License-Identifier: GPL-2.0
# ---- x86 signal frames, sigreturn, faults and restart (issue 13; owner: sigx86) -----------------
# sigframe_x86 (userspace/probes/sigframe_x86.c) on both x86 ABIs, booted, under the default
# AMD-vendor model (FXSAVE, the vDSO's syscall) and an Intel one (Skylake-Client: XSAVE with
# AVX, the vDSO's sysenter). Not under qemu-user: it does not model what this probe checks
# (sigcontext trapno stays -1, no UC_SIGCONTEXT_SS, handlers entered without Linux's
# alignment or FPU reset, and a forged sigreturn aborts qemu itself). The reference is Linux
# 6.1 booted with the probe (scripts/trace/linux_kernel.py --keep-logs, the console's KTAP):
# every check the probe makes passed there (docs/signals.md, "x86").
for _cpu, _tag in ((None, ""), ("Skylake-Client", "_skylake")):
    for _abi in ("x86_64", "i386"):
        add(f"x86_64_user_{_abi}_sigframe_x86{_tag}", "x86_64", cpu=_cpu, cmdline="",
            init=f"{_abi}/sigframe_x86", ktap=True, timeout=90,
            reject=PROCESS_REJECT + [r"# SKIP"])  # SKIPs are for qemu-user only
# ---- end of sigx86 cases -------------------------------------------------------------------------
