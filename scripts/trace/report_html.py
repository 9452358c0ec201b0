"""The HTML report: one self-contained file (inline CSS, no scripts, no external assets).

Sections: the verdict first (one line per probe, green or red, with the unexpected
differences per trace); the traces; counts per probe and class; the side-by-side diff (one
column per trace, rows coloured by class, known differences hatched, the reasons of each
difference written under the record); known differences seen, with the fields each one
covers; cost bars per ABI and route (mean and median cycles and instructions, CSS bars,
and what a cycle is); the name normalisation used (and the whole table, folded in a
<details>). A trace of several processes also gets the process tree (each place, the
command line it exec'd, each trace's pid and how it ended); every report the syscalls by
family per trace (families.py: the names each ABI used, counts, instructions). Paths are shown relative to the current directory (comparison.shown_path).
"""
import html

from . import align, comparison, families, perfetto, report_text

CSS = """
body{font:14px/1.4 system-ui,sans-serif;margin:1.5em;color:#222;background:#fff}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}
table{border-collapse:collapse}td,th{padding:2px 6px;border:1px solid #ddd;vertical-align:top}
th{background:#f2f2f2;text-align:left}
.diff td.c{font:12px/1.3 ui-monospace,monospace;white-space:pre-wrap;overflow-wrap:anywhere;word-break:normal;max-width:38em}
.diff td.c .why{font:11px system-ui,sans-serif;color:#555;margin-top:1px}
.verdict{border:2px solid;padding:6px 12px;margin:0 0 1em;display:inline-block}
.verdict p{margin:2px 0}.verdict .v{font-size:1.2em;font-weight:bold}
.verdict.good{border-color:#2e7d32;background:#eaf7ea}.verdict.bad{border-color:#b71c1c;background:#fbe3e3}
.diff td.n{color:#888;text-align:right;font:12px monospace}
.diff td.m{font:bold 12px monospace;text-align:center;width:1.6em}
.equal{background:#eaf7ea}.name-only{background:#e3f1fb}.differ{background:#fff3cd}
.only-a{background:#fbe3e3}.only-b{background:#e9e1fa}
.known{background-image:repeating-linear-gradient(45deg,transparent 0 6px,rgba(0,0,0,.06) 6px 12px)}
.legend span{display:inline-block;padding:1px 8px;margin-right:6px;border:1px solid #ddd}
.bar{height:11px;background:#4a7fb5;display:inline-block;vertical-align:middle}
.bar.med{background:#9cc0e6}.bar.ins{background:#b5804a}.bar.ins.med{background:#e6c09c}
td.num{text-align:right;font-family:monospace}
.warn{color:#a00}
th .ref{font-weight:normal;font-size:12px;color:#555}
.diff td.abi{opacity:.75}
.tree td.p{font:12px monospace;white-space:pre}.tree td.cmd{font:12px monospace}
.tree td.gone{background:#fbe3e3}.fam td{font:12px monospace}
"""


def _e(s):
    return html.escape("" if s is None else str(s))


def _counts(cmp):
    heads = "".join(f"<th>{_e(align.LABELS[k])}</th>" for k in align.CLASSES)
    out = [f"<table><tr><th>probe</th><th>trace</th><th>against</th><th>judged</th>{heads}"
           "<th>known</th></tr>"]
    for side in cmp.sides:
        t = cmp.traces[side["b"]]
        c = side["counts"]
        cells = "".join(f'<td class="num {k}">{c[k]}</td>' for k in align.CLASSES)
        judged = "yes" if side["judged"] else "no: ABI differences"
        out.append(f"<tr><td>{_e(t.probe)}</td><td>{_e(t.label)} ({_e(t.source)})</td>"
                   f"<td>{_e(cmp.traces[side['a']].label)}</td><td>{judged}</td>{cells}"
                   f'<td class="num known">{c["known"]}</td></tr>')
    out.append("</table>")
    return "\n".join(out)


def _verdict(cmp):
    out = []
    for v in cmp.verdicts():
        cls = "bad" if v["unexpected"] else "good"
        lines = []
        for a in v["by_abi"]:
            ferry = next((t.label for t in cmp.traces if t.abi == a["abi"]
                          and t.source == "ferry"), None) or a["abi"]
            if not a["traces"]:
                lines.append(f"{_e(a['abi'])}: not judged (no Linux trace of this ABI).")
            elif a["unexpected"]:
                lines.append(f"{_e(a['abi'])}: unexpected differences against {_e(ferry)}: "
                             + ", ".join(f"{_e(lbl)} {n}" for lbl, n in a["by_trace"])
                             + (f"; {a['known']} known differences besides." if a["known"] else "."))
            else:
                lines.append(f"{_e(a['abi'])}: {_e(', '.join(a['traces']))} against {_e(ferry)}: "
                             + ("every difference is a known one (listed below)." if a["known"]
                                else "every record agrees."))
        lines.append(f"{v['abi_differences']} ABI differences between the Ferry traces (the "
                     "cross-architecture picture, shown in the table, not failures).")
        out.append(f'<div class="verdict {cls}"><p class="v">{_e(v["line"])}</p><p>'
                   + "<br>".join(lines) + "</p></div>")
    return "\n".join(out)


