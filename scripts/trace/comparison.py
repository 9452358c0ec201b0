"""Compare several traces: each one against the trace it is judged by, alignment, classes,
known differences, the verdict, and the merged side-by-side rows every report is drawn from.

The question the verdict answers is "does Ferry on ABI X behave as Linux on ABI X". So each
trace after the first is compared against its *reference* (reference()): the first earlier
trace of the same ABI, a Ferry trace preferred (linux-qemu-user-i386 against ferry-i386,
linux-strace-x86_64 against ferry-x86_64). Such a side is *judged*: its unexpected
differences fail the verdict. A trace with no earlier trace of its ABI (ferry-i386 and
ferry-arm64 after ferry-x86_64) is compared against the first trace instead, and those are
*ABI differences*: the cross-architecture picture the reports exist to show (the routes
probe takes other entry routes on each ABI, i386 glibc makes other calls), never failures.

Each side is aligned with its reference (align.py); the alignments are then merged into one
table: a row holds at most one record per trace, a record in the same row as its
reference's record when they were aligned. Records only in one trace sit between their
reference's records where their alignment put them; such records of several traces in the
same gap share a row when their names agree.

Traces of several processes (fork, clone, threads) are compared process by process
(align.py, procs.py): processes are matched by their place in the process tree, not by pid,
and by the command lines they exec'd (procs.match: each trace's processes take the places of
their counterparts in its reference), and the rows come process by process, in tree order, each row naming its process's place.
Each trace keeps its own pids: pids_of() gives, per place, the pid each trace has there (the
text report's section headers, the "[pid N]" prefixes). A process in one trace only is a
difference like any call in one trace only, and is listed in the side's "processes only".
"""
import os

from . import align, cost, families, fmt, known, normalize, procs, script_tree

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


def verdict_line(v):
    """ "routes: x86_64 matching (2 known), i386 matching, arm64 3 unexpected differences
    (linux-qemu-user-arm64 3)": per ABI, its Linux traces against its Ferry trace."""
    if not v["judged"]:
        return (f"{v['probe']}: not judged: no two traces of the same ABI (a Linux trace beside "
                f"the Ferry one); " + plural(v["abi_differences"], "ABI difference") + " shown")
    parts = []
    for a in v["by_abi"]:
        if not a["traces"]:
            parts.append(f"{a['abi']} not judged")
        elif a["unexpected"]:
            parts.append(f"{a['abi']} {plural(a['unexpected'], 'unexpected difference')} ("
                         + ", ".join(f"{lbl} {n}" for lbl, n in a["by_trace"])
                         + (f"; {a['known']} known" if a["known"] else "") + ")")
        else:
            parts.append(f"{a['abi']} matching" + (f" ({a['known']} known)" if a["known"] else ""))
    return f"{v['probe']}: " + ", ".join(parts)


def reference(traces, k):
    """(index of the trace that trace k is compared against, judged?): the first earlier
    Ferry trace of the same ABI, else the first earlier trace of that ABI (judged), else the
    first trace (an ABI difference, not judged)."""
    same = [j for j in range(k) if traces[j].abi == traces[k].abi]
    ferry = [j for j in same if traces[j].source == "ferry"]
    if ferry or same:
        return (ferry or same)[0], True
    return 0, False


LINUX_SOURCES = ("qemu-user", "strace")


def without_ferry(traces):
    """The Linux traces (qemu-user, strace) with no Ferry trace of their ABI: there is nothing
    to judge them against. make compare treats one as an error (the Ferry boot of that ABI
    failed or was not traced), never as an ABI difference or "not judged"."""
    ferry = {t.abi for t in traces if t.source == "ferry"}
    return [t for t in traces if t.source in LINUX_SOURCES and t.abi not in ferry]


