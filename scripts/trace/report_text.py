"""The terminal report: a side-by-side table (one column per trace), the counts, and at the
end one verdict line per probe ("tour: matching", "tour: 3 unexpected differences (...)").

Each row: the row number, the first trace's line, then for every other trace a mark column
and its line. The mark is two characters, the class of that trace's record against its
reference (comparison.reference(): a Linux trace against the Ferry trace of its own ABI, a
Ferry trace of another ABI against the first): "=" equal, "~" name only, "!" args/results
differ, "-" only in the reference, "+" only in this trace, followed by "k" when a known
difference covers it (else a space). A second header line names each column's reference:
"vs ferry-i386" for a judged column, "ABI vs ferry-x86_64" for an ABI difference (shown,
never a failure).

The table fits the given width (the terminal's, see compare.py): every column gets the
same share, and a line too long for its column keeps its name and its "= result" and loses
the middle of its arguments ("write(1, \"tour: hel…n\", 12) = 12"); an error's message
goes before any argument does ("= -1 ENOENT", no "(No such file or directory)"). When not
even the name and result fit, the end of the name goes ("getp… = 1877"); only a result
wider than the whole column is cut, at its start.

Views: "full" prints every row; "diff" only the rows with an unexpected difference and
CONTEXT rows around them (like diff -U3), each skipped stretch one line; "auto" (default) is
full up to FULL_MAX_ROWS rows and diff beyond. Row numbers are the full table's.
Colour (ANSI) only when asked, normally when stdout is a terminal.

Traces of several processes or threads are shown like strace -f: each line of such a trace
starts with "[pid N]", N being that trace's own thread id, and the rows come process by
process (comparison.py), each process opened by a line naming its place in the process tree
and the pid it has in every trace ("process 1.1: ferry-x86_64 pid 2 (procs),
linux-qemu-user-x86_64 pid 81230 (procs), ..."; "-" where a trace has no such process).
"""
from . import align, comparison, families, fmt

MARK = {align.EQUAL: "=", align.NAME_ONLY: "~", align.DIFFER: "!", align.ONLY_A: "-",
        align.ONLY_B: "+"}
COLOUR = {align.EQUAL: "32", align.NAME_ONLY: "36", align.DIFFER: "33", align.ONLY_A: "31",
          align.ONLY_B: "35"}
FULL_MAX_ROWS = 40          # view "auto": longer tables show only the differences
CONTEXT = 3
MIN_COLUMN = 8
ELLIPSIS = "\u2026"


def _cut_middle(s, w):
    if len(s) <= w:
        return s
    if w <= 1:
        return ELLIPSIS[:w]
    left = (w - 1 + 1) // 2
    return s[:left] + ELLIPSIS + s[len(s) - (w - 1 - left):]


def _parts(rec, tables):
    """(head, args, tail) of a record's line: "write(", "1, \"hi\"", ") = 3"."""
    if rec.get("type") != "syscall":
        return "", fmt.record_line(rec, tables), ""
    return (fmt.syscall_name(rec) + "(", ", ".join(fmt.arg_texts(rec)),
            ") = " + fmt.result_text(rec, tables))


def fit(rec, w, tables=None):
    """The record's line in at most w characters, its result kept (see the module comment)."""
    head, args, tail = _parts(rec, tables)
    line = head + args + tail
    if len(line) <= w:
        return line
    if not head:
        return _cut_middle(line, w)
    if rec.get("errno"):
        tail = tail.split(" (", 1)[0]           # ") = -1 ENOENT" without "(No such file ...)"
        if len(head + args + tail) <= w:
            return head + args + tail
    room = w - len(head) - len(tail)
    if room >= 2 or (room >= 1 and not args):
        return head + _cut_middle(args, room) + tail
    result = " = " + tail.split(" = ", 1)[1]            # then the name's end goes: "getp… = 1877"
    if w - len(result) >= 2:
        return head[:w - len(result) - 1] + ELLIPSIS + result
    return ELLIPSIS + result[-(w - 1):] if w > 1 else ELLIPSIS[:w]


def mark(pair):
    if pair is None:
        return "  "
    return MARK[pair["class"]] + ("k" if pair["known"] else " ")


def _unexpected(cmp, row):
    """Whether the row holds an unexpected difference of a judged side."""
    return any(p is not None and not p["known"] and p["class"] in comparison.UNEXPECTED
               and cmp.side[k]["judged"] for k, p in enumerate(row["pairs"]))


