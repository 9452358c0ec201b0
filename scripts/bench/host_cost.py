#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""What one syscall costs the host: QEMU's own instructions per getpid, counted exactly.

Wall-time figures under TCG (the tracer's records per second) move with the host's load;
host instructions do not. This boots the trace_rate probe twice per case under valgrind's
callgrind (QEMU and every thread of it, the code TCG generates included), once with n=LOW and
once with n=HIGH getpid calls, and divides the difference of the two totals by HIGH - LOW:
boot, start-up and power-off cancel out, what is left is the cost of one call. The same for the
tracer on (--trace) and off, so the tracer's share is the difference; with --top the QEMU
functions whose counts grew most are listed (addresses where QEMU's binary has no symbol).

  scripts/bench/host_cost.py --arch arm64 [--objtree build/arm64] [--probe-out build/probes]
                             [--low 20000] [--high 100000] [--top 12]

Each boot takes a minute or two under valgrind (about 50 times slower than QEMU alone): the
guest's timer ticks at wall-clock rate, so a few hundred instructions per call of the figure
are tick interrupts that a native-speed run spreads over more calls. The trace's drain is a
host process of its own (scripts/qemu-run.py's), outside the count: the traced figure is
QEMU's side only.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

import qemu

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
QEMU_BIN = {"x86_64": "qemu-system-x86_64", "arm64": "qemu-system-aarch64"}
ABI = {"x86_64": "x86_64", "arm64": "arm64"}


class HostCostError(Exception):
    pass


def totals(text):
    """The 'totals:' line of a callgrind output file: instructions executed."""
    m = re.search(r"^totals:\s+(\d+)", text, re.M)
    if not m:
        raise HostCostError("no 'totals:' line in callgrind's output")
    return int(m.group(1))


def per_function(annotated):
    """{function: instructions} from callgrind_annotate --inclusive=no output."""
    out = {}
    for line in annotated.splitlines():
        m = re.match(r"^\s*([\d,]+)\s+(?:\(\s*[\d.]+%\)\s+)?(\S.*?)(?:\s+\[.*\])?$", line)
        if m and ":" in m.group(2):
            name = m.group(2).strip()
            out[name] = out.get(name, 0) + int(m.group(1).replace(",", ""))
    return out


def per_call(low_n, low, high_n, high):
    """Instructions per call from two runs' counts (numbers or {name: count} dicts)."""
    if isinstance(low, dict):
        return {k: (high.get(k, 0) - low.get(k, 0)) / (high_n - low_n) for k in set(low) | set(high)}
    return (high - low) / (high_n - low_n)


def boot(arch, objtree, probe, n, trace, tmp):
    """One callgrind boot of trace_rate n=N; (totals, per-function counts)."""
    wrap = os.path.join(tmp, "bin")
    os.makedirs(wrap, exist_ok=True)
    out = os.path.join(tmp, f"cg-{n}-{int(trace)}.out")
    shim = os.path.join(wrap, QEMU_BIN[arch])
    with open(shim, "w") as f:
        f.write("#!/bin/sh\nexec valgrind --tool=callgrind --smc-check=all "
                f"--callgrind-out-file='{out}' '{shutil.which(QEMU_BIN[arch])}' \"$@\"\n")
    os.chmod(shim, 0o755)
    cmd = [PYTHON, os.path.join(TOP, "scripts/qemu-run.py"), "--arch", arch, "--objtree", objtree,
           "--cpu", qemu.CPU[arch], "--mem", qemu.MEM, "--init", probe, "--args", f"n={n}",
           "--extra", " ".join(qemu.RTC), "--timeout", "3600"]
    if trace:
        cmd += ["--trace", os.path.join(tmp, f"t-{n}.jsonl")]
    env = dict(os.environ, PATH=wrap + os.pathsep + os.environ["PATH"])
    r = subprocess.run(cmd, cwd=TOP, env=env, capture_output=True, text=True)
    if r.returncode != 0 or not os.path.exists(out):
        raise HostCostError(f"the boot of n={n}{' traced' if trace else ''} failed "
                            f"(status {r.returncode}): {r.stderr.strip()[-300:]}")
    ann = subprocess.run(["callgrind_annotate", "--inclusive=no", "--threshold=100", out],
                         capture_output=True, text=True)
    if ann.returncode != 0:
        raise HostCostError(f"callgrind_annotate failed: {ann.stderr.strip()[-300:]}")
    if f"n={n} " not in r.stdout:
        raise HostCostError(f"the probe did not report its {n} calls (no 'n={n}' line)")
    return totals(open(out).read()), per_function(ann.stdout)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="host_cost", description=__doc__.split("\n")[0])
    ap.add_argument("--arch", choices=sorted(QEMU_BIN), required=True)
    ap.add_argument("--objtree")
    ap.add_argument("--probe-out", default="build/probes")
    ap.add_argument("--low", type=int, default=20000)
    ap.add_argument("--high", type=int, default=100000)
    ap.add_argument("--top", type=int, default=12)
    a = ap.parse_args(argv)
    objtree = a.objtree or f"build/{a.arch}"
    probe = os.path.join(a.probe_out, ABI[a.arch], "trace_rate")
    for path, what in ((os.path.join(objtree, "vmlinux"), "a built kernel"),
                       (probe, "the trace_rate probe (make probes)")):
        if not os.path.exists(os.path.join(TOP, path)):
            print(f"host_cost: {path}: missing ({what})", file=sys.stderr)
            return 2
    for tool in ("valgrind", "callgrind_annotate", QEMU_BIN[a.arch]):
        if not shutil.which(tool):
            print(f"host_cost: {tool} not found (scripts/install-deps.sh installs it)",
                  file=sys.stderr)
            return 2
    if not 0 < a.low < a.high:
        print("host_cost: --low must be above 0 and below --high", file=sys.stderr)
        return 2
    res = {}
    with tempfile.TemporaryDirectory(prefix="ferry-hostcost-") as tmp:
        try:
            for trace in (False, True):
                lo, hi = (boot(a.arch, objtree, probe, n, trace, tmp) for n in (a.low, a.high))
                res[trace] = (per_call(a.low, lo[0], a.high, hi[0]),
                              per_call(a.low, lo[1], a.high, hi[1]))
        except HostCostError as e:
            print(f"host_cost: {e}", file=sys.stderr)
            return 1
    off, on = res[False][0], res[True][0]
    if off <= 0 or on <= 0:
        print(f"host_cost: no cost per call left after the subtraction (untraced {off:.0f}, "
              f"traced {on:.0f}): raise --high", file=sys.stderr)
        return 1
    print(f"host instructions per getpid, {a.arch}: untraced {off:,.0f}, traced {on:,.0f} "
          f"(the tracer: +{on - off:,.0f}, x{on / off:.2f})")
    grew = sorted(((res[True][1].get(k, 0) - res[False][1].get(k, 0), k)
                   for k in set(res[True][1]) | set(res[False][1])), reverse=True)
    if a.top:
        print("  grew most with the tracer (host instructions per call):")
        for d, k in grew[:a.top]:
            print(f"  {d:8,.0f}  {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
