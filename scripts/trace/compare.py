#!/usr/bin/env python3
"""Compare syscall traces: each trace against the first, aligned by a real diff.

  compare.py A.jsonl B.jsonl [C.jsonl ...] [--labels A,B,C] [--text] [--json OUT]
             [--html OUT] [--perfetto OUT] [--text-out OUT] [--known FILE] [--width N]
             [--color auto|always|never] [--view auto|full|diff] [--context N]
  compare.py --mapping          print the whole name normalisation table and exit

Without --json/--html/--perfetto/--text-out, or with --text, the side-by-side table, the
counts per probe and class, the known differences seen, the normalisation used, the
per-route cost and, last, one verdict line per probe are printed on stdout. The table is as
wide as the terminal (shutil.get_terminal_size: $COLUMNS, else the terminal stdout is on,
else 160) and coloured when stdout is a terminal (--color auto, unless $NO_COLOR is set).
--view diff prints only the rows with an unexpected difference and --context rows around
them; auto (default) does that for tables longer than report_text.FULL_MAX_ROWS rows.
--text-out writes the whole table, 160 columns, without colour, to a file.
Exit status: 0 when every pair is equal, name-only or a known difference; 1 when an
unexpected difference remains; 2 on bad input (a file that cannot be read, a record whose
fields have the wrong type, a Linux trace with no Ferry trace of its ABI to be judged
against, bad known differences) and on any failure of the comparison itself, each with one
line on stderr: status 1 is only ever a verdict.
"""
import argparse
import os
import shutil
import sys

if not __package__:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import _boot
    _boot.package()
    __package__ = "ferrytrace"

from . import comparison, known, normalize, perfetto, records  # noqa: E402
from . import report_html, report_json, report_text  # noqa: E402
from . import tables as tbl  # noqa: E402


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main(argv=None):
    """The comparison; any failure of it is status 2 with one line, never 1 (a verdict)."""
    try:
        return _main(argv)
    except SystemExit:
        raise
    except BaseException as e:  # noqa: BLE001 - every crash is an error, not a verdict
        where = ""
        tb = e.__traceback__
        while tb is not None:
            where = f" ({os.path.basename(tb.tb_frame.f_code.co_filename)}:{tb.tb_lineno})"
            tb = tb.tb_next
        msg = " ".join(str(e).split()) or "no message"
        print(f"compare.py: the comparison failed: {type(e).__name__}: {msg}{where}",
              file=sys.stderr)
        return 2


def _main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("traces", nargs="*", metavar="TRACE.jsonl")
    ap.add_argument("--labels", help="comma-separated column labels (default: file names)")
    ap.add_argument("--text", action="store_true", help="print the text report (default "
                    "when no other output is asked for)")
    ap.add_argument("--json", metavar="OUT")
    ap.add_argument("--html", metavar="OUT")
    ap.add_argument("--perfetto", metavar="OUT")
    ap.add_argument("--known", metavar="FILE", help=f"known differences (default {known.DEFAULT_FILE})")
    ap.add_argument("--text-out", metavar="OUT", help="write the text report (every row, 160 "
                    "columns, no colour) to OUT")
    ap.add_argument("--width", type=int, default=None, help="text table width (default: "
                    "$COLUMNS or the terminal's, else 160)")
    ap.add_argument("--color", "--colour", choices=("auto", "always", "never"), default="auto")
    ap.add_argument("--view", choices=("auto", "full", "diff"), default="auto",
                    help=f"full: every row; diff: only rows with an unexpected difference and "
                    f"their context; auto: diff beyond {report_text.FULL_MAX_ROWS} rows")
    ap.add_argument("--context", type=int, default=report_text.CONTEXT, metavar="N",
                    help="rows of context around a difference in the diff view (default 3)")
    ap.add_argument("--mapping", action="store_true", help="print the normalisation table")
    a = ap.parse_args(argv)
    tables = tbl.load()
    norm = normalize.Normalizer(tables)
    if a.mapping:
        sys.stdout.write(report_text.mapping_text(norm))
        return 0
    if len(a.traces) < 2:
        ap.error("need at least two traces")
    labels = a.labels.split(",") if a.labels else []
    if labels and len(labels) != len(a.traces):
        ap.error(f"--labels has {len(labels)} names for {len(a.traces)} traces")
    traces = []
    for i, path in enumerate(a.traces):
        warns = []
        try:
            traces.append(records.load(path, warn=warns.append, tables=tables,
                                       label=labels[i] if labels else None))
        except OSError as e:
            print(f"compare.py: {e}", file=sys.stderr)
            return 2
        if not traces[-1].bad:
            for w in warns:
                print(f"warning: {w}", file=sys.stderr)
        else:
            (lineno, what), more = traces[-1].bad[0], len(traces[-1].bad) - 1
            print(f"compare.py: {path} line {lineno}: bad record: {what}"
                  + (f" (and {more} more bad record{'s' if more > 1 else ''})" if more else ""),
                  file=sys.stderr)
            return 2
    if not labels:          # make default labels unique
        seen = {}
        for t in traces:
            seen[t.label] = seen.get(t.label, 0) + 1
        for i, t in enumerate(traces):
            if seen[t.label] > 1:
                t.label = f"{t.label}#{i + 1}"
    try:
        entries = known.load(a.known)
    except (OSError, ValueError) as e:
        print(f"compare.py: known differences: {e}", file=sys.stderr)
        return 2
    orphans = comparison.without_ferry(traces)
    if orphans:
        print("compare.py: no Ferry trace of " + ", ".join(
            f"{t.abi} for {t.label}" for t in orphans) + " to judge it against (a Linux trace "
            "is judged against the Ferry trace of its own ABI)", file=sys.stderr)
        return 2
    cmp = comparison.Comparison(traces, norm, entries)
    if a.json:
        write(a.json, report_json.render(cmp))
    if a.html:
        write(a.html, report_html.render(cmp))
    if a.perfetto:
        write(a.perfetto, perfetto.render(traces, tables))
    if a.text_out:
        write(a.text_out, report_text.render(cmp, 160, False, "full"))
    if a.text or not (a.json or a.html or a.perfetto or a.text_out):
        tty = sys.stdout.isatty()
        colour = a.color == "always" or (a.color == "auto" and tty and not os.environ.get("NO_COLOR"))
        width = a.width or shutil.get_terminal_size((160, 24)).columns
        try:
            sys.stdout.write(report_text.render(cmp, width, colour, a.view, max(0, a.context)))
        except BrokenPipeError:
            pass
    return 1 if cmp.unexpected() else 0


if __name__ == "__main__":
    sys.exit(main())
