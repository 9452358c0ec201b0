"""The cross-ABI summary of a comparison: for each syscall family (normalize.py: open, openat
and creat are the family openat; stat64, newfstatat and fstatat64 the family newfstatat;
mmap2 and mmap the family mmap), which names each trace's program used, how often, and what
those calls cost.

This is the picture of one program on four ABIs: the same script's busybox asks for
`newfstatat` on x86_64 and arm64, `statx` then `fstatat64` on i386 and arm; `mmap` where
the 32-bit ABIs say `mmap2`; `lseek` where they say `_llseek`. Cost is the guest's
instructions (a Ferry trace booted under -icount; insns summed over the family's calls and
their mean); a Linux column from strace has host microseconds (dur_us), a different unit, so
its cost is shown as such; qemu-user gives no cost.
"""
from . import fmt


def _name(rec):
    return rec.get("name") or fmt.syscall_name(rec)


def summary(traces, norm):
    """{"traces": [labels], "rows": [{"family", "cells": [cell or None per trace]}]}, the
    families sorted by their total count over the traces, most used first. A cell:
    {"names": [[name, count], ...] (most used first), "count", "insns" (sum or None),
    "insns_mean", "dur_us" (sum or None)}."""
    fams = {}
    for k, t in enumerate(traces):
        for r in t.syscalls:
            _, family = norm.key(r)
            cell = fams.setdefault(family, [None] * len(traces))
            c = cell[k] or {"names": {}, "count": 0, "insns": None, "dur_us": None}
            cell[k] = c
            c["count"] += 1
            c["names"][_name(r)] = c["names"].get(_name(r), 0) + 1
            if r.get("insns") is not None:
                c["insns"] = (c["insns"] or 0) + r["insns"]
            if r.get("dur_us") is not None:
                c["dur_us"] = (c["dur_us"] or 0) + r["dur_us"]
    rows = []
    for family, cells in fams.items():
        for c in cells:
            if c:
                c["names"] = sorted(c["names"].items(), key=lambda nc: (-nc[1], nc[0]))
                c["insns_mean"] = c["insns"] / c["count"] if c["insns"] is not None else None
        rows.append({"family": family, "cells": cells})
    rows.sort(key=lambda r: (-sum(c["count"] for c in r["cells"] if c), r["family"]))
    return {"traces": [t.label for t in traces], "rows": rows}


def cell_text(c):
    """ "stat64 12, fstatat64 1" (a name alone when the family is only that name's)."""
    if not c:
        return "-"
    return ", ".join(f"{n} {k}" for n, k in c["names"])


def ferry_columns(traces):
    """Indexes of the first Ferry trace of each ABI: the columns the text summary shows."""
    seen, out = set(), []
    for k, t in enumerate(traces):
        if t.source == "ferry" and t.abi not in seen:
            seen.add(t.abi)
            out.append(k)
    return out


def text_lines(traces, norm, width=160):
    """The summary as text: one line per family, a column per ABI's Ferry trace (names and
    counts), then each column's instructions for that family (sum, and the mean per call).
    The families whose calls differ between the columns come first."""
    cols = ferry_columns(traces) or list(range(len(traces)))
    s = summary(traces, norm)
    if not s["rows"]:
        return []
    fam_w = max(10, min(18, max(len(r["family"]) for r in s["rows"])))
    col_w = max(12, (width - fam_w - 2) // len(cols) - 1)
    out = [f"  {'family':<{fam_w}} " + " ".join(f"{traces[k].label:<{col_w}}"[:col_w] for k in cols)]
    differ = lambda row: len({tuple(n for n, _ in c["names"]) if c else None
                              for c in (row["cells"][k] for k in cols)}) > 1
    # the families whose calls differ between the ABIs first: the cross-ABI picture
    for row in [r for r in s["rows"] if differ(r)] + [r for r in s["rows"] if not differ(r)]:
        cells = [row["cells"][k] for k in cols]
        out.append(f"  {row['family']:<{fam_w}} " + " ".join(
            f"{cell_text(c):<{col_w}}"[:col_w] for c in cells).rstrip())
        if any(c and c["insns"] is not None for c in cells):
            out.append(f"  {'':<{fam_w}} " + " ".join(
                f"{cost_text(c):<{col_w}}"[:col_w] for c in cells).rstrip())
    return out


def cost_text(c):
    """ "insns 5231 (mean 436)" for a cell with instructions, else ""."""
    if not c or c["insns"] is None:
        return ""
    return f"insns {c['insns']:.0f} (mean {c['insns_mean']:.0f})"
