# SPDX-License-Identifier: GPL-2.0
"""Read figures out of a console log: the probe's BENCH lines and the kernel's boot lines
(Ferry's "ready (cycles N)", the "Memory: NK/MK available" line Ferry and Linux both print)."""
import re

BENCH = re.compile(r"^BENCH (.*)$", re.M)
READY = re.compile(r"Ferry \S+: ready \(cycles (\d+)\)")
MEMORY = re.compile(r"Memory: (\d+)K/(\d+)K available(?: \(([^)]*)\))?")
# Both kernels' line when the secondary CPUs are up (Ferry's kernel/smp.c, Linux's smp_init).
CPUS_UP = re.compile(r"smp: Brought up \d+ nodes?, (\d+) CPUs?")


def fields(text):
    return dict(kv.split("=", 1) for kv in text.split() if "=" in kv)


def number(s):
    return float(s) if "." in s else int(s)


def console(text):
    """{'first_user', 'ready', 'mem_avail_k', 'mem_total_k', 'mem_detail', 'routes': {route/call: {...}},
    'ops': {op: {...}}, 'mem': {per_process: {'kib', ...}}, 'done'} from one boot's console text
    (bench.c's lines, bench_procs.c's op= and mem= lines, trace_rate.c's rate= line)."""
    out = {"routes": {}, "ops": {}, "mem": {}, "rates": {}, "done": False}
    for m in BENCH.finditer(text):
        f = fields(m.group(1))
        if "cpus" in f:		# bench_smp: the CPUs the probe may run on
            out["allowed_cpus"] = int(f["cpus"])
        if "first_user" in f:
            out["first_user"] = int(f["first_user"])
            out["counter"] = f.get("counter")
        elif "route" in f and "per_call" in f:
            out["routes"][f"{f['route']}/{f['call']}"] = {
                "per_call": number(f["per_call"]), "spread": number(f["spread"]),
                "empty": int(f["empty"]), "n": int(f["n"]), "batches": int(f["batches"])}
        elif "op" in f and "per_op" in f:
            out["ops"][f["op"]] = {"per_op": number(f["per_op"]), "spread": number(f["spread"]),
                                   "n": int(f["n"]), "batches": int(f["batches"])}
            if "alternating" in f:	# bench_procs' switch figures: batches that alternated
                out["ops"][f["op"]]["alternating"] = int(f["alternating"])
        elif "op" in f and "missing" in f:
            out["ops"][f["op"]] = {"missing": f["missing"]}
        elif "mem" in f:	# bench_procs: KiB of free memory per forked process
            out["mem"][f["mem"]] = ({"kib": number(f["kib"]), "n": int(f["n"]),
                                     "before_kib": int(f["before_kib"]),
                                     "after_kib": int(f["after_kib"])}
                                    if "kib" in f else {"missing": f.get("missing", "?")})
        elif "rate" in f:	# trace_rate: n traced calls in ns of wall time
            out["rates"][f["rate"]] = ({"n": int(f["n"]), "ns": int(f["ns"]), "pid": int(f["pid"]),
                                        **{k: int(f[k]) for k in ("procs", "cpus") if k in f}}
                                       if "ns" in f else {"missing": f.get("missing", "?")})
        elif "route" in f and "missing" in f:
            out["routes"][f"{f['route']}/{f['call']}"] = {"missing": f["missing"]}
        elif m.group(1).strip() == "done":
            out["done"] = True
    m = READY.search(text)
    if m:
        out["ready"] = int(m.group(1))
    m = CPUS_UP.search(text)
    if m:
        out["cpus_up"] = int(m.group(1))
    m = MEMORY.search(text)
    if m:
        out["mem_avail_k"], out["mem_total_k"] = int(m.group(1)), int(m.group(2))
        out["mem_detail"] = m.group(3) or ""
    return out
