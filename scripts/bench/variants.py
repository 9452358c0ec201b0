# SPDX-License-Identifier: GPL-2.0
"""One bench probe, booted as several variants of a kernel (bench.py --kstack-only and
--smap-only): a table of guest instructions per call, one column per variant, and the
differences between named pairs of columns. Each variant boots twice; icount makes the two
equal, and the caller fails the run when they are not.

  rows(abis, runs, per_call, kinds, diffs)   runs: {(kind, abi): parsed boot}
  text(title, table, kinds, diffs)           the terminal table
"""
import concurrent.futures as cf
import os

import ferry
import qemu


def boot_twice(abis, kinds, boot, jobs):
    """boot(kind, abi, n) -> parsed boot, for n = 1 and 2, jobs at a time. Returns
    ({(kind, abi): first boot}, {(kind, abi): second boot})."""
    keys = [(kind, abi, n) for abi in abis for kind in kinds for n in (1, 2)]
    with cf.ThreadPoolExecutor(max_workers=jobs) as ex:
        runs = dict(zip(keys, ex.map(lambda k: boot(*k), keys)))
    return ({(k, abi): runs[(k, abi, 1)] for k, abi, n in keys if n == 1},
            {(k, abi): runs[(k, abi, 2)] for k, abi, n in keys if n == 2})


def failed_boots(*runs):
    """The boots that did not end well, as 'kind/abi: status N (see LOG)'."""
    return [f"{k[0]}/{k[1]}: status {r['status']} (see {r['log']})"
            for one in runs for k, r in one.items() if r["status"] or not r.get("done")]


def rows(abis, runs, per_call, kinds, diffs):
    """per_call(fig, key, arch) -> instructions or None; diffs: [(a, b)] columns a - b."""
    out = []
    for abi in abis:
        arch = qemu.ARCH_OF[abi]
        for key in sorted(runs[(kinds[0], abi)].get("routes", {})):
            v = {k: per_call(runs[(k, abi)], key, arch) for k in kinds}
            route, call = key.split("/", 1)
            row = {"abi": abi, "route": route, "call": call, **v}
            for a, b in diffs:
                row[f"{a}_minus_{b}"] = (None if v[a] is None or v[b] is None
                                         else round(v[a] - v[b], 2))
            out.append(row)
    return out


def text(title, table, kinds, diffs):
    fmt = lambda x: "-" if x is None else str(x)  # noqa: E731
    cols = list(kinds) + [f"{a}_minus_{b}" for a, b in diffs]
    heads = list(kinds) + [f"{a}-{b}" for a, b in diffs]
    lines = [title, f"{'abi':7} {'route':10} {'call':10} " +
             " ".join(f"{h:>9}" for h in heads)]
    for r in table:
        lines.append(f"{r['abi']:7} {r['route']:10} {r['call']:10} " +
                     " ".join(f"{fmt(r[c]):>9}" for c in cols))
    return "\n".join(lines)


def probe_boot(abi, tree, probe, out_dir, tag, cmdline="", cpu="", args=""):
    """One icount boot of the bench probe (ferry.run), with an optional CPU model."""
    return ferry.run(abi, tree, probe, os.path.join(out_dir, "runs"), tag, cmdline=cmdline,
                     cpu=cpu, args=args)