def against(cmp, k):
    """What column k's marks are relative to: "vs ferry-i386" (judged), "ABI vs
    ferry-x86_64" (an ABI difference), "" for the first column."""
    side = cmp.side[k]
    if side is None:
        return ""
    return ("vs " if side["judged"] else "ABI vs ") + cmp.traces[side["a"]].label


def shown_rows(cmp, view="auto", context=CONTEXT):
    """[(row number, row) or (None, (first, last))] for the view; the second form is a
    stretch of rows not shown."""
    rows = list(enumerate(cmp.rows, 1))
    if view == "full" or (view == "auto" and len(rows) <= FULL_MAX_ROWS):
        return rows
    keep = set()
    for n, row in rows:
        if _unexpected(cmp, row):
            keep.update(range(n - context, n + context + 1))
    out, skipped = [], None
    for n, row in rows:
        if n in keep:
            if skipped:
                out.append((None, skipped))
                skipped = None
            out.append((n, row))
        else:
            skipped = (skipped[0], n) if skipped else (n, n)
    if skipped:
        out.append((None, skipped))
    return out


def table(cmp, width=160, colour=False, view="auto", context=CONTEXT):
    ntr = len(cmp.traces)
    col = max(MIN_COLUMN, (width - 6 - 4 * (ntr - 1)) // ntr)
    lines = []
    head = "#".rjust(5) + " " + "".join(
        ("    " if k else "") + _cut_middle(t.label, col).ljust(col) for k, t in enumerate(cmp.traces))
    lines.append(head.rstrip())
    refs = " " * 6 + "".join(("    " if k else "") + _cut_middle(against(cmp, k), col).ljust(col)
                             for k in range(ntr))
    lines.append(refs.rstrip())
    lines.append("-" * min(width, len(head.rstrip())))
    sections, proc = cmp.multi_process(), None
    for n, row in shown_rows(cmp, view, context):
        if sections and n is not None and row["proc"] != proc:
            proc = row["proc"]
            lines.append(f"{'':5} " + cmp.process_header(proc))
        if n is None:
            a, b = row
            what = f"row {a}" if a == b else f"rows {a}-{b}"
            lines.append(f"{'':5} ... {what}: no unexpected difference ...")
            continue
        parts = [str(n).rjust(5), " "]
        for k in range(ntr):
            if k:
                p = row["pairs"][k]
                m = mark(p)
                if colour and p is not None:
                    code = "2" if p["known"] else COLOUR[p["class"]]
                    m = f"\x1b[{code}m{m}\x1b[0m"
                parts.append(" " + m + " ")
            idx = row["cells"][k]
            text = ""
            if idx is not None:
                rec = cmp.items[k][idx].rec
                pfx = cmp.pid_prefix(k, rec)
                text = pfx + fit(rec, max(1, col - len(pfx)), cmp.tables)
            parts.append(text.ljust(col) if k < ntr - 1 else text)
        lines.append("".join(parts).rstrip())
    return lines


def counts_lines(cmp):
    out = []
    for side in cmp.sides:
        t = cmp.traces[side["b"]]
        c = side["counts"]
        out.append(f"probe {t.probe}: {cmp.traces[side['a']].label} vs {t.label} ({t.source}"
                   + ("" if side["judged"] else ", ABI differences, not judged") + "): "
                   + ", ".join(f"{align.LABELS[k]} {c[k]}" for k in align.CLASSES)
                   + f", known {c['known']}")
        out.extend(f"  {s}" for s in cmp.processes_only(side))
    return out


def cost_lines(cmp):
    out = []
    for t, c in zip(cmp.traces, cmp.costs()):
        for r in c["abis"] + c["routes"]:
            cy, ins = r["cycles"], r["insns"]
            out.append(f"  {t.label:<24} {r['abi']:<7} {r['route']:<9} n={r['n']:<5} "
                       + (f"cycles mean {cy['mean']:.0f} median {cy['median']:.0f}  " if cy else "")
                       + (f"insns mean {ins['mean']:.0f} median {ins['median']:.0f}" if ins else ""))
    return out


def process_verdict(cell):
    """ ": matching (2 known)" or ": 3 unexpected" for a judged trace's process, else ""."""
    v = cell.get("verdict")
    if v is None:
        return ""
    if v["unexpected"]:
        return f": {v['unexpected']} unexpected" + (f" ({v['known']} known)" if v["known"] else "")
    return ": matching" + (f" ({v['known']} known)" if v["known"] else "")


def tree_lines(cmp):
    """One line per process: its place (indented by depth), its command line, then per trace
    "label pid N exit S" (a fork that ran no program shows "(fork)")."""
    out = []
    for row in cmp.process_tree():
        head = f"  {'  ' * row['depth']}{row['place']}"
        cmd = row["command"] or "(fork)"
        cells = []
        for t, c in zip(cmp.traces, row["cells"]):
            cells.append(f"{t.label} " + ("-" if c is None else
                                          f"pid {c['pid']}" + (f" {c['exit']}" if c["exit"] else "")
                                          + process_verdict(c)))
        out.append(f"{head:<16} {cmd[:48]:<48} " + ", ".join(cells))
    return out


def verdict_lines(cmp, colour=False):
    out = []
    for v in cmp.verdicts():
        line = v["line"]
        if colour:
            line = f"\x1b[{'1;31' if v['unexpected'] else '1;32'}m{line}\x1b[0m"
        out.append(line)
    return out


def render(cmp, width=160, colour=False, view="auto", context=CONTEXT):
    lines = ["Traces:"]
    for t in cmp.traces:
        lines.append(f"  {t.label}: source {t.source}, probe {t.probe}, ABI {', '.join(t.abis) or '-'}"
                     f", {len(t.syscalls)} syscalls" + (f", {t.dropped} records DROPPED" if t.dropped else "")
                     + (f", {len(t.warnings)} warnings" if t.warnings else "") + (f" ({comparison.shown_path(t.path)})" if t.path else ""))
    lines.append("")
    rows = table(cmp, width, colour, view, context)
    lines.extend(rows)
    lines.append("")
    lines.append("Marks: = equal, ~ name only, ! args/results differ, - only in the reference, "
                 "+ only in this trace; k = known difference")
    lines.append("Each column's marks are against the trace named under its label: \"vs\" a "
                 "Linux column against the Ferry trace of its own ABI (judged by the verdict);")
    lines.append("\"ABI vs\" a Ferry column of another ABI against the first (ABI differences: "
                 "shown, never failures)")
    shown = sum(1 for n, _ in shown_rows(cmp, view, context) if n is not None)
    if shown < len(cmp.rows):
        lines.append(f"Diff view: {shown} of {len(cmp.rows)} rows, those with an unexpected "
                     f"difference and {context} around each (--view full shows every row)")
    lines.append("")
    lines.append("Counts:")
    lines.extend("  " + s for s in counts_lines(cmp))
    seen = cmp.known_seen()
    if seen:
        lines.append("")
        lines.append("Known differences:")
        for e, n in seen:
            fields = f" [{', '.join(e['differs'])}]" if e.get("differs") else ""
            lines.append(f"  {e['id']} ({n}){fields}: {e['why']}")
    lines.append("")
    lines.append("Name normalisation used (from the .tbl files; full table: compare.py --mapping):")
    used = cmp.used_mapping()
    if not used:
        lines.append("  (none: every call in these traces has its generic name)")
    for r in used:
        lines.append(f"  {r['abi']:<7} {r['name']:<14} -> {r['canonical']:<14} family {r['family']:<14}"
                     f" [{r['rule']}] {r['note']}")
    if cmp.multi_process():
        lines.append("")
        lines.append("Process tree (place, command line; each trace's pid and end, - where it "
                     "has no such process; a Linux column's verdict per process):")
        lines.extend(tree_lines(cmp))
    fams = families.text_lines(cmp.traces, cmp.norm, width)
    if fams:
        lines.append("")
        lines.append("Syscalls by family, per ABI (Ferry's columns: the names each ABI used and "
                     "how often; instructions under -icount):")
        lines.extend(fams)
    costs = cost_lines(cmp)
    if costs:
        lines.append("")
        lines.append("Cost per ABI and route:")
        lines.extend(costs)
    lines.append("")
    lines.extend(verdict_lines(cmp, colour))
    return "\n".join(lines) + "\n"


def mapping_text(norm):
    lines = [f"{'abi':<7} {'name':<16} {'canonical':<16} {'family':<16} rule: note"]
    for r in norm.mapping_rows():
        lines.append(f"{r['abi']:<7} {r['name']:<16} {r['canonical']:<16} {r['family']:<16} "
                     f"{r['rule']}: {r['note']}")
    return "\n".join(lines) + "\n"
