# SPDX-License-Identifier: GPL-2.0
# ---- the terminal (issue 12; owner: tty) -------------------------------------------------------
# tty: a host script types into the tty probe through the guest's serial line (QEMU's serial on
# a Unix socket) and compares every byte that comes back with Linux's: the same probe under
# qemu-user on a host pseudo-terminal (tests/boot/tty_session.py). Canonical editing (VERASE,
# VKILL, VWERASE with their echoes), VEOF at and inside a line, ECHO/ECHONL/ECHOCTL, ICRNL and
# IGNCR, non-canonical reads in the four VMIN/VTIME cases, FIONBIO's EAGAIN, FIONREAD,
# TCFLSH, OPOST off, winsize, /dev/tty, ^C killing the foreground job, TIOCSCTTY/TIOCNOTTY/
# TIOCGPGRP/TIOCSPGRP with Linux's errno. Every ABI (i386 and arm through compat_sys_ioctl).
# Booted, the probe (as init) mounts devtmpfs on /dev for /dev/tty, as Linux's inits do.
for _arch, _abis in ARCH_ABIS.items():
    for _abi in _abis:
        # Not parsed as KTAP: the terminal echoes typed bytes in front of some result lines
        # ("^Cok 44 ..."), exactly as Linux's transcript does, so the probe's own summary and
        # the driver's comparison are what is judged.
        add(f"{_arch}_user_{_abi}_tty", _arch, cmdline="", init=f"{_abi}/tty", ktap=False,
            timeout=300, runner="tests/boot/tty_session.py", run_args=["--abi", _abi],
            expect=[r"# probe: 72 passed, 0 failed", r"the transcript matches Linux's"],
            reject=[r"Oops", r"WARNING", r"BUG", r"not ok"])
