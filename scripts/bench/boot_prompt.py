#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Boot to the shell's prompt, in guest instructions: Ferry and Debian's Linux 6.1 booting the
same busybox initramfs under the same deterministic QEMU.

  python3 scripts/bench/boot_prompt.py [--abi x86_64 --abi arm64 ...] [--runs N]

For each ABI: the userland (scripts/userland.py, without the probes, plus the bootmark probe
from build/probes/<abi>/; make probes builds it) booted with bootmark=1 on the kernel command
line, by scripts/userland_boot.py with icount=True (-icount as make bench has it, the RTC at a
fixed date). /etc/profile runs bootmark just before the first prompt: it prints the cycle
counter, which under -icount counts guest instructions since QEMU started the machine
(firmware, kernel, initramfs unpacking, busybox init, rcS's mounts, the login shell's start),
then powers off. Ferry's kernel comes from build/<arch> (make ARCH=<arch>), Linux's from
~/.cache/ferry/linux. Prints one line per ABI and kernel and the ratio; --json for a machine.
"""
import argparse
import json
import os
import re
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(TOP, "scripts"))
sys.path.insert(0, os.path.join(TOP, "scripts", "bench"))
import qemu  # noqa: E402
import userland  # noqa: E402
import userland_boot  # noqa: E402

MARK = re.compile(r"^BOOTMARK abi=(\S+) ticks=(\d+)", re.M)


def measure(kernel, abi, cpio, objtree=None):
    """Guest instructions from QEMU's start to the prompt, or None (the console's tail says
    why, on stderr)."""
    status, text = userland_boot.boot(kernel, abi, cpio, "bootmark=1", timeout=300,
                                      objtree=objtree, icount=True)
    m = MARK.search(text)
    if status != 0 or not m:
        print(f"boot_prompt: {kernel} {abi}: status {status}, no BOOTMARK line:\n"
              + text[-1500:], file=sys.stderr)
        return None
    return round(int(m.group(2)) * qemu.insns_per_tick(userland.ARCH_OF[abi]))


def row(abi, objtree=None, runs=2, with_linux=True, probe_dir=None):
    """One ABI's figures: {"abi", "ferry", "linux" (the lowest run, or None), "ferry_runs",
    "linux_runs"}. objtree: Ferry's build (default build/<arch>); probe_dir: where bootmark
    was built (default build/probes, or PROBE_O)."""
    mark = os.path.join(probe_dir or userland.probe_dir(), abi, "bootmark")
    if not os.path.exists(mark):
        raise FileNotFoundError(f"{mark} is missing (make probes ABIS={abi})")
    r = {"abi": abi}
    with tempfile.TemporaryDirectory(prefix="ferry-bootprompt-") as tmp:
        cpio = userland.build(abi, os.path.join(tmp, "u.cpio"), with_programs=False,
                              add=[("usr/bin/bootmark", mark)])
        for kernel in ("ferry", "linux") if with_linux else ("ferry",):
            got = [measure(kernel, abi, cpio, objtree if kernel == "ferry" else None)
                   for _ in range(runs)]
            got = [g for g in got if g is not None]
            r[kernel] = min(got) if got else None
            r[kernel + "_runs"] = got	# equal when the boot repeats exactly
    return r


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--abi", action="append", choices=userland.ABIS)
    p.add_argument("--runs", type=int, default=1, help="boots per kernel (the lowest counts)")
    p.add_argument("--json", action="store_true")
    a = p.parse_args()
    try:
        rows = [row(abi, runs=a.runs) for abi in a.abi or ["x86_64", "arm64"]]
    except FileNotFoundError as e:
        sys.exit(f"boot_prompt: {e}")
    if a.json:
        print(json.dumps(rows, indent=1))
        return 0
    print(f"{'abi':8} {'Ferry':>15} {'Linux 6.1':>15}  Ferry/Linux  (guest instructions to the prompt)")
    for r in rows:
        f, l = r["ferry"], r["linux"]
        ratio = f"{f / l:.4f} ({l / f:.0f}x fewer)" if f and l else "-"
        print(f"{r['abi']:8} {f or 0:>15,} {l or 0:>15,}  {ratio}")
        for kernel in ("ferry", "linux"):
            if len(set(r[kernel + "_runs"])) > 1:
                print(f"  {kernel}'s runs differed: {r[kernel + '_runs']}")
    return 0 if all(r["ferry"] and r["linux"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
