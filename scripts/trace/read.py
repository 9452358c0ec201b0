#!/usr/bin/env python3
"""Print a Ferry trace (JSON Lines) like strace, and optionally write it back normalised.

  read.py FILE [--json OUT.jsonl] [--abi ABI[,ABI]] [--pid] [--route] [--quiet]

Each syscall record prints as "name(args) = result"; exits, signals and dropped records use
strace's notation. "[pid N]" prefixes appear with --pid or when the trace has several
pids; --route adds the entry route ("[int80] getpid() = 1"). --json writes one object per
record with every field filled in (see records.py) plus, for syscalls, "canonical" and
"family" (normalize.py) and "line" (the text printed). Problems with the file are warned
about on stderr; the exit status is 0 unless the file cannot be read.
"""
import argparse
import json
import os
import sys

if not __package__:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import _boot
    _boot.package()
    __package__ = "ferrytrace"

from . import fmt, normalize, records  # noqa: E402
from . import tables as tbl  # noqa: E402


def normalised(trace, norm, tables, pid=False, route=False):
    """The trace's records as normalised dicts (header first)."""
    head = dict(trace.header) if trace.header else {"type": "header"}
    head["warnings"] = list(trace.warnings)
    out = [head]
    for rec in trace.records:
        r = dict(rec)
        if r["type"] == "syscall":
            r["canonical"], r["family"] = norm.key(r)
        r["line"] = fmt.record_line(rec, tables, pid, route)
        out.append(r)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--json", metavar="OUT", help="write normalised JSON Lines here")
    ap.add_argument("--abi", action="append", help="only these ABIs (x86_64, i386, arm64, arm)")
    ap.add_argument("--pid", action="store_true", help="always prefix [pid N]")
    ap.add_argument("--route", action="store_true", help="prefix the entry route")
    ap.add_argument("--quiet", "-q", action="store_true", help="no text output")
    a = ap.parse_args(argv)
    abis = {x for v in (a.abi or []) for x in v.split(",") if x}
    bad = abis - set(tbl.ABIS)
    if bad:
        ap.error(f"unknown ABI {', '.join(sorted(bad))} (choose from {', '.join(tbl.ABIS)})")
    try:
        trace = records.load(a.file)
    except OSError as e:
        print(f"read.py: {e}", file=sys.stderr)
        return 2
    tables = tbl.load()
    if abis:
        trace.records = [r for r in trace.records if r["type"] != "syscall" or r["abi"] in abis]
    pids = {r.get("pid") for r in trace.syscalls}
    show_pid = a.pid or len(pids) > 1
    if not a.quiet:
        try:
            for rec in trace.records:
                print(fmt.record_line(rec, tables, show_pid, a.route))
        except BrokenPipeError:
            sys.stderr.close()
            return 0
    if a.json:
        norm = normalize.Normalizer(tables)
        with open(a.json, "w", encoding="utf-8") as f:
            for r in normalised(trace, norm, tables, show_pid, a.route):
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
