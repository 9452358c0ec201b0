# SPDX-License-Identifier: GPL-2.0
"""make check: tracing that is off costs a syscall nothing beyond its flag tests.

The bench probe (userspace/probes/bench.c) runs under -icount on two kernels of each arch:
the defconfig kernel with the tracer on but not for this task (trace=comm:nobody, trace
channel attached), and a kernel built with CONFIG_SYSCALL_TRACE=n. For every route and call
the per-call instruction counts may differ by at most MAX_EXTRA (the issue's "one flag
test"); the untraced run must also write no syscall record. make bench reports the same
figures with Linux beside them; this is the pass/fail form.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(TOP, "scripts", "bench"))

import builds  # noqa: E402
import ferry  # noqa: E402
import qemu  # noqa: E402

MAX_EXTRA = 2
ABIS = {"x86_64": ["x86_64", "i386"], "arm64": ["arm64"]}


def notrace_kernel(arch, objtree):
    """Build the CONFIG_SYSCALL_TRACE=n kernel; None or why it failed."""
    try:
        builds.notrace_build(arch, objtree)
        return None
    except builds.BuildError as e:
        return str(e)


def per_call(fig, key, arch):
    r = fig["routes"].get(key, {})
    return r["per_call"] * qemu.insns_per_tick(arch) if "per_call" in r else None


def compare(abi, traced_objtree, notrace_objtree, probe, out_dir):
    """(ok, diagnostic lines) for one ABI."""
    arch = qemu.ARCH_OF[abi]
    on = ferry.run(abi, traced_objtree, probe, out_dir, f"{abi}-trace-off", trace=True,
                   cmdline="trace=comm:nobody")
    off = ferry.run(abi, notrace_objtree, probe, out_dir, f"{abi}-notrace")
    lines, ok = [], on["status"] == 0 and off["status"] == 0 and on["done"] and off["done"]
    if not ok:
        lines.append(f"boot failed: status {on['status']} / {off['status']} "
                     f"(logs {on['log']}, {off['log']})")
    for key in sorted(off["routes"]):
        a, b = per_call(on, key, arch), per_call(off, key, arch)
        good = a is not None and b is not None and a - b <= MAX_EXTRA
        ok = ok and good
        lines.append(f"{key}: tracer on, task untraced {a}; CONFIG_SYSCALL_TRACE=n {b}"
                     f"{'' if good else f'  (more than {MAX_EXTRA} apart)'}")
    trace_file = os.path.join(out_dir, f"{abi}-trace-off.trace.jsonl")
    records = [json.loads(ln) for ln in open(trace_file)] if os.path.exists(trace_file) else []
    syscalls = [r for r in records if r.get("type") == "syscall"]
    if syscalls:
        ok = False
        lines.append(f"{len(syscalls)} syscall records from a task that is not traced")
    if not off["routes"]:
        ok = False
        lines.append("no BENCH figures in the console")
    return ok, lines
