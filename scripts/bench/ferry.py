# SPDX-License-Identifier: GPL-2.0
"""Boot Ferry with the bench probe as /init through scripts/qemu-run.py and parse the console.

x86_64 uses the runner's --icount (shift=0); arm64 gets shift=4 through --extra so that one
CNTVCT tick is one instruction. A traced run adds --trace FILE (trace=all; the records go to
their own channel, not the console, so the BENCH lines stay the same).
"""
import os
import subprocess
import sys
import time

import parse
import qemu

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable


def run(abi, objtree, probe, out_dir, tag, boot="direct", trace=False, args="", timeout=180,
        cmdline="", icount=True, cpu="", smp=1):
    """One boot. Returns the parsed figures plus 'status', 'wall_s', 'log' and 'command' (and
    'trace', the trace file, when traced). icount=False runs on the host's clock (the tracer's
    throughput: wall time, not instructions). cpu: another CPU model than the bench's.
    smp: the CPUs QEMU gives the guest (-smp N; a traced run gets a ring per CPU)."""
    arch = qemu.ARCH_OF[abi]
    os.makedirs(out_dir, exist_ok=True)
    log = os.path.join(out_dir, f"{tag}.console.txt")
    cmd = [PYTHON, os.path.join(TOP, "scripts/qemu-run.py"), "--arch", arch,
           "--objtree", objtree, "--boot", boot, "--init", probe,
           "--cpu", cpu or qemu.CPU[arch], "--mem", qemu.MEM, "--timeout", str(timeout), "--log", log]
    extra = " ".join(qemu.RTC) + (f" -smp {smp}" if smp != 1 else "")
    if not icount:
        pass
    elif qemu.SHIFT[arch] == 0:
        cmd.append("--icount")
    else:
        extra += f" -icount {qemu.icount_arg(arch)}"
    cmd += ["--extra", extra]
    trace_file = os.path.join(out_dir, f"{tag}.trace.jsonl")
    if trace:
        cmd += ["--trace", trace_file]
    if args:
        cmd += ["--args", args]
    if cmdline:
        cmd += ["--cmdline", cmdline]
    t0 = time.monotonic()
    r = subprocess.run(cmd, cwd=TOP, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.monotonic() - t0
    text = open(log, errors="replace").read() if os.path.exists(log) else ""
    fig = parse.console(text)
    fig.update(status=r.returncode, wall_s=round(wall, 2), log=os.path.relpath(log, TOP),
               stderr=r.stderr[-500:])
    if trace:
        fig["trace"] = trace_file
    return fig
