# ---- signal hardening (issue 13; owner: sigharden) ---------------------------------------------
# sigharden (userspace/probes/sigharden.c): frame padding (a handler on a pattern-filled
# alternate stack finds every hole zero or the pattern, the fields Linux zeroes zero),
# rt_sigqueueinfo's siginfo layouts (E2BIG on 64-bit ABIs, the compat layouts by the sent
# signal), sigreturn's uc_stack minimum (arm64 5120), and on arm64/arm every register (x0-x30,
# sp, v0-v31, fpsr, fpcr; r0-r14, d0-d31, fpscr) across a syscall that returns into a handler
# clobbering them. Every ABI booted and under qemu-user (Linux's answers); what qemu-user
# does not pass to Linux is a named SKIP there, never on Ferry. x86_64 also under an Intel
# model (XSAVE: the header's reserved words).
add_on_every_abi("sigharden", reject=PROCESS_REJECT + [r"# SKIP"])
add("x86_64_user_x86_64_sigharden_skylake", "x86_64", cpu="Skylake-Client", cmdline="",
    init="x86_64/sigharden", ktap=True, timeout=60, reject=PROCESS_REJECT + [r"# SKIP"])
# ---- end of sigharden ---------------------------------------------------------------------------