class Comparison:
    def __init__(self, traces, norm=None, known_entries=None, tables=None):
        if len(traces) < 2:
            raise ValueError("need at least two traces")
        self.traces = traces
        self.norm = norm or normalize.Normalizer(tables)
        self.tables = self.norm.tables
        self.known = known.load() if known_entries is None else known_entries
        self.trees = [procs.tree(t.records) for t in traces]
        # Each trace's processes take the places of their counterparts in the trace it is
        # compared against (procs.match: command lines in fork order); references come first.
        for k in range(1, len(traces)):
            r, _ = reference(traces, k)
            self.trees[k] = procs.remap(self.trees[k], procs.match(
                self.trees[r], self.trees[k], traces[r].records, traces[k].records))
        self.places = [procs.by_place(tr) for tr in self.trees]
        self.items = [align.items(t, self.norm, tr) for t, tr in zip(traces, self.trees)]
        # one side per trace after the first: {"a": reference, "b": k, "judged": bool,
        # "pairs": [...], "counts": {...}}; self.side[k] is trace k's (None for the first)
        self.sides = []
        self.side = [None]
        for k in range(1, len(traces)):
            r, judged = reference(traces, k)
            # a script's shell takes its children's SIGCHLD where the scheduler lets it
            script = any((t.probe or "").startswith("sh:") for t in (traces[r], traces[k]))
            _, _, pairs = align.compare(traces[r], traces[k], self.norm,
                                        self.items[r], self.items[k], float_sigchld=script)
            known.apply(self.known, pairs, self.items[r], self.items[k], traces[r], traces[k])
            pa, pb = set(self.places[r]), set(self.places[k])
            side = {"a": r, "b": k, "judged": judged, "pairs": pairs,
                    "counts": align.counts(pairs),
                    "only_a": sorted(pa - pb), "only_b": sorted(pb - pa)}
            self.sides.append(side)
            self.side.append(side)
        self.rows = self._merge()

    # ---- merged rows -------------------------------------------------------------------
    def _merge(self):
        """Rows of the side-by-side table: {"key", "cells": [item index or None per trace],
        "pairs": [that trace's pair against its reference, or None]}. The first trace gives
        one row per record; each other trace is then placed, in order, by its alignment
        with its reference, which is already placed (it comes earlier)."""
        ntr = len(self.traces)
        new_row = lambda key, proc: {"key": key, "proc": proc, "cells": [None] * ntr,
                                     "pairs": [None] * ntr}
        rows = []
        for i, it in enumerate(self.items[0]):
            row = new_row(it.key, it.proc)
            row["cells"][0] = i
            rows.append(row)
        for side in self.sides:
            r, k = side["a"], side["b"]
            where = {row["cells"][r]: n for n, row in enumerate(rows)
                     if row["cells"][r] is not None}
            pos, last = 0, -1   # the row after the reference's last record; trace k's last row
            for p in side["pairs"]:
                if p["a"] is not None:
                    n = where[p["a"]]
                    if p["b"] is not None:
                        rows[n]["cells"][k] = p["b"]
                    rows[n]["pairs"][k] = p
                    pos, last = n + 1, n
                    continue
                # only in trace k: a row between the reference's records, shared with a
                # record of another trace of the same name when there is one
                end = pos
                while end < len(rows) and rows[end]["cells"][r] is None:
                    end += 1
                key, proc = self.items[k][p["b"]].key, self.items[k][p["b"]].proc
                n = next((m for m in range(max(pos, last + 1), end)
                          if rows[m]["cells"][k] is None and rows[m]["key"] == key
                          and rows[m]["proc"] == proc), None)
                if n is None:
                    n = end
                    # a process the reference lacks: after the rows of earlier processes
                    while n > pos and rows[n - 1]["proc"] > proc and rows[n - 1]["cells"][r] is None:
                        n -= 1
                    rows.insert(n, new_row(key, proc))
                    where = {w: (m + 1 if m >= n else m) for w, m in where.items()}
                rows[n]["cells"][k] = p["b"]
                rows[n]["pairs"][k] = p
                last = n
        return rows

    # ---- helpers for the reports --------------------------------------------------------
    def multi_process(self, k=None):
        """Whether trace k (or any trace) has more than one process or thread."""
        ks = range(len(self.traces)) if k is None else [k]
        return any(len(self.trees[j]) > 1 or any(len(p.tids) > 1 for p in self.trees[j].values())
                   for j in ks)

    def pid_prefix(self, k, rec):
        """ "[pid N] " (N the thread's id, as strace -f prints it) for a record of a trace
        of several processes or threads, else "". """
        if not self.multi_process(k):
            return ""
        n = rec.get("tid") if rec.get("tid") is not None else rec.get("pid")
        if n is None:
            n = next(iter(self.trees[k]), None)
        return "" if n is None else f"[pid {n}] "

    def text(self, k, idx):
        """The strace-style line of trace k's item idx ("[pid N] " first when the trace has
        several processes or threads)."""
        if idx is None:
            return ""
        rec = self.items[k][idx].rec
        return self.pid_prefix(k, rec) + fmt.record_line(rec, self.tables)

    def pids_of(self, place):
        """[the pid trace k has at that place, or None] per trace."""
        return [pl[place].pid if place in pl else None for pl in self.places]

    def process_header(self, place):
        """ "process 1.2: ferry-x86_64 pid 5 (procs), linux-qemu-user-x86_64 pid 4242 (procs),
        ferry-arm64 -": the matched pids of one place in every trace."""
        parts = []
        for t, pl in zip(self.traces, self.places):
            p = pl.get(place)
            parts.append(f"{t.label} " + ("-" if p is None else f"pid {p.pid}"
                                          + (f" ({p.comm})" if p.comm else "")
                                          + (f" threads {', '.join(map(str, p.tids))}"
                                             if len(p.tids) > 1 else "")))
        return f"process {procs.place_name(place)}: " + ", ".join(parts)

    def processes_only(self, side):
        """["process 1.3 (pid 7) only in ferry-x86_64", ...] for a side."""
        out = []
        for key, k in (("only_a", side["a"]), ("only_b", side["b"])):
            for place in side[key]:
                out.append(f"process {procs.place_name(place)} (pid "
                           f"{self.places[k][place].pid}) only in {self.traces[k].label}")
        return out

    def process_tree(self):
        """The process tree of all traces, place by place in tree order: [{"place", "depth",
        "command" (the argv of the first trace that shows one, as text, or None),
        "cells": [None or {"pid", "comm", "argv", "exit", "verdict"} per trace]}] (the HTML,
        text and JSON reports' process tree; fork, exec and exit of each process in each
        column). "verdict" is the verdict per process of a judged trace (a Linux column
        against the Ferry trace of its ABI): {"unexpected", "known"} counts of the pairs of
        that process; None for a trace that is not judged."""
        cmds = [procs.command_lines(t.records) for t in self.traces]
        ends = [procs.exits(t.records) for t in self.traces]
        judged = {}                         # (k, place) -> [unexpected, known] of a judged side
        for k, side in enumerate(self.side):
            if side is None or not side["judged"]:
                continue
            for p in side["pairs"]:
                v = judged.setdefault((k, p["proc"]), [0, 0])
                if p["known"]:
                    v[1] += 1
                elif p["class"] in UNEXPECTED:
                    v[0] += 1
        out = []
        for place in sorted(set().union(*[set(pl) for pl in self.places])):
            cells, command = [], None
            for k, pl in enumerate(self.places):
                p = pl.get(place)
                if p is None:
                    cells.append(None)
                    continue
                argv = cmds[k].get(p.pid)
                if argv and command is None:
                    command = " ".join(argv)
                v = judged.get((k, place))
                if v is None and self.side[k] is not None and self.side[k]["judged"]:
                    v = [0, 0]
                cells.append({"pid": p.pid, "comm": p.comm, "argv": list(argv) if argv else None,
                              "exit": ends[k].get(p.pid),
                              "verdict": None if v is None else {"unexpected": v[0], "known": v[1]}})
            if command is None and not place and any(
                    (t.probe or "").startswith("sh:") for t in self.traces):
                # a script's shell: its exec is rcS's, left out of the traces (script_tree.py)
                command = f"/bin/sh {script_tree.script_path(self.traces[0].probe[3:])}"
            out.append({"place": procs.place_name(place),
                        "depth": 0 if place and place[0] >= procs.UNATTACHED else len(place),
                        "command": command, "cells": cells})
        return out

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
        """One verdict per probe (the traces' probe names, in order):
        {"probe", "unexpected", "known", "by_trace": [(label, unexpected)], "by_abi": [...],
         "judged", "abi_differences", "line"}.
        Only judged sides count (a trace against the Ferry trace of its own ABI, see
        reference()); per ABI: {"abi", "traces" (judged labels), "unexpected", "known",
        "by_trace"}. An ABI with no judged trace (no Linux trace of it) is listed with no
        traces: not judged. Unexpected: pairs that differ or are only in one trace and that
        no known difference covers; name-only pairs are not differences. abi_differences
        counts the pairs of the ABI sides that would be unexpected if they were judged."""
        out = {}
        for k, t in enumerate(self.traces):
            probe = t.probe or self.traces[0].probe
            v = out.setdefault(probe, {"probe": probe, "unexpected": 0, "known": 0,
                                       "by_trace": [], "by_abi": [], "abi_differences": 0})
            abi = next((a for a in v["by_abi"] if a["abi"] == t.abi), None)
            if abi is None:
                abi = {"abi": t.abi, "traces": [], "unexpected": 0, "known": 0, "by_trace": []}
                v["by_abi"].append(abi)
            side = self.side[k]
            if side is None:
                continue
            n = sum(side["counts"][c] for c in UNEXPECTED)
            if not side["judged"]:
                v["abi_differences"] += n
                continue
            abi["traces"].append(t.label)
            for d in (v, abi):
                d["unexpected"] += n
                d["known"] += side["counts"]["known"]
                if n:
                    d["by_trace"].append((t.label, n))
        for v in out.values():
            v["judged"] = any(a["traces"] for a in v["by_abi"])
            v["line"] = verdict_line(v)
        return list(out.values())

    def unexpected(self):
        return sum(v["unexpected"] for v in self.verdicts())

    def costs(self):
        return [{"label": t.label, "routes": cost.by_route(t), "abis": cost.by_abi(t)}
                for t in self.traces]

    def to_json(self):
        """Everything the reports show, as one JSON-able dict."""
        out = {"verdicts": [dict(v, by_trace=dict(v["by_trace"]),
                                 by_abi=[dict(a, by_trace=dict(a["by_trace"])) for a in v["by_abi"]])
                            for v in self.verdicts()],
               "traces": [], "comparisons": [], "rows": []}
        for t in self.traces:
            out["traces"].append({
                "label": t.label, "path": shown_path(t.path), "source": t.source, "probe": t.probe,
                "abis": t.abis, "syscalls": len(t.syscalls), "dropped": t.dropped,
                "warnings": t.warnings, "header": t.header})
        for side in self.sides:
            k = side["b"]
            out["comparisons"].append({
                "a": self.traces[side["a"]].label, "b": self.traces[k].label,
                "judged": side["judged"],
                "probe": self.traces[k].probe, "counts": side["counts"],
                "processes_only": self.processes_only(side),
                "pairs": [dict(p, proc=procs.place_name(p["proc"]),
                               a_line=self.text(side["a"], p["a"]) or None,
                               b_line=self.text(k, p["b"]) or None) for p in side["pairs"]]})
        for row in self.rows:
            out["rows"].append({
                "process": procs.place_name(row["proc"]),
                "cells": [self.text(k, c) or None for k, c in enumerate(row["cells"])],
                "classes": [p["class"] if p else None for p in row["pairs"]],
                "known": [p["known"] if p else None for p in row["pairs"]]})
        out["processes"] = [
            {"process": procs.place_name(place), "pids": self.pids_of(place)}
            for place in sorted(set().union(*[set(pl) for pl in self.places]))]
        out["process_tree"] = self.process_tree()
        out["families"] = families.summary(self.traces, self.norm)
        out["known_differences"] = [dict(e, count=c) for e, c in self.known_seen()]
        out["normalisation"] = {"used": self.used_mapping(), "all": self.norm.mapping_rows()}
        out["cost"] = self.costs()
        return out
