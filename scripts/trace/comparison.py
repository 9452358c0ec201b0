"""Compare several traces against the first: alignment, classes, known differences, and the
merged side-by-side rows every report is drawn from.

Each other trace is aligned with the first (align.py); the alignments are then merged on the
first trace's records: a row holds at most one record per trace. Records only in other traces
sit between the first trace's records where their alignment put them; such records of
several traces in the same gap share a row when their names agree.
"""
import os

from . import align, cost, fmt, known, normalize

UNEXPECTED = (align.DIFFER, align.ONLY_A, align.ONLY_B)


def shown_path(path):
    """A trace's path as the reports show it: relative to the current directory when it is
    inside it, else only the file name (a report names no machine's absolute paths)."""
    if not path:
        return path
    rel = os.path.relpath(os.path.abspath(path))
    return os.path.basename(path) if rel.startswith("..") else rel


def plural(n, word):
    return f"{n} {word}" + ("" if n == 1 else "s")


class Comparison:
    def __init__(self, traces, norm=None, known_entries=None, tables=None):
        if len(traces) < 2:
            raise ValueError("need at least two traces")
        self.traces = traces
        self.norm = norm or normalize.Normalizer(tables)
        self.tables = self.norm.tables
        self.known = known.load() if known_entries is None else known_entries
        self.items = [align.items(t, self.norm) for t in traces]
        self.sides = []          # one per other trace: {"b": k, "pairs": [...], "counts": {...}}
        for k in range(1, len(traces)):
            _, _, pairs = align.compare(traces[0], traces[k], self.norm)
            known.apply(self.known, pairs, self.items[0], self.items[k], traces[0], traces[k])
            self.sides.append({"b": k, "pairs": pairs, "counts": align.counts(pairs)})
        self.rows = self._merge()

    # ---- merged rows -------------------------------------------------------------------
    def _merge(self):
        n = len(self.items[0])
        ntr = len(self.traces)
        match = [dict() for _ in range(ntr)]            # k -> {i: pair}
        gaps = [dict() for _ in range(ntr)]             # k -> {i: [pair, ...]}
        for side in self.sides:
            k = side["b"]
            nxt = n
            for p in reversed(side["pairs"]):
                if p["a"] is not None:
                    nxt = p["a"]
                    match[k][p["a"]] = p
                else:
                    gaps[k].setdefault(nxt, []).insert(0, p)
        rows = []
        for i in range(n + 1):
            grows = []
            for k in range(1, ntr):
                last = -1
                for p in gaps[k].get(i, []):
                    key = self.items[k][p["b"]].key
                    for ri in range(last + 1, len(grows)):
                        if grows[ri]["cells"][k] is None and grows[ri]["key"] == key:
                            break
                    else:
                        ri = len(grows)
                        grows.append({"key": key, "cells": [None] * ntr,
                                      "pairs": [None] * ntr})
                    grows[ri]["cells"][k] = p["b"]
                    grows[ri]["pairs"][k] = p
                    last = ri
            rows.extend(grows)
            if i < n:
                row = {"key": self.items[0][i].key, "cells": [None] * ntr, "pairs": [None] * ntr}
                row["cells"][0] = i
                for k in range(1, ntr):
                    p = match[k].get(i)
                    row["pairs"][k] = p
                    row["cells"][k] = p["b"] if p else None
                rows.append(row)
        return rows

    # ---- helpers for the reports --------------------------------------------------------
    def text(self, k, idx):
        """The strace-style line of trace k's item idx."""
        if idx is None:
            return ""
        return fmt.record_line(self.items[k][idx].rec, self.tables)

    def labels(self):
        return [t.label for t in self.traces]

    def used_mapping(self):
        used = set()
        for t in self.traces:
            for r in t.syscalls:
                if r.get("name"):
                    used.add((r.get("abi"), r["name"]))
        return self.norm.mapping_rows(used)

    def known_seen(self):
        """[(entry, count)] of the known differences that matched something."""
        n = {}
        for side in self.sides:
            for p in side["pairs"]:
                for kid in p["known"] or ():
                    n[kid] = n.get(kid, 0) + 1
        return [(e, n[e["id"]]) for e in self.known if e["id"] in n]

    # ---- the verdict ---------------------------------------------------------------------
    def verdicts(self):
        """One verdict per probe (the other traces' probe names, in order):
        {"probe", "unexpected", "known", "by_trace": [(label, unexpected)], "line"}.
        Unexpected: pairs that differ or are only in one trace and that no known difference
        covers; name-only pairs are not differences."""
        out = {}
        for side in self.sides:
            t = self.traces[side["b"]]
            probe = t.probe or self.traces[0].probe
            v = out.setdefault(probe, {"probe": probe, "unexpected": 0, "known": 0, "by_trace": []})
            n = sum(side["counts"][c] for c in UNEXPECTED)
            v["unexpected"] += n
            v["known"] += side["counts"]["known"]
            if n:
                v["by_trace"].append((t.label, n))
        for v in out.values():
            if v["unexpected"]:
                v["line"] = (f"{v['probe']}: {plural(v['unexpected'], 'unexpected difference')} ("
                             + ", ".join(f"{lbl} {n}" for lbl, n in v["by_trace"]) + ")"
                             + (f", {v['known']} known" if v["known"] else ""))
            else:
                v["line"] = f"{v['probe']}: matching" + (
                    f" ({plural(v['known'], 'known difference')})" if v["known"] else "")
        return list(out.values())

    def unexpected(self):
        return sum(v["unexpected"] for v in self.verdicts())

    def costs(self):
        return [{"label": t.label, "routes": cost.by_route(t), "abis": cost.by_abi(t)}
                for t in self.traces]

    def to_json(self):
        """Everything the reports show, as one JSON-able dict."""
        out = {"verdicts": [dict(v, by_trace=dict(v["by_trace"])) for v in self.verdicts()],
               "traces": [], "comparisons": [], "rows": []}
        for t in self.traces:
            out["traces"].append({
                "label": t.label, "path": shown_path(t.path), "source": t.source, "probe": t.probe,
                "abis": t.abis, "syscalls": len(t.syscalls), "dropped": t.dropped,
                "warnings": t.warnings, "header": t.header})
        for side in self.sides:
            k = side["b"]
            out["comparisons"].append({
                "a": self.traces[0].label, "b": self.traces[k].label,
                "probe": self.traces[k].probe, "counts": side["counts"],
                "pairs": [dict(p, a_line=self.text(0, p["a"]) or None,
                               b_line=self.text(k, p["b"]) or None) for p in side["pairs"]]})
        for row in self.rows:
            out["rows"].append({
                "cells": [self.text(k, c) or None for k, c in enumerate(row["cells"])],
                "classes": [p["class"] if p else None for p in row["pairs"]],
                "known": [p["known"] if p else None for p in row["pairs"]]})
        out["known_differences"] = [dict(e, count=c) for e, c in self.known_seen()]
        out["normalisation"] = {"used": self.used_mapping(), "all": self.norm.mapping_rows()}
        out["cost"] = self.costs()
        return out
