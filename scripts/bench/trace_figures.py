# SPDX-License-Identifier: GPL-2.0
"""The tracer's figures (issue 15): what tracing adds to a call, Ferry's and Linux's ftrace's,
and how many records per second Ferry's tracer keeps without dropping one.

Extra instructions per traced call: the bench probe's figure for a route booted traced minus
the same route booted untraced, on the same kernel, under -icount. Ferry: `trace=all` through
scripts/qemu-run.py --trace (the traced column). Linux: the same probe exec'd by
userspace/probes/ftrace_bench.c with the raw_syscalls events on (every call), or with
syscalls:sys_enter_getpid/sys_exit_getpid (getpid rows only: Linux does not give compat tasks
those events, so the i386 and arm rows have none).

Throughput: userspace/probes/trace_rate.c booted traced without -icount makes n getpid calls
and times them with CLOCK_MONOTONIC; the rate counts only when the decoded trace holds n + 1
getpid records of that pid and nothing was dropped.
"""
import os
import sys

# Extra instructions per traced call at most (issue 15's "Figures and targets").
EXTRA_TARGETS = {"getpid": 600, "write32": 1000, "openat30": 1000}
RATE_TARGET = 1_000_000		# records per second of wall time, nothing dropped
RATE_CALLS = 100_000		# getpid calls per rate boot (today's 32 MiB x86 file holds them)
# Linux's syscalls:sys_*_getpid events do not fire for compat tasks.
COMPAT_ABIS = {"i386", "arm"}
COMPAT_ROUTES = {("x86_64", "int80")}


def minus(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return round(a - b, 2)
    return None


def extra_rows(routes, linux_raw=None, linux_getpid=None):
    """One row per route whose call has a target (getpid, write32, openat30). routes: the
    bench's route rows ('ferry', 'ferry_traced', 'linux'); linux_raw / linux_getpid:
    {(abi, route, call): instructions per call} of the traced Linux boots."""
    linux_raw, linux_getpid = linux_raw or {}, linux_getpid or {}
    rows = []
    for r in routes:
        if r["call"] not in EXTRA_TARGETS:
            continue
        key = (r["abi"], r["route"], r["call"])
        row = {"abi": r["abi"], "route": r["route"], "call": r["call"],
               "ferry": r.get("ferry"), "ferry_traced": r.get("ferry_traced"),
               "ferry_extra": minus(r.get("ferry_traced"), r.get("ferry")),
               "linux": r.get("linux"), "linux_raw": linux_raw.get(key),
               "linux_raw_extra": minus(linux_raw.get(key), r.get("linux")),
               "target": EXTRA_TARGETS[r["call"]]}
        if r["call"] == "getpid" and r["abi"] not in COMPAT_ABIS \
                and (r["abi"], r["route"]) not in COMPAT_ROUTES:
            row["linux_getpid_extra"] = minus(linux_getpid.get(key), r.get("linux"))
        row["meets"] = (row["ferry_extra"] <= row["target"]
                        if row["ferry_extra"] is not None else None)
        rows.append(row)
    return rows


def load_trace(path):
    """The decoded trace (scripts/trace/records.py) of a traced boot, or None."""
    if not os.path.exists(path):
        return None
    here = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "trace")
    if here not in sys.path:
        sys.path.insert(0, here)
    import _boot  # noqa: E402 (scripts/trace/ as the package ferrytrace)
    _boot.package()
    from ferrytrace import records  # noqa: E402
    return records.load(path, warn=lambda msg: None)


def rate_row(arch, fig, trace_path):
    """The throughput row of one trace_rate boot: records/s, checked against its trace.
    fig: the parsed console (parse.console's 'rates'); trace_path: its decoded trace."""
    row = {"arch": arch, "target": RATE_TARGET, "trace": trace_path}
    r = fig.get("rates", {}).get("trace_getpid")
    if not r or "ns" not in r:
        row["error"] = (r or {}).get("missing") or f"no rate line (status {fig.get('status')})"
        row["meets"] = False
        return row
    row.update(n=r["n"], ns=r["ns"], pid=r["pid"],
               per_s=round(r["n"] * 1e9 / r["ns"]) if r["ns"] else None)
    if r.get("procs", 1) > 1:		# trace_rate procs=P: P processes, pinned to CPUs
        row.update(procs=r["procs"], cpus=r.get("cpus"))
    tr = load_trace(trace_path)
    if tr is None:
        row["error"] = "no trace file"
    else:
        # procs=P: the calls of the probe's forked children count too (the probe is the
        # only traced program of the boot)
        row["records"] = sum(1 for s in tr.syscalls if s.get("name") == "getpid"
                             and (s.get("pid") == r["pid"] or r.get("procs", 1) > 1))
        row["ring_cpus"] = len({s.get("cpu") for s in tr.syscalls if s.get("cpu") is not None})
        row["dropped"] = tr.dropped
        if row["records"] != r["n"] + 1:
            row["error"] = f"{row['records']} getpid records in the trace, expected {r['n'] + 1}"
        elif row["dropped"]:
            row["error"] = f"{row['dropped']} records dropped"
    row["meets"] = "error" not in row and row["per_s"] is not None and row["per_s"] >= RATE_TARGET
    return row


def best_rate(rows):
    """Of several runs of one arch, the fastest one that kept every record (else the first)."""
    good = [r for r in rows if "error" not in r and r.get("per_s")]
    best = max(good, key=lambda r: r["per_s"]) if good else rows[0]
    return dict(best, runs=[r.get("per_s") if "error" not in r else r["error"] for r in rows])


def misses(extra, rates):
    """Lines for the 'Targets missed' summary."""
    out = [f"{r['abi']} {r['route']} {r['call']} traced: {r['ferry_extra']:,} extra > "
           f"{r['target']:,}" for r in extra if r.get("meets") is False]
    out += [f"{r['arch']}{' -smp ' + str(r['smp']) if r.get('smp') else ''} trace throughput: "
            + (f"{r['per_s']:,} records/s < {r['target']:,}" if "error" not in r
               else r["error"]) for r in rates if r.get("meets") is False]
    return out
