#!/usr/bin/env python3
"""Print a Ferry trace like strace, and optionally write it back normalised.

  read.py FILE [-f] [-e trace=SET] [-e status=failed] [-tt] [-T] [-y] [-c]
          [--json OUT.jsonl] [--abi ABI[,ABI]] [--pid] [--cpu] [--route] [--quiet]
          [--meta META]

FILE is JSON Lines (qemu-run.py --trace's FILE) or a raw binary trace (FILE.ftr: decoded
here with the kernel's syscall_meta.json, --meta or build/<arch>/'s). Each syscall prints as
"name(args) = result"; exits, signals and dropped records use strace's notation.

strace's options: -f prefixes every line with [pid N] (the task id; also without -f when
the trace has several pids, or with --pid); -e trace=NAME,...|%file|%process|%signal|
%memory|%desc (a leading ! negates); -e status=failed (or successful); -tt the time since
the first record, HH:MM:SS.uuuuuu; -T each call's own time <s>; -y fd arguments with the
path the trace opened them on, 3</etc/passwd>; -c a summary table instead of the lines.
--route adds the entry route ("[int80] getpid() = 1"). The CPU a record was written on
(its ring) prefixes each line as perf script shows it, "[001] getpid() = 5", whenever the
trace's records come from more than one CPU, or always with --cpu (strace has no such
column; records merged from several rings are in timestamp order, and this column is how
to see which CPU each came from); -c then adds a calls-per-CPU line under its table.
--json writes one object per shown record with every field filled in (see records.py)
plus, for syscalls, "canonical" and "family" (normalize.py) and "line" (the text printed).
Problems with the file are warned about on stderr; the exit status is 0 unless the file cannot be read.
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

from . import binary, fmt, normalize, options, records  # noqa: E402
from . import tables as tbl  # noqa: E402

QUIET_TYPES = ("fork", "comm")      # records strace has no line for


def normalised(trace, norm, tables, pid=False, route=False, recs=None):
    """The trace's records as normalised dicts (header first)."""
    head = dict(trace.header) if trace.header else {"type": "header"}
    head["warnings"] = list(trace.warnings)
    out = [head]
    for rec in trace.records if recs is None else recs:
        r = {k: v for k, v in rec.items() if k != "fd_path"}
        if r["type"] == "syscall":
            r["canonical"], r["family"] = norm.key(r)
        r["line"] = fmt.record_line(rec, tables, pid, route)
        out.append(r)
    return out


def is_binary(path):
    """A raw trace of any format version (FERRYTR*), a *.ftr (its header may still be the
    zero placeholder a crashed run left), or anything with a NUL in its first page: binary.py
    then says in one line what it is. JSON Lines has no NUL."""
    if path.endswith(".ftr"):
        return True
    try:
        with open(path, "rb") as f:
            page = f.read(4096)
    except OSError:
        return False
    return page.startswith(binary.MAGIC[:7]) or b"\0" in page


def load(path, meta=None):
    """A Trace from JSON Lines or a .ftr file."""
    if not is_binary(path):
        return records.load(path)
    warns = []

    def warn(msg):
        warns.append(msg)
        print(f"warning: {msg}", file=sys.stderr)
    recs = binary.read(path, meta, warn, guess_meta=True)
    text = "\n".join(records.dumps_record(r) for r in recs)
    # nothing read: binary.read said why in one line; no second "no header record"
    tr = records.loads(text, path, warn if recs else (lambda m: None))
    tr.warnings = warns + tr.warnings
    tr.path = path
    return tr


