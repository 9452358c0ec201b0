#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Boot a userland initramfs (scripts/userland.py) on Ferry or on Debian's Linux 6.1, under the
same QEMU, and hand back the status and the console.

  userland_boot.py --kernel ferry|linux --abi ABI [--cpio FILE] [--cmdline WORDS]
                   [--timeout SEC] [--icount]

As a module: boot(kernel, abi, cpio, cmdline="", timeout=300) -> (status, console_text), for
the suite runner (scripts/suite.py) and the comparison of scripts (make compare).

  ferry   scripts/qemu-run.py with the kernel built in objtree (default build/<arch>, as make
          builds it; build it first), the cpio as -initrd: status is the kernel's (0 after a
          power-off, see qemu-run.py), 124 on timeout.
  linux   Debian's cloud kernel for the arch (scripts/bench/linux.py fetches it into
          ~/.cache/ferry/linux), with console=ttyS0|ttyAMA0 and panic=-1 added to cmdline, and
          -no-reboot: a power-off or a restart ends QEMU with 0; a panic (init exited) restarts,
          which -no-reboot also turns into 0, so the console is the judge there; 124 on timeout.
The x86_64 kernel runs the x86_64 and i386 userlands, the arm64 kernel arm64 and arm. Both boot
with the same CPU model and memory (scripts/bench/qemu.py); icount=True adds the benchmark's
deterministic -icount and fixed RTC to both.
"""
import argparse
import os
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "scripts"))
sys.path.insert(0, os.path.join(TOP, "scripts", "bench"))
import userland  # noqa: E402
import linux  # noqa: E402  (scripts/bench/linux.py)
import qemu  # noqa: E402  (scripts/bench/qemu.py)

STATUS_TIMEOUT = 124


def ferry_command(abi, cpio, cmdline, timeout, objtree=None, icount=False):
    arch = userland.ARCH_OF[abi]
    cmd = [sys.executable, os.path.join(TOP, "scripts", "qemu-run.py"), "--arch", arch,
           "--objtree", objtree or os.path.join(TOP, "build", arch), "--initrd", cpio,
           f"--cmdline={cmdline}", f"--timeout={timeout}", f"--cpu={qemu.CPU[arch]}",
           f"--mem={qemu.MEM}"]
    if icount:
        # The bench's settings (scripts/bench/ferry.py): the runner's --icount is shift=0,
        # right for x86_64; arm64 takes shift=4 (one CNTVCT tick per instruction) by --extra.
        extra = " ".join(qemu.RTC)
        if arch == "x86_64":
            cmd.append("--icount")
        else:
            extra += f" -icount {qemu.icount_arg(arch)}"
        cmd.append(f"--extra={extra}")
    return cmd


def linux_command(abi, cpio, cmdline, icount=False, log=None):
    arch = userland.ARCH_OF[abi]
    image = linux.fetch(arch, log=log or (lambda m: None))["image"]
    append = f"console={linux.CONSOLE[arch]} panic=-1 {cmdline}".strip()
    cmd = ["qemu-system-x86_64"] if arch == "x86_64" else ["qemu-system-aarch64", "-M", "virt"]
    cmd += ["-cpu", qemu.CPU[arch], "-m", qemu.MEM, "-display", "none", "-monitor", "none",
            "-serial", "stdio", "-nic", "none", "-no-reboot",
            "-kernel", image, "-initrd", cpio, "-append", append]
    if icount:
        cmd += ["-icount", qemu.icount_arg(arch)] + qemu.RTC
    return cmd


def boot(kernel, abi, cpio, cmdline="", timeout=300, objtree=None, icount=False, log=None):
    """Boot cpio on kernel ("ferry" or "linux") for abi; (status, console text)."""
    if abi not in userland.ABIS:
        raise ValueError(f"{abi}: not an ABI ({', '.join(userland.ABIS)})")
    if kernel == "ferry":
        cmd = ferry_command(abi, cpio, cmdline, timeout, objtree, icount)
        limit = timeout + 30	# qemu-run.py keeps its own timeout; this one is a backstop
    elif kernel == "linux":
        cmd = linux_command(abi, cpio, cmdline, icount, log)
        limit = timeout
    else:
        raise ValueError(f"{kernel}: the kernel is ferry or linux")
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=limit)
        status = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        out, err = proc.communicate()
        status = STATUS_TIMEOUT
    text = out.decode(errors="replace")
    # A failed boot (not a power-off, not our timeout) or a silent one: QEMU's or the
    # runner's stderr says why (a missing cpio, a bad option), after the console.
    if status not in (0, STATUS_TIMEOUT) or not text.strip():
        if text and not text.endswith("\n"):
            text += "\n"
        text += err.decode(errors="replace")
    return status, text


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--kernel", choices=("ferry", "linux"), default="ferry")
    p.add_argument("--abi", required=True, choices=userland.ABIS)
    p.add_argument("--cpio", help="the initramfs (default: scripts/userland.py builds it)")
    p.add_argument("--cmdline", default="")
    p.add_argument("--timeout", type=float, default=300)
    p.add_argument("--icount", action="store_true")
    p.add_argument("--objtree", help="Ferry's build folder (default build/<arch>)")
    a = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="ferry-userland-") as tmp:
        try:
            cpio = a.cpio or userland.build(a.abi, os.path.join(tmp, "userland.cpio"),
                                            log=lambda m: print(m, file=sys.stderr))
            status, text = boot(a.kernel, a.abi, cpio, a.cmdline, a.timeout, a.objtree,
                                a.icount, log=lambda m: print(m, file=sys.stderr))
        except (userland.UserlandError, linux.FetchError) as e:	# one line, no traceback
            sys.exit(f"userland_boot: {a.kernel} {a.abi}: {e}")
    sys.stdout.write(text)
    print(f"userland_boot: {a.kernel} {a.abi}: status {status}", file=sys.stderr)
    sys.exit(status)


if __name__ == "__main__":
    main()
