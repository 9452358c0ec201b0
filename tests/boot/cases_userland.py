# ---- the userland (issue 14; owner: userland) -------------------------------------------------
# reboot: reboot(2) in Linux's order of checks (EPERM for euid 1000, the magic numbers, refused
# commands, CAD_ON/OFF, RESTART2's EFAULT), sethostname/setdomainname, then the power-off that
# must end the run with status 0 (the probe exits 1 if reboot returns). Boot only: under
# qemu-user these calls would reach the host's kernel.
add_on_every_abi("reboot", qemu_user=False, expect=[r"^Power down \(status 0\)"])
# shell: the console's busybox shell as a person uses it (tests/boot/shell_session.py types into
# the serial line): DEL and ^U line editing, ^C on a foreground sleep (status 130), ^Z then
# jobs/bg/jobs/fg and ^C, "sleep 0.1 & wait", a pasted 125-byte line, exit powering off with
# status 0. The patterns are
# Linux 6.1's transcript (shell_session.py --kernel linux). x86_64, arm64 and one 32-bit
# userland (arm on the arm64 kernel); about 5 s each.
for _arch, _abi in (("x86_64", "x86_64"), ("arm64", "arm64"), ("arm64", "arm")):
    add(f"{_arch}_userland_{_abi}_shell", _arch, cmdline="", ktap=False, timeout=120,
        runner="tests/boot/shell_session.py", run_args=["--abi", _abi],
        expect=[r"# shell_session: 13 steps passed$", r"^Power down \(status 0\)"],
        reject=[r"Oops", r"WARNING", r"BUG", r"job control turned off"])