def _reasons(p):
    """What differs, written out under the record (not only in a tooltip)."""
    if p is None or p["class"] == align.EQUAL:
        return ""
    what = ", ".join(p["why"]) + " differ" + ("s" if len(p["why"]) == 1 else "") if p["why"] \
        else align.LABELS[p["class"]]
    if p["known"]:
        what += " \u2014 known: " + ", ".join(p["known"])
    return f'<div class="why">{_e(what)}</div>'


def _diff(cmp):
    from .report_text import mark
    ntr = len(cmp.traces)
    from .report_text import against
    head = "<tr><th>#</th>" + "".join(
        ("<th></th>" if k else "") + f"<th>{_e(t.label)}"
        + (f'<br><span class="ref">{_e(against(cmp, k))}</span>' if k else "") + "</th>"
        for k, t in enumerate(cmp.traces)) + "</tr>"
    out = ['<table class="diff">', head]
    sections, proc = cmp.multi_process(), None
    for n, row in enumerate(cmp.rows, 1):
        if sections and row["proc"] != proc:        # a process's section: its pid in each trace
            proc = row["proc"]
            out.append(f'<tr class="proc"><td colspan="{2 * ntr}">{_e(cmp.process_header(proc))}'
                       '</td></tr>')
        cells = [f'<td class="n">{n}</td>']
        for k in range(ntr):
            p = row["pairs"][k]
            cls = ""
            if k:
                if p is not None:
                    cls = p["class"] + (" known" if p["known"] else "") + (
                        "" if cmp.side[k]["judged"] else " abi")
                    title = align.LABELS[p["class"]] + (
                        f"; known: {', '.join(p['known'])}" if p["known"] else "") + (
                        f"; {', '.join(p['why'])}" if p["why"] else "")
                    cells.append(f'<td class="m {cls}" title="{_e(title)}">{_e(mark(p).strip())}</td>')
                else:
                    cells.append('<td class="m"></td>')
            else:
                classes = {q["class"] for q in row["pairs"][1:] if q is not None}
                cls = classes.pop() if len(classes) == 1 and row["cells"][0] is not None else ""
            why = _reasons(row["pairs"][k]) if k else ""
            cells.append(f'<td class="c {cls}">{_e(cmp.text(k, row["cells"][k]))}{why}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _tree(cmp):
    """The process tree: one row per place (indented by depth), its command line, and per
    trace the pid and how the process ended; a place a trace lacks is red."""
    heads = "".join(f"<th>{_e(t.label)}</th>" for t in cmp.traces)
    out = [f'<table class="tree"><tr><th>process</th><th>command line (exec)</th>{heads}</tr>']
    for row in cmp.process_tree():
        cells = "".join('<td class="gone">-</td>' if c is None else
                        f"<td{_verdict_class(c)}>pid {c['pid']}" + (f" {_e(c['comm'])}" if c["comm"] else "")
                        + (f"<br>{_e(c['exit'])}" if c["exit"] else "")
                        + (f"<br><b>{_e(report_text.process_verdict(c)[2:])}</b>" if c.get("verdict") else "")
                        + "</td>" for c in row["cells"])
        out.append(f'<tr><td class="p">{"  " * row["depth"]}{_e(row["place"])}</td>'
                   f'<td class="cmd">{_e(row["command"] or "(fork: no exec)")}</td>{cells}</tr>')
    out.append("</table><p>A Linux column's cell carries its verdict per process (green: "
               "matching, red: unexpected differences in that process's calls). "
               "Places: 1 is the probe (a script's shell), 1.2 its second child "
               "in fork order; processes are matched across traces by the command lines they "
               "exec'd, in fork order. A process's fork, exec and exit are in the Perfetto "
               "trace too (instants, and a flow from the fork to the child).</p>")
    return "\n".join(out)


def _cpus(cmp):
    """Per trace of several CPUs: each CPU's syscalls, tasks, instructions and dropped
    records (a ring per CPU: the records were merged by timestamp)."""
    out = ["<table><tr><th>trace</th><th>CPU</th><th>syscalls</th><th>tasks (tid)</th>"
           "<th>instructions</th><th>dropped</th></tr>"]
    for t in cmp.traces:
        on = perfetto.cpus(t.syscalls)
        if len(on) < 2:
            continue
        for cpu in on:
            mine = [r for r in t.syscalls if r.get("cpu") == cpu]
            tids = sorted({r.get("tid") or r.get("pid") or 0 for r in mine})
            ins = sum(r.get("insns") or 0 for r in mine)
            drop = sum(r.get("count") or 0 for r in t.records
                       if r["type"] == "dropped" and r.get("cpu") == cpu)
            out.append(f"<tr><td>{_e(t.label)}</td><td class=\"num\">{cpu}</td>"
                       f"<td class=\"num\">{len(mine)}</td><td>{_e(', '.join(map(str, tids)))}</td>"
                       f"<td class=\"num\">{ins:,}</td><td class=\"num\">{drop}</td></tr>")
    out.append("</table><p>Each CPU writes its own ring; the host merges the rings by "
               "timestamp. The Perfetto trace has a track per CPU (the process "
               "&ldquo;label: CPUs&rdquo;) beside the per-thread tracks.</p>")
    return "\n".join(out)


def _verdict_class(cell):
    v = cell.get("verdict")
    return "" if v is None else ' class="only-a"' if v["unexpected"] else ' class="equal"'


def _families(cmp):
    s = families.summary(cmp.traces, cmp.norm)
    heads = "".join(f"<th>{_e(t)}</th>" for t in s["traces"])
    out = [f'<table class="fam"><tr><th>family</th>{heads}</tr>']
    for row in s["rows"]:
        cells = []
        for c in row["cells"]:
            if c is None:
                cells.append("<td>-</td>")
                continue
            cost = families.cost_text(c) or (f"{c['dur_us']} µs (host)" if c["dur_us"] else "")
            cells.append(f"<td>{_e(families.cell_text(c))}"
                         + (f"<br><span class=\"why\">{_e(cost)}</span>" if cost else "") + "</td>")
        out.append(f"<tr><td>{_e(row['family'])}</td>{''.join(cells)}</tr>")
    out.append("</table><p>Each family is one generic call and the ABI-specific calls that do "
               "its job (name normalisation below): the same program asks for stat64 on i386 "
               "where x86_64 asks for newfstatat. Instructions are the guest's under -icount, "
               "summed over the family's calls (mean per call in brackets; a call that blocks "
               "counts what ran while it waited); strace's are host microseconds.</p>")
    return "\n".join(out)


def _bar(value, top, cls):
    w = 0 if not top else max(1, round(240 * value / top))
    return f'<span class="bar {cls}" style="width:{w}px"></span> {value:.0f}'


def _cost(cmp):
    rows = []
    for t, c in zip(cmp.traces, cmp.costs()):
        for r in c["abis"] + c["routes"]:
            rows.append((t.label, r))
    if not rows:
        return "<p>No trace in this report has cycle or instruction counts.</p>"
    top_c = max((r["cycles"]["mean"] if r["cycles"] else 0) for _, r in rows)
    top_c = max([top_c] + [r["cycles"]["median"] for _, r in rows if r["cycles"]])
    top_i = max([0] + [max(r["insns"]["mean"], r["insns"]["median"]) for _, r in rows if r["insns"]])
    out = ["<table><tr><th>trace</th><th>ABI</th><th>route</th><th>n</th>"
           "<th>cycles: mean / median</th><th>instructions: mean / median</th></tr>"]
    for label, r in rows:
        cy, ins = r["cycles"], r["insns"]
        cc = (_bar(cy["mean"], top_c, "") + "<br>" + _bar(cy["median"], top_c, "med")) if cy else "-"
        ii = (_bar(ins["mean"], top_i, "ins") + "<br>" + _bar(ins["median"], top_i, "ins med")) if ins else "-"
        out.append(f"<tr><td>{_e(label)}</td><td>{_e(r['abi'])}</td><td>{_e(r['route'])}</td>"
                   f'<td class="num">{r["n"]}</td><td>{cc}</td><td>{ii}</td></tr>')
    out.append("</table><p>Dark bars: mean; light bars: median. Route \"all\": every syscall of the ABI.</p>")
    out.append(_cycle_unit(cmp))
    return "\n".join(out)


def _cycle_unit(cmp):
    """What the cost figures count, from the traces' headers (docs/tracing.md)."""
    clocks = []
    for t in cmp.traces:
        h = t.header
        if t.source != "ferry" or not h.get("cycles_per_sec"):
            continue
        per = h.get("insns_per_cycle") or 1
        clocks.append(f"{_e(t.label)}: {h['cycles_per_sec']:,} ticks/s, "
                      + (f"icount on: 1 tick = {per} instruction{'s' if per != 1 else ''}"
                         if h.get("icount") else "no icount: ticks of real time"))
    return ("<p><b>Units.</b> <i>cycles</i> are ticks of the guest's cycle counter, read by the "
            "tracer after its entry hook and before its exit hook, so they are the syscall's own "
            "cost: the TSC on x86 (its rate measured against the PIT), the generic timer's "
            "virtual count CNTVCT_EL0 on arm64 (62.5 MHz under QEMU). make compare boots under "
            "QEMU <code>-icount shift=0</code>, where every guest instruction takes 1 ns of "
            "virtual time: an x86 tick is then one guest instruction and an arm64 tick 16, and "
            "<i>instructions</i> is cycles \u00d7 the header's insns_per_cycle. Compare "
            "instructions across architectures, not cycles; neither is host time. The Linux "
            "traces have no cycle counter.</p>"
            + ("<p>" + "<br>".join(clocks) + "</p>" if clocks else ""))


def _mapping(rows):
    out = ["<table><tr><th>ABI</th><th>name</th><th>canonical</th><th>family</th><th>rule</th><th>note</th></tr>"]
    for r in rows:
        out.append(f"<tr><td>{_e(r['abi'])}</td><td>{_e(r['name'])}</td><td>{_e(r['canonical'])}</td>"
                   f"<td>{_e(r['family'])}</td><td>{_e(r['rule'])}</td><td>{_e(r['note'])}</td></tr>")
    out.append("</table>")
    return "\n".join(out)


def render(cmp, title=None):
    probes = ", ".join(v["probe"] for v in cmp.verdicts())
    title = title or f"{probes}: Ferry syscall trace comparison"
    parts = [f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{_e(title)}</title>"
             f"<style>{CSS}</style></head><body>", f"<h1>{_e(title)}</h1>", _verdict(cmp),
             "<h2>Traces</h2><ul>"]
    for t in cmp.traces:
        extra = f' <span class="warn">{t.dropped} records dropped</span>' if t.dropped else ""
        extra += f' <span class="warn">{len(t.warnings)} warnings</span>' if t.warnings else ""
        parts.append(f"<li><b>{_e(t.label)}</b>: source {_e(t.source)}, probe {_e(t.probe)}, "
                     f"ABI {_e(', '.join(t.abis))}, {len(t.syscalls)} syscalls{extra}"
                     + (f" <code>{_e(comparison.shown_path(t.path))}</code>" if t.path else "") + "</li>")
    parts.append("</ul><h2>Counts</h2>" + _counts(cmp))
    legend = "".join(f'<span class="{k}">{_e(align.LABELS[k])}</span>' for k in align.CLASSES)
    parts.append('<h2>Side by side</h2><p class="legend">' + legend
                 + '<span class="known">known difference (hatched)</span></p>'
                 "<p>Each row holds at most one record per trace; the mark column gives the class "
                 "of that trace against the trace named under its label (= equal, ~ name only, "
                 "! differ, - only in that trace, + only in this one, k known). A Linux column is "
                 "compared with the Ferry trace of its own ABI (&ldquo;vs ferry-i386&rdquo;): "
                 "those differences are judged by the verdict. A Ferry column of another ABI is "
                 "compared with the first (&ldquo;ABI vs ferry-x86_64&rdquo;, paler): ABI "
                 "differences, there by design, never failures. Under each record that differs: "
                 "what differs, and the known difference that covers it.</p>")
    parts.append(_diff(cmp))
    parts.append("<h2 id=\"known\">Known differences</h2>")
    seen = cmp.known_seen()
    if seen:
        parts.append("<ul>" + "".join(
            f"<li><b>{_e(e['id'])}</b> ({n} rows"
            + (f"; covers {_e(', '.join(e['differs']))}" if e.get("differs") else "")
            + f"): {_e(e['why'])}</li>" for e, n in seen) + "</ul>")
    else:
        parts.append("<p>None matched.</p>")
    if cmp.multi_process():
        parts.append("<h2 id=\"tree\">Process tree</h2>" + _tree(cmp))
    if any(len(perfetto.cpus(t.syscalls)) > 1 for t in cmp.traces):
        parts.append("<h2 id=\"cpus\">Per CPU</h2>" + _cpus(cmp))
    parts.append("<h2 id=\"families\">Syscalls by family, per ABI</h2>" + _families(cmp))
    parts.append("<h2 id=\"cost\">Cost per ABI and route</h2>" + _cost(cmp))
    parts.append("<h2>Name normalisation</h2><p>Calls with the same entry point in the .tbl files "
                 "are one call (canonical name); legacy calls map to the generic call that "
                 "replaces them (family). Rows used by these traces:</p>")
    parts.append(_mapping(cmp.used_mapping()))
    parts.append("<details><summary>The whole table</summary>" + _mapping(cmp.norm.mapping_rows())
                 + "</details>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