def parse_e(values, ap):
    """-e trace=..., -e status=... (a bare -e NAME is trace=NAME, as in strace)."""
    trace, status = None, None
    for v in values or ():
        key, eq, val = v.partition("=")
        if not eq:
            key, val = "trace", v
        if key in ("trace", "t"):
            try:
                trace = options.TraceFilter(val)
            except ValueError as e:
                ap.error(str(e))
            known = {n for t in tbl.load().by_name.values() for n in t}
            bad = sorted(n for n in trace.names if n is not None and n not in known)
            if bad:         # strace rejects a name it does not know, rather than match nothing
                ap.error(f"-e trace={val}: invalid system call {', '.join(bad)}")
        elif key in ("status", "s"):
            if val not in ("failed", "successful", "all"):
                ap.error(f"-e status={val}: only failed, successful and all are read")
            status = None if val == "all" else val
        else:
            ap.error(f"-e {key}=: not supported (trace= and status= are)")
    return trace, status


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file")
    ap.add_argument("--json", metavar="OUT", help="write normalised JSON Lines here")
    ap.add_argument("--abi", action="append", help="only these ABIs (x86_64, i386, arm64, arm)")
    ap.add_argument("--pid", action="store_true", help="always prefix [pid N]")
    ap.add_argument("-f", dest="follow", action="store_true",
                    help="strace -f: prefix every line with [pid N]")
    ap.add_argument("-e", dest="expr", action="append", metavar="EXPR",
                    help="trace=NAME,...|%%class, status=failed")
    ap.add_argument("-tt", dest="tt", action="store_true", help="time of each record")
    ap.add_argument("-T", dest="T", action="store_true", help="time spent in each call")
    ap.add_argument("-y", dest="y", action="store_true", help="fd paths")
    ap.add_argument("-c", dest="c", action="store_true", help="summary table")
    ap.add_argument("--route", action="store_true", help="prefix the entry route")
    ap.add_argument("--cpu", action="store_true",
                    help="always prefix the CPU ([001]; shown anyway when several wrote)")
    ap.add_argument("--meta", help="syscall_meta.json for a .ftr (default: build/<arch>/)")
    ap.add_argument("--quiet", "-q", action="store_true", help="no text output")
    a = ap.parse_args(argv)
    abis = {x for v in (a.abi or []) for x in v.split(",") if x}
    bad = abis - set(tbl.ABIS)
    if bad:
        ap.error(f"unknown ABI {', '.join(sorted(bad))} (choose from {', '.join(tbl.ABIS)})")
    trace_f, status = parse_e(a.expr, ap)
    if not os.path.exists(a.file):
        print(f"read.py: {a.file}: no such file", file=sys.stderr)
        return 2
    try:
        trace = load(a.file, a.meta)
    except OSError as e:
        print(f"read.py: {e}", file=sys.stderr)
        return 2
    tables = tbl.load()
    if abis:
        trace.records = [r for r in trace.records if r["type"] != "syscall" or r["abi"] in abis]
    pids = {r.get("pid") for r in trace.syscalls}
    show_pid = a.pid or a.follow or len(pids) > 1
    show_cpu = a.cpu or len(cpus_of(trace.records)) > 1
    cps = trace.cycles_per_sec
    start = next((r.get("ts") for r in trace.records if r.get("ts") is not None), None)
    fds = options.FdPaths() if a.y else None
    shown = []
    for rec in trace.records:
        r = fds.annotate(rec) if fds else rec
        if fds:
            fds.see(rec)
            if rec["type"] == "syscall" and options.returns_fd(rec) \
                    and not rec.get("errno") and rec.get("ret") is not None:
                path = fds.path_of(rec.get("pid"), rec["ret"])
                if path is not None:
                    r = dict(r, fd_path=path)
        if r["type"] in QUIET_TYPES:
            continue
        if r["type"] == "syscall":
            if trace_f and not trace_f.wants(r):
                continue
            if status == "failed" and not options.failed(r):
                continue
            if status == "successful" and (options.failed(r) or r.get("ret") is None):
                continue
        elif trace_f or status:
            if r["type"] != "exit" and r["type"] != "dropped" and r["type"] != "signal":
                continue
        shown.append(r)
    if a.c and not a.quiet:
        print("\n".join(options.summary(shown, cps)))
        if show_cpu:
            print(per_cpu_line(shown))
    elif not a.quiet:
        try:
            for r in shown:
                line = fmt.record_line(_tid_as_pid(r) if a.follow else r, tables, show_pid,
                                       a.route)
                if show_pid:        # strace's "[pid %5u] "
                    line = options.pad_pid(line)
                if r.get("fd_path") is not None:      # -y: the new fd's path too
                    line += f"<{r['fd_path']}>"
                if show_cpu:
                    line = cpu_text(r) + " " + line
                if a.tt:
                    line = options.clock_text(r.get("ts"), cps, start) + " " + line
                if a.T and r["type"] == "syscall" and r.get("ret") is not None:
                    line += options.duration_text(r, cps)
                print(line)
        except BrokenPipeError:
            sys.stderr.close()
            return 0
    if a.json:
        norm = normalize.Normalizer(tables)
        with open(a.json, "w", encoding="utf-8") as f:
            for r in normalised(trace, norm, tables, show_pid, a.route, shown):
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return 0


def cpus_of(recs):
    """The CPUs the records were written on (those that say)."""
    return {r["cpu"] for r in recs if r.get("cpu") is not None}


def cpu_text(rec):
    """perf script's CPU column: [001]; [???] for a record no ring wrote (a loss summed
    over all rings, a Linux-column record)."""
    cpu = rec.get("cpu")
    return "[???]" if cpu is None else f"[{cpu:03d}]"


def per_cpu_line(recs):
    """-c's line under the table: syscalls per CPU ("cpu ?": records that name none)."""
    n = {}
    for r in recs:
        if r["type"] == "syscall":
            cpu = r.get("cpu")
            n[cpu] = n.get(cpu, 0) + 1
    order = sorted(n, key=lambda c: (c is None, c or 0))
    return "calls per CPU: " + ", ".join(f"cpu {'?' if c is None else c}: {n[c]}" for c in order)


def _tid_as_pid(rec):
    """strace -f's [pid N] names the thread."""
    if rec.get("type") in ("syscall", "signal") and rec.get("tid") is not None:
        return dict(rec, pid=rec["tid"])
    return rec


if __name__ == "__main__":
    sys.exit(main())
