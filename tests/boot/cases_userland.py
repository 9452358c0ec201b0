# ---- the userland (issue 14; owner: userland) -------------------------------------------------
# reboot: reboot(2) in Linux's order of checks (EPERM for euid 1000, the magic numbers, refused
# commands, CAD_ON/OFF, RESTART2's EFAULT), sethostname/setdomainname, then the power-off that
# must end the run with status 0 (the probe exits 1 if reboot returns). Boot only: under
# qemu-user these calls would reach the host's kernel.
add_on_every_abi("reboot", qemu_user=False, expect=[r"^Power down \(status 0\)"])
