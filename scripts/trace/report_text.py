"""The terminal report: a side-by-side table (one column per trace) and the counts.

Between columns a two-character mark gives the class of that trace against the first:
  "= " equal   "~ " name only   "! " args/results differ   "- " only in the first
  "+ " only in this trace;  a "k" in place of the space: a known difference.
Colour (ANSI) only when asked, normally when stdout is a terminal.
"""
from . import align

MARK = {align.EQUAL: "=", align.NAME_ONLY: "~", align.DIFFER: "!", align.ONLY_A: "-",
        align.ONLY_B: "+"}
COLOUR = {align.EQUAL: "32", align.NAME_ONLY: "36", align.DIFFER: "33", align.ONLY_A: "31",
          align.ONLY_B: "31"}


def _cut(s, w):
    return s if len(s) <= w else s[:max(0, w - 1)] + "\u2026"


def mark(pair):
    if pair is None:
        return "  "
    return MARK[pair["class"]] + ("k" if pair["known"] else " ")


def table(cmp, width=160, colour=False):
    ntr = len(cmp.traces)
    col = max(20, (width - 6 - 3 * (ntr - 1)) // ntr)
    lines = []
    head = "#".rjust(5) + " " + "   ".join(_cut(t.label, col).ljust(col) for t in cmp.traces)
    lines.append(head.rstrip())
    lines.append("-" * min(width, len(head)))
    for n, row in enumerate(cmp.rows, 1):
        parts = [str(n).rjust(5), " "]
        for k in range(ntr):
            if k:
                m = mark(row["pairs"][k])
                p = row["pairs"][k]
                if colour and p is not None:
                    code = "2" if p["known"] else COLOUR[p["class"]]
                    m = f"\x1b[{code}m{m}\x1b[0m"
                parts.append(" " + m)
            text = _cut(cmp.text(k, row["cells"][k]), col)
            parts.append(text.ljust(col) if k < ntr - 1 else text)
        lines.append("".join(parts).rstrip())
    return lines


def counts_lines(cmp):
    out = []
    first = cmp.traces[0]
    for side in cmp.sides:
        t = cmp.traces[side["b"]]
        c = side["counts"]
        out.append(f"probe {t.probe}: {first.label} vs {t.label} ({t.source}): "
                   + ", ".join(f"{align.LABELS[k]} {c[k]}" for k in align.CLASSES)
                   + f", known {c['known']}")
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


def render(cmp, width=160, colour=False):
    lines = ["Traces:"]
    for t in cmp.traces:
        lines.append(f"  {t.label}: source {t.source}, probe {t.probe}, ABI {', '.join(t.abis) or '-'}"
                     f", {len(t.syscalls)} syscalls" + (f", {t.dropped} records DROPPED" if t.dropped else "")
                     + (f", {len(t.warnings)} warnings" if t.warnings else "") + (f" ({t.path})" if t.path else ""))
    lines.append("")
    lines.extend(table(cmp, width, colour))
    lines.append("")
    lines.append("Marks: = equal, ~ name only, ! args/results differ, - only in first, "
                 "+ only in this trace; k = known difference")
    lines.append("")
    lines.append("Counts:")
    lines.extend("  " + s for s in counts_lines(cmp))
    seen = cmp.known_seen()
    if seen:
        lines.append("")
        lines.append("Known differences:")
        for e, n in seen:
            lines.append(f"  {e['id']} ({n}): {e['why']}")
    lines.append("")
    lines.append("Name normalisation used (from the .tbl files; full table: compare.py --mapping):")
    used = cmp.used_mapping()
    if not used:
        lines.append("  (none: every call in these traces has its generic name)")
    for r in used:
        lines.append(f"  {r['abi']:<7} {r['name']:<14} -> {r['canonical']:<14} family {r['family']:<14}"
                     f" [{r['rule']}] {r['note']}")
    costs = cost_lines(cmp)
    if costs:
        lines.append("")
        lines.append("Cost per ABI and route:")
        lines.extend(costs)
    return "\n".join(lines) + "\n"


def mapping_text(norm):
    lines = [f"{'abi':<7} {'name':<16} {'canonical':<16} {'family':<16} rule: note"]
    for r in norm.mapping_rows():
        lines.append(f"{r['abi']:<7} {r['name']:<16} {r['canonical']:<16} {r['family']:<16} "
                     f"{r['rule']}: {r['note']}")
    return "\n".join(lines) + "\n"
