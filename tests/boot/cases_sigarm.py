# ---- signals on arm64 and arm (issue 13; owner: sigarm) ---------------------------------------
# sigframe_arm: the frames handlers see on arm64 and arm (AArch32): siginfo and ucontext of
# SIGSEGV (MAPERR, ACCERR), SIGILL, SIGTRAP and (arm64) SIGBUS with si_addr, pc, fault
# address, arm64's esr_context and {fp, lr} frame record, arm's error_code; a handler that
# edits a register and skips the faulting instruction; the kernel's sigreturn code as the
# handler's return address; a Thumb handler; FP/SIMD registers back after a handler clobbers
# them; every register but x0/r0 kept across a signal delivered on a syscall's return; a
# pipe read restarted (SA_RESTART) or failing with EINTR from A64, A32 and Thumb svc; frames
# with a bad FP/SIMD record killing only their process. Under qemu-user too (Linux's
# answers); a "# SKIP" there marks what qemu-user leaves out of its frames, which Ferry
# must write (so SKIP is rejected on Ferry).
for _abi in ("arm64", "arm"):
    add(f"arm64_user_{_abi}_sigframe_arm", "arm64", cmdline="", init=f"{_abi}/sigframe_arm",
        ktap=True, timeout=120, reject=[r"Oops", r"WARNING", r"BUG", r"# SKIP"])
    # "forged": frames whose PSTATE/CPSR names a privileged mode, the other execution state
    # or masked interrupts: Linux's valid_user_regs refuses them (SIGSEGV); qemu-user does
    # not check, so these run booted only.
    add(f"arm64_user_{_abi}_sigframe_arm_forged", "arm64", cmdline="",
        init=f"{_abi}/sigframe_arm", ktap=True, timeout=120, run_args=["--args", "forged"],
        reject=[r"Oops", r"WARNING", r"BUG", r"# SKIP"])
QEMU_USER_RUNS += [("arm64", "sigframe_arm", 0, True), ("arm", "sigframe_arm", 0, True)]
# ---- end of signals on arm64 and arm -----------------------------------------------------------
