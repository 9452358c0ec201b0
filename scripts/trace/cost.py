"""Per-route and per-ABI syscall cost: count, mean and median cycles and instructions.

Only syscall records with "cycles" (or "insns") count; traces from the Linux tools have
none and produce no rows.
"""
import statistics


def _stats(vals):
    vals = [v for v in vals if v is not None]
    if not vals:
        return None
    return {"n": len(vals), "mean": statistics.fmean(vals), "median": statistics.median(vals)}


def by_route(trace):
    """[{"abi", "route", "n", "cycles": stats|None, "insns": stats|None}] sorted by abi, route."""
    groups = {}
    for r in trace.syscalls:
        groups.setdefault((r.get("abi") or "?", r.get("route") or "?"), []).append(r)
    rows = []
    for (abi, route), recs in sorted(groups.items()):
        cyc = _stats([r.get("cycles") for r in recs])
        ins = _stats([r.get("insns") for r in recs])
        if cyc or ins:
            rows.append({"abi": abi, "route": route, "n": len(recs), "cycles": cyc, "insns": ins})
    return rows


def by_abi(trace):
    groups = {}
    for r in trace.syscalls:
        groups.setdefault(r.get("abi") or "?", []).append(r)
    rows = []
    for abi, recs in sorted(groups.items()):
        cyc = _stats([r.get("cycles") for r in recs])
        ins = _stats([r.get("insns") for r in recs])
        if cyc or ins:
            rows.append({"abi": abi, "route": "all", "n": len(recs), "cycles": cyc, "insns": ins})
    return rows
